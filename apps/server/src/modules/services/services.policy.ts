import type { Permission } from "@linli/contracts";
import type { Actor } from "../../platform/auth/actor.js";
import { AppError } from "../../platform/errors/app-error.js";

type ServicesPermission = Extract<Permission, `services.${string}`>;

/** Refuses an actor who holds none of the permissions. */
export function authorizeServices(actor: Actor, ...needed: ServicesPermission[]): void {
  if (!needed.some((permission) => actor.permissions.includes(permission))) throw new AppError("forbidden", 403);
}
