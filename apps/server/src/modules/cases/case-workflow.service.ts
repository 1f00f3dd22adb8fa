import type { CaseDetail, CaseStage, CaseStatus, HandlerCandidates, Party, TransitionRequest } from "@linli/contracts";
import { v7 as uuidv7 } from "uuid";
import type { Database } from "../../db/client.js";
import { auditActor } from "../../platform/audit/audit.service.js";
import type { Actor, RequestContext } from "../../platform/auth/actor.js";
import { AppError, notFound } from "../../platform/errors/app-error.js";
import { type CaseInsert, CaseRepository, type CaseRow } from "./case.repository.js";
import { type CaseService, stateOf } from "./case.service.js";
import { handlerRoles } from "./case-routing.js";
import { allowedTransitions, stageOf, transitionRules } from "./case-state-machine.js";
import { recordStep } from "./case-step.js";
import { canSee, relationsOf } from "./cases.policy.js";
import { NotificationRepository } from "./notification.repository.js";
import { addStageHours, type CalendarDays } from "./working-time.js";

/**
 * The steps of a case after intake (立案, 派遣, 处置, 核查, 结案, reopening): the state machine
 * decides who may take which; each step is one transaction with its event, photos and audit row,
 * and restarts the clock of the stage it enters.
 */
export class CaseWorkflowService {
  constructor(private readonly cases: CaseService) {}

  private get deps() {
    return this.cases.deps;
  }

  async transition(actor: Actor, id: string, request: TransitionRequest, context: RequestContext): Promise<CaseDetail> {
    const calendar = await this.deps.categories.calendar();
    // Checked before the transaction: the accounts are another module's, read on its own connection.
    if ((request.transition === "dispatch" || request.transition === "reroute") && request.handlerUserId) {
      const current = await new CaseRepository(this.deps.db).find(id);
      if (current && canSee(actor, current))
        await this.assertEligible(
          current,
          request.party ?? { kind: current.partyKind as Party["kind"], name: "" },
          request.handlerUserId,
        );
    }
    await this.deps.db.transaction(async (tx) => {
      const repository = new CaseRepository(tx);
      const row = await repository.lock(id);
      if (!row || !canSee(actor, row)) throw notFound();
      const now = this.deps.now();
      const allowed = allowedTransitions(stateOf(row), relationsOf(actor, row), now).filter((t) => t !== "rate");
      if (!allowed.includes(request.transition))
        throw new AppError(
          "transition_not_allowed",
          409,
          [{ in: "body", field: "transition", code: "not_allowed", params: { transition: request.transition } }],
          { allowed },
        );
      if (request.version !== row.version)
        throw new AppError("conflict", 409, [{ in: "body", field: "version", code: "stale_version" }]);
      const to = transitionRules[request.transition].to;
      const restart = request.transition === "reroute";
      const patch: Partial<CaseInsert> = { status: to, ...this.clockFor(row, to, now, calendar, restart) };
      const details: Record<string, unknown> = {};
      switch (request.transition) {
        case "register":
          patch.registeredAt = now;
          break;
        case "merge": {
          await this.mergeInto(tx, actor, row, request.into, now);
          patch.mergedInto = request.into;
          details.into = request.into;
          break;
        }
        case "dispatch":
        case "reroute": {
          const party: Party = request.party ?? { kind: row.partyKind as Party["kind"], name: row.partyName ?? "" };
          Object.assign(patch, {
            partyKind: party.kind,
            partyName: party.name,
            handlerUserId: request.handlerUserId ?? null,
            dispatchedAt: now,
            registeredAt: row.registeredAt ?? now,
          });
          details.party = party;
          if (request.transition === "reroute") details.from = { kind: row.partyKind, name: row.partyName };
          if (request.handlerUserId)
            await new NotificationRepository(tx).insertMany([
              {
                id: uuidv7(),
                userId: request.handlerUserId,
                kind: "case_dispatched",
                caseId: row.id,
                caseNumber: row.number,
                createdAt: now,
              },
            ]);
          break;
        }
        case "decline":
          patch.handlerUserId = null;
          break;
        case "handle":
          patch.handledAt = now;
          patch.handledOnTime = row.dueAt === null || now.getTime() <= row.dueAt.getTime();
          break;
        case "verify":
          patch.verifiedAt = now;
          break;
        case "send_back":
          patch.reworkCount = row.reworkCount + 1;
          break;
        case "close":
          patch.closedAt = now;
          break;
        case "reopen":
          Object.assign(patch, { reopenCount: row.reopenCount + 1, closedAt: null, rating: null, ratingComment: null });
          break;
      }
      await repository.update(row.id, patch);
      await this.deps.photos.attach(tx, request.photoIds, row.id, "photoIds");
      await recordStep(tx, this.deps.audit, {
        caseId: row.id,
        kind: request.transition,
        from: row.status as CaseStatus,
        to,
        actorUserId: actor.userId,
        auditActor: auditActor(actor),
        ip: context.ip,
        note: request.note ?? null,
        photoIds: request.photoIds,
        details,
        at: now,
      });
    });
    return this.cases.get(actor, id);
  }

