import type { RecordVisit, Visit } from "@linli/contracts";
import { v7 as uuidv7 } from "uuid";
import type { Database } from "../../db/client.js";
import { type AuditService, succeeded } from "../../platform/audit/audit.service.js";
import type { Actor, RequestContext } from "../../platform/auth/actor.js";
import { AppError, invalid, notFound } from "../../platform/errors/app-error.js";
import { covers } from "../../platform/scope/scope.js";
import { localDate } from "../../platform/time/local-date.js";
import type { CaseService, PreparedReport } from "../cases/case.service.js";
import type { HouseholdService } from "../people/household.service.js";
import type { ServiceRequestService } from "../services/service-request.service.js";
import { toVisit } from "./visit.presenter.js";
import { VisitRepository } from "./visit.repository.js";
import { VisitTaskRepository } from "./visit-task.repository.js";
import { authorizeVisits } from "./visits.policy.js";

export interface VisitDependencies {
  db: Database;
  audit: AuditService;
  households: HouseholdService;
  cases: CaseService;
  serviceRequests: ServiceRequestService;
  now: () => Date;
}

/** A visit may be recorded up to this long after its time by the server's clock (phones' clocks drift). */
const clockSkewMs = 5 * 60_000;

/**
 * Door-to-door visits (入户走访): recorded by the visitor, doing their tasks, raising needs as
 * cases or service requests in the same step.
 */
export class VisitService {
  constructor(private readonly deps: VisitDependencies) {}

  async record(actor: Actor, input: RecordVisit, context: RequestContext): Promise<Visit> {
    authorizeVisits(actor, "visits.record");
    const { db, audit, households, cases, serviceRequests } = this.deps;
    const household = await households.siteOf(input.householdId);
    if (!household) throw invalid("householdId", "unknown_household");
    if (!covers(actor.scope, household.regionCode, household.gridCode)) throw invalid("householdId", "outside_your_grid");
    const visitedAt = new Date(input.visitedAt);
    if (visitedAt.getTime() > this.deps.now().getTime() + clockSkewMs) throw invalid("visitedAt", "in_future");
    if (input.residentId && !household.memberIds.includes(input.residentId)) throw invalid("residentId", "not_in_household");
    const task = input.taskId ? await new VisitTaskRepository(db).find(input.taskId) : undefined;
    if (input.taskId && (task?.householdId !== household.id || task.visitId !== null))
      throw invalid("taskId", "not_an_open_task_of_the_household");
    // A note about a register person belongs to a register task, and is shown only to that register's readers.
    const register = task?.target === "register" ? task.register : null;
    if (input.registerNote && !register) throw invalid("registerNote", "needs_a_register_task");
    const residentId = input.residentId ?? task?.residentId ?? null;

    // Every need is checked and placed (at the household) before anything is written.
    const needs: PreparedReport[] = [];
    for (const [index, need] of input.needs.entries()) {
      const report = {
        ...need,
        address: household.address,
        answers: {},
        photoIds: [],
        ...(household.compoundId ? { compoundId: household.compoundId } : {}),
      };
      needs.push(
        await cases.prepare({ kind: "user", actor }, report, household).catch((error: unknown) => {
          if (!(error instanceof AppError) || error.fieldErrors.length === 0) throw error;
          const fields = error.fieldErrors.map((item) => ({ ...item, field: `needs.${index}.${item.field}` }));
          throw new AppError(error.code, error.status, fields, error.extras);
        }),
      );
    }

    const id = uuidv7();
    const { row, done } = await db.transaction(async (tx) => {
      const caseIds: string[] = [];
      for (const need of needs) {
        const caseId = uuidv7();
        await cases.open(tx, need, caseId, context, { visitId: id });
        caseIds.push(caseId);
      }
      const serviceRequestIds = await serviceRequests.openFromVisit(
        tx,
        actor,
        {
          visitId: id,
          householdId: household.id,
          residentId,
          regionCode: household.regionCode,
          gridCode: household.gridCode,
          address: household.address,
        },
        input.serviceNeeds,
        context,
      );
      const inserted = await new VisitRepository(tx).insert({
        id,
        householdId: household.id,
        residentId,
        regionCode: household.regionCode,
        gridCode: household.gridCode,
        visitorUserId: actor.userId,
        visitedAt,
        longitude: input.longitude ?? null,
        latitude: input.latitude ?? null,
        metWith: input.metWith,
        findings: input.findings,
        register,
        registerNote: input.registerNote ?? null,
        caseIds,
        serviceRequestIds,
      });
      const completed = await new VisitTaskRepository(tx).completeBy(id, household.id, residentId, localDate(visitedAt));
      await audit.record(tx, succeeded(actor, context, "visits.recorded", { type: "visit", id }));
      return { row: inserted, done: completed };
    });
    return toVisit(row, done, actor);
  }

  /** A visit, for its visitor or a reader of visits in whose scope it lies. */
  async get(actor: Actor, id: string): Promise<Visit> {
    const row = await new VisitRepository(this.deps.db).find(id);
    const mayRead =
      row &&
      (row.visitorUserId === actor.userId ||
        (actor.permissions.includes("visits.read") && covers(actor.scope, row.regionCode, row.gridCode)));
    if (!row || !mayRead) throw notFound();
    return toVisit(row, await new VisitTaskRepository(this.deps.db).doneBy(id), actor);
  }
}
