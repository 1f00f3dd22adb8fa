import type { Permission } from "@linli/contracts";
import type { Actor } from "../../platform/auth/actor.js";
import { AppError } from "../../platform/errors/app-error.js";

type DeliberationPermission = Extract<Permission, `deliberation.${string}`>;

/** Refuses an actor who holds none of the permissions. */
export function authorizeDeliberation(actor: Actor, ...needed: DeliberationPermission[]): void {
  if (!needed.some((permission) => actor.permissions.includes(permission))) throw new AppError("forbidden", 403);
}

/** The owners' register is part of the population registry: those who manage the registry keep it. */
export function authorizeOwnersRegister(actor: Actor): void {
  if (!actor.permissions.includes("people.manage")) throw new AppError("forbidden", 403);
}

/** Whether the actor organises meetings (sees sign-in codes and attendance lists, records paper ballots). */
export const organises = (actor: Actor) => actor.permissions.includes("deliberation.manage");
