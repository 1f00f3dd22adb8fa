import type { Register, Visit, VisitRule, VisitTask } from "@linli/contracts";
import type { Actor } from "../../platform/auth/actor.js";
import type { VisitRow } from "./visit.repository.js";
import type { VisitRuleRow } from "./visit-rule.repository.js";
import type { VisitTaskRow } from "./visit-task.repository.js";

export function toVisitRule(row: VisitRuleRow): VisitRule {
  return {
    id: row.id,
    regionCode: row.regionCode,
    name: row.name,
    target: row.target as VisitRule["target"],
    tag: row.tag as VisitRule["tag"],
    register: row.register as VisitRule["register"],
    frequency: row.frequency as VisitRule["frequency"],
    companions: row.companions as VisitRule["companions"],
    active: row.active,
    version: row.version,
  };
}

/** Done, overdue (open past its due date on `today`) or open. */
export function toVisitTask(row: VisitTaskRow, today: string): VisitTask {
  return {
    id: row.id,
    ruleId: row.ruleId,
    ruleName: row.ruleName,
    target: row.target as VisitTask["target"],
    householdId: row.householdId,
    residentId: row.residentId,
    address: row.address,
    compoundId: row.compoundId,
    gridCode: row.gridCode,
    assigneeUserId: row.assigneeUserId,
    companions: row.companions as VisitTask["companions"],
    periodStart: row.periodStart,
    dueDate: row.dueDate,
    status: row.visitId ? "done" : row.dueDate < today ? "overdue" : "open",
    visitId: row.visitId,
  };
}

/** A visit; which register it was about, and its note, only for a reader who holds that register's permission. */
export function toVisit(row: VisitRow, completedTaskIds: string[], reader: Actor): Visit {
  const register = row.register as Register | null;
  const mayReadNote = register !== null && reader.permissions.includes(`registers.${register}.read` as never);
  return {
    id: row.id,
    householdId: row.householdId,
    residentId: row.residentId,
    regionCode: row.regionCode,
    gridCode: row.gridCode,
    visitorUserId: row.visitorUserId,
    visitedAt: row.visitedAt.toISOString(),
    longitude: row.longitude,
    latitude: row.latitude,
    metWith: row.metWith,
    findings: row.findings,
    register: mayReadNote ? register : null,
    registerNote: mayReadNote ? row.registerNote : null,
    caseIds: row.caseIds,
    serviceRequestIds: row.serviceRequestIds,
    completedTaskIds,
  };
}
