import type { Permission } from "@linli/contracts";
import type { Actor } from "../../platform/auth/actor.js";
import { AppError } from "../../platform/errors/app-error.js";

type DisputePermission = Extract<Permission, `disputes.${string}`>;

/** Refuses an actor who holds none of the permissions. */
export function authorizeDisputes(actor: Actor, ...needed: DisputePermission[]): void {
  if (!needed.some((permission) => actor.permissions.includes(permission))) throw new AppError("forbidden", 403);
}
