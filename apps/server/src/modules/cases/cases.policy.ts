import type { Permission } from "@linli/contracts";
import type { Actor } from "../../platform/auth/actor.js";
import { AppError } from "../../platform/errors/app-error.js";
import { covers } from "../../platform/scope/scope.js";
import type { CaseRow } from "./case.repository.js";
import { handlerRoles } from "./case-routing.js";
import type { CaseRelation } from "./case-state-machine.js";

type CasePermission = Extract<Permission, `cases.${string}` | "open311.clients.manage">;

/** Refuses an actor who holds none of the permissions. */
export function authorizeCases(actor: Actor, ...needed: CasePermission[]): void {
  if (!needed.some((permission) => actor.permissions.includes(permission))) throw new AppError("forbidden", 403);
}

/** Whether the actor may see the case at all: inside their scope with `cases.read`, or as its reporter or handler. */
export function canSee(actor: Actor, row: CaseRow): boolean {
  if (row.reporterUserId === actor.userId || row.handlerUserId === actor.userId) return true;
  return actor.permissions.includes("cases.read") && covers(actor.scope, row.regionCode, row.gridCode);
}

/**
 * How the actor stands to the case: a leader dispatches and checks cases of their scope; a
 * handler acts for the responsible party (the named account, or else an account of the party's
 * roles whose scope covers the case); the reporter follows and rates it.
 */
export function relationsOf(actor: Actor, row: CaseRow): Set<CaseRelation> {
  const relations = new Set<CaseRelation>();
  const inScope = covers(actor.scope, row.regionCode, row.gridCode);
  if (inScope && actor.permissions.includes("cases.dispatch")) relations.add("leader");
  if (actor.permissions.includes("cases.handle") && row.partyKind) {
    const named = row.handlerUserId === actor.userId;
    const ofParty =
      row.handlerUserId === null &&
      inScope &&
      handlerRoles[row.partyKind as keyof typeof handlerRoles].some((role) => actor.roles.includes(role));
    if (named || ofParty) relations.add("handler");
  }
  if (row.reporterUserId === actor.userId) relations.add("reporter");
  return relations;
}
