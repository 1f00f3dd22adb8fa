import type { Permission } from "@linli/contracts";
import type { Actor } from "../../platform/auth/actor.js";
import { AppError } from "../../platform/errors/app-error.js";
import { covers } from "../../platform/scope/scope.js";

type VisitPermission = Extract<Permission, `visits.${string}`>;

/** Refuses an actor who holds none of the permissions. */
export function authorizeVisits(actor: Actor, ...needed: VisitPermission[]): void {
  if (!needed.some((permission) => actor.permissions.includes(permission))) throw new AppError("forbidden", 403);
}

/**
 * Refuses a community outside the actor's scope. `partly` accepts an actor who has only some of
 * its grids (a grid leader reading figures that the query then narrows to them).
 */
export function assertCommunityInScope(actor: Actor, regionCode: string, { partly = false } = {}): void {
  const inside = covers(actor.scope, regionCode) || (partly && actor.scope.grids.some((grid) => grid.startsWith(regionCode)));
  if (!inside) throw new AppError("forbidden", 403);
}
