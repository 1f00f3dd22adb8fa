import type {
  AddDisputeSession,
  CloseDispute,
  CreateDispute,
  Dispute,
  DisputeList,
  DisputeListQuery,
  DisputeStats,
  DisputeStatsQuery,
  Locale,
} from "@linli/contracts";
import { v7 as uuidv7 } from "uuid";
import type { Database } from "../../db/client.js";
import { type AuditService, succeeded } from "../../platform/audit/audit.service.js";
import type { Actor, RequestContext } from "../../platform/auth/actor.js";
import { AppError, type FieldErrorInput, notFound } from "../../platform/errors/app-error.js";
import { covers } from "../../platform/scope/scope.js";
import { percent } from "../../platform/stats/rates.js";
import { localDate } from "../../platform/time/local-date.js";
import type { ResidentService } from "../people/resident.service.js";
import { toDisputeSummary, toSession } from "./dispute.presenter.js";
import { DisputeRepository } from "./dispute.repository.js";
import { disputesWorkbook, statsWorkbook } from "./dispute-export.js";
import { authorizeDisputes } from "./disputes.policy.js";

export interface DisputeDependencies {
  db: Database;
  audit: AuditService;
  residents: ResidentService;
  now: () => Date;
}

const invalid = (errors: FieldErrorInput[]) => new AppError("validation_failed", 400, errors);
/** The most days a statistics period may span. */
const maxStatsDays = 366;

/** The dispute register (矛盾纠纷): taken in, mediated in sessions, closed with an outcome, followed up. */
export class DisputeService {
  constructor(private readonly deps: DisputeDependencies) {}

  private today(): string {
    return localDate(this.deps.now());
  }

  async create(actor: Actor, input: CreateDispute, context: RequestContext): Promise<Dispute> {
    authorizeDisputes(actor, "disputes.record");
    const gridCode = input.gridCode ?? this.ownGrid(actor, input.regionCode);
    if (gridCode && !gridCode.startsWith(input.regionCode))
      throw invalid([{ in: "body", field: "gridCode", code: "outside_community" }]);
    if (!covers(actor.scope, input.regionCode, gridCode)) throw new AppError("forbidden", 403);
    if (input.reportedOn > this.today()) throw invalid([{ in: "body", field: "reportedOn", code: "in_future" }]);
    await this.checkParties(actor, input.parties);
    const id = uuidv7();
    await this.deps.db.transaction(async (tx) => {
      await new DisputeRepository(tx).insert({
        id,
        regionCode: input.regionCode,
        gridCode: gridCode ?? null,
        kind: input.kind,
        summary: input.summary,
        parties: input.parties,
        mediators: input.mediators,
        reportedOn: input.reportedOn,
        createdBy: actor.userId,
      });
      await this.deps.audit.record(tx, succeeded(actor, context, "disputes.created", { type: "dispute", id }));
    });
    return this.get(actor, id);
  }

  /** A grid member's own grid in the community, when they have exactly one there. */
  private ownGrid(actor: Actor, regionCode: string): string | undefined {
    const grids = actor.scope.grids.filter((grid) => grid.startsWith(regionCode));
    return grids.length === 1 ? grids[0] : undefined;
  }

  /** A party linked to the registry must be a resident the actor may see. */
  private async checkParties(actor: Actor, parties: CreateDispute["parties"]): Promise<void> {
    const errors: FieldErrorInput[] = [];
    for (const [index, party] of parties.entries()) {
      if (!party.residentId) continue;
      try {
        const resident = await this.deps.residents.get(actor, party.residentId);
        if (resident.name !== party.name) errors.push({ in: "body", field: `parties.${index}.name`, code: "name_mismatch" });
      } catch (error) {
        if (!(error instanceof AppError) || (error.status !== 404 && error.status !== 403)) throw error;
        errors.push({ in: "body", field: `parties.${index}.residentId`, code: "unknown_resident" });
      }
    }
    if (errors.length > 0) throw invalid(errors);
  }

  async list(actor: Actor, query: DisputeListQuery): Promise<DisputeList> {
    authorizeDisputes(actor, "disputes.read", "disputes.record");
    const rows = await new DisputeRepository(this.deps.db).list(actor.scope, query, 2_000);
    return { items: rows.map((row) => ({ ...toDisputeSummary(row), sessions: row.sessions })) };
  }