  /** Whom a leader may name as the handler: accounts of each party's roles whose scope covers the case. */
  async handlerCandidates(actor: Actor, id: string): Promise<HandlerCandidates> {
    const row = await new CaseRepository(this.deps.db).find(id);
    if (!row || !canSee(actor, row)) throw notFound();
    if (!relationsOf(actor, row).has("leader")) throw new AppError("forbidden", 403);
    const roles = [...new Set(Object.values(handlerRoles).flat())];
    const accounts = await this.deps.accounts.covering(row.regionCode, row.gridCode, roles);
    return {
      routed: row.partyKind ? { kind: row.partyKind as Party["kind"], name: row.partyName ?? "" } : null,
      candidates: accounts.map((account) => ({
        id: account.id,
        displayName: account.displayName,
        partyKinds: (Object.keys(handlerRoles) as Party["kind"][]).filter((kind) =>
          handlerRoles[kind].some((role) => account.roles.includes(role)),
        ),
      })),
    };
  }

  /** The reporter reopens a closed case by its tracking code, within seven days of closing. */
  async reopenByTracking(code: string, note: string, context: RequestContext): Promise<void> {
    const target = await this.cases.byTrackingCode(code);
    const calendar = await this.deps.categories.calendar();
    await this.deps.db.transaction(async (tx) => {
      const repository = new CaseRepository(tx);
      const row = await repository.lock(target.id);
      if (!row) throw notFound();
      const now = this.deps.now();
      if (!allowedTransitions(stateOf(row), new Set(["reporter"]), now).includes("reopen"))
        throw new AppError("transition_not_allowed", 409, [
          { in: "body", field: "note", code: "not_allowed", params: { transition: "reopen" } },
        ]);
      await repository.update(row.id, {
        status: "registered",
        ...this.clockFor(row, "registered", now, calendar),
        reopenCount: row.reopenCount + 1,
        closedAt: null,
        rating: null,
        ratingComment: null,
      });
      await recordStep(tx, this.deps.audit, {
        caseId: row.id,
        kind: "reopen",
        from: row.status as CaseStatus,
        to: "registered",
        actorUserId: null,
        auditActor: { userId: null, username: null, roles: [] },
        ip: context.ip,
        note,
        at: now,
      });
    });
  }

  /**
   * The clock after a step: entering a new stage (or a reroute to a new party) starts its limit
   * afresh and clears its escalation; staying in the stage keeps the due time; leaving the clock
   * clears it.
   */
  private clockFor(row: CaseRow, to: CaseStatus, now: Date, calendar: CalendarDays, restart = false): Partial<CaseInsert> {
    const stage: CaseStage | null = stageOf(to);
    if (stage === null) return { stage: null, dueAt: null };
    if (stage === row.stage && !restart) return {};
    return {
      stage,
      dueAt: addStageHours(now, row.limits[stage], row.workingHours, calendar),
      escalationLevel: 0,
      escalatedAt: null,
    };
  }

  private async mergeInto(tx: Database, actor: Actor, row: CaseRow, intoId: string, now: Date): Promise<void> {
    const repository = new CaseRepository(tx);
    const target = intoId === row.id ? undefined : await repository.lock(intoId);
    if (!target || !canSee(actor, target) || target.categoryCode !== row.categoryCode || target.stage === null)
      throw new AppError("validation_failed", 400, [{ in: "body", field: "into", code: "not_open" }]);
    await CaseRepository.insertEvent({
      id: uuidv7(),
      caseId: target.id,
      kind: "merged_in",
      fromStatus: null,
      toStatus: null,
      actorUserId: actor.userId,
      note: null,
      photoIds: [],
      details: { from: row.id, number: row.number },
      occurredAt: now,
    }).run(tx);
  }

  /** A named handler must be an active account of the party's roles whose scope covers the case. */
  private async assertEligible(row: CaseRow, party: Party, userId: string): Promise<void> {
    const accounts = await this.deps.accounts.covering(row.regionCode, row.gridCode, handlerRoles[party.kind]);
    if (!accounts.some((account) => account.id === userId))
      throw new AppError("validation_failed", 400, [{ in: "body", field: "handlerUserId", code: "handler_not_eligible" }]);
  }
}
