import { type Permission, type Register, registerPermission, registers } from "@linli/contracts";
import type { Actor } from "../../platform/auth/actor.js";
import { AppError } from "../../platform/errors/app-error.js";

/** Refuses with 403 unless the actor holds one of `needed`. */
export function authorizePeople(actor: Actor, ...needed: Permission[]): void {
  if (!needed.some((permission) => actor.permissions.includes(permission))) throw new AppError("forbidden", 403);
}

export function mayReadRegister(actor: Actor, register: Register): boolean {
  return actor.permissions.includes(registerPermission(register));
}

/** The registers the actor may read: the others' records, and whether a person is on them, stay hidden. */
export function readableRegisters(actor: Actor): Register[] {
  return registers.filter((register) => mayReadRegister(actor, register));
}

export function authorizeRegister(actor: Actor, register: Register): void {
  if (!mayReadRegister(actor, register)) throw new AppError("forbidden", 403);
}