  async get(actor: Actor, id: string): Promise<Dispute> {
    authorizeDisputes(actor, "disputes.read", "disputes.record");
    const repository = new DisputeRepository(this.deps.db);
    const row = await repository.findInScope(id, actor.scope);
    if (!row) throw notFound();
    return { ...toDisputeSummary(row), sessions: (await repository.sessionsOf(id)).map(toSession) };
  }

  /** A mediation session: on a day from the report to today, while the dispute is open. */
  async addSession(actor: Actor, id: string, input: AddDisputeSession, context: RequestContext): Promise<Dispute> {
    authorizeDisputes(actor, "disputes.record");
    await this.deps.db.transaction(async (tx) => {
      const repository = new DisputeRepository(tx);
      const dispute = await repository.lockInScope(id, actor.scope);
      if (!dispute) throw notFound();
      if (dispute.outcome) throw new AppError("conflict", 409, [{ in: "params", field: "id", code: "already_closed" }]);
      if (input.heldOn > this.today()) throw invalid([{ in: "body", field: "heldOn", code: "in_future" }]);
      if (input.heldOn < String(dispute.reportedOn)) throw invalid([{ in: "body", field: "heldOn", code: "before_reported" }]);
      await repository.insertSession({
        id: uuidv7(),
        disputeId: id,
        heldOn: input.heldOn,
        notes: input.notes,
        recordedBy: actor.userId,
      });
      await this.deps.audit.record(tx, succeeded(actor, context, "disputes.session_added", { type: "dispute", id }));
    });
    return this.get(actor, id);
  }

  /**
   * Closes the dispute with its outcome (version-checked). An agreement needs a session that
   * reached it, and a follow-up date to check it holds; a referral or a withdrawal needs neither.
   */
  async close(actor: Actor, id: string, input: CloseDispute, context: RequestContext): Promise<Dispute> {
    authorizeDisputes(actor, "disputes.record");
    const today = this.today();
    await this.deps.db.transaction(async (tx) => {
      const repository = new DisputeRepository(tx);
      const dispute = await repository.lockInScope(id, actor.scope);
      if (!dispute) throw notFound();
      if (dispute.outcome) throw new AppError("conflict", 409, [{ in: "params", field: "id", code: "already_closed" }]);
      if (dispute.version !== input.version)
        throw new AppError("conflict", 409, [{ in: "body", field: "version", code: "stale_version" }]);
      const errors: FieldErrorInput[] = [];
      if (input.outcome === "agreement") {
        if ((await repository.sessionsOf(id)).length === 0)
          errors.push({ in: "body", field: "outcome", code: "needs_a_session" });
        if (!input.followUpOn) errors.push({ in: "body", field: "followUpOn", code: "required" });
      }
      if (input.followUpOn && input.followUpOn < today) errors.push({ in: "body", field: "followUpOn", code: "in_past" });
      if (errors.length > 0) throw invalid(errors);
      await repository.close(id, {
        outcome: input.outcome,
        resolution: input.resolution,
        followUpOn: input.followUpOn ?? null,
        closedOn: today,
      });
      await this.deps.audit.record(tx, succeeded(actor, context, "disputes.closed", { type: "dispute", id }));
    });
    return this.get(actor, id);
  }

  /** Per community: received, open, how they ended, the mediation success rate, follow-ups due. */
  async stats(actor: Actor, query: DisputeStatsQuery): Promise<DisputeStats> {
    authorizeDisputes(actor, "disputes.read");
    if (query.to < query.from) throw invalid([{ in: "query", field: "to", code: "before_start" }]);
    const days = (Date.parse(query.to) - Date.parse(query.from)) / 86_400_000;
    if (days > maxStatsDays) throw invalid([{ in: "query", field: "to", code: "range_too_long" }]);
    const rows = await new DisputeRepository(this.deps.db).stats(
      actor.scope,
      query.regionCode,
      query.from,
      query.to,
      this.today(),
    );
    return {
      items: rows.map((row) => ({
        ...row,
        regionName: row.regionName ?? row.regionCode,
        successRate: percent(row.agreement, row.agreement + row.referred),
      })),
    };
  }

  async exportList(actor: Actor, query: DisputeListQuery, locale: Locale): Promise<Buffer> {
    return disputesWorkbook((await this.list(actor, query)).items, locale);
  }

  async exportStats(actor: Actor, query: DisputeStatsQuery, locale: Locale): Promise<Buffer> {
    return statsWorkbook(await this.stats(actor, query), locale);
  }
}
