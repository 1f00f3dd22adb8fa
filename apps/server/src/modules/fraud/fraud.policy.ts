import type { Permission } from "@linli/contracts";
import type { Actor } from "../../platform/auth/actor.js";
import { AppError } from "../../platform/errors/app-error.js";

type FraudPermission = Extract<Permission, `fraud.${string}` | "visits.record">;

/** Refuses an actor who holds none of the permissions. */
export function authorizeFraud(actor: Actor, ...needed: FraudPermission[]): void {
  if (!needed.some((permission) => actor.permissions.includes(permission))) throw new AppError("forbidden", 403);
}
