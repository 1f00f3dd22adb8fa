import type { FraudWarning, FraudWarningListQuery, FraudWarningStatus, Locale, RecordFraudOutcome } from "@linli/contracts";
import { succeeded } from "../../platform/audit/audit.service.js";
import type { Actor, RequestContext } from "../../platform/auth/actor.js";
import { AppError, notFound } from "../../platform/errors/app-error.js";
import { covers } from "../../platform/scope/scope.js";
import { authorizeFraud } from "./fraud.policy.js";
import { FraudCampaignRepository, type WarningRow } from "./fraud-campaign.repository.js";
import type { FraudCampaignService } from "./fraud-campaign.service.js";
import { warningsWorkbook } from "./fraud-export.js";

const statusOf = (row: WarningRow, today: string): FraudWarningStatus =>
  row.outcome ?? (row.deadline < today ? "overdue" : "open");

const toWarning = (row: WarningRow, today: string): FraudWarning => ({
  id: row.id,
  campaignId: row.campaignId,
  campaignTitle: row.campaignTitle,
  residentId: row.residentId,
  name: row.name,
  address: row.address,
  regionCode: row.regionCode,
  gridCode: row.gridCode,
  assigneeUserId: row.assigneeUserId,
  reason: row.reason,
  deadline: row.deadline,
  status: statusOf(row, today),
  note: row.note,
  doneAt: row.doneAt ? new Date(row.doneAt).toISOString() : null,
});

/** The door-to-door warnings: the grid member's own list, a campaign's list, and the outcome of each visit. */
export class FraudWarningService {
  constructor(private readonly campaigns: FraudCampaignService) {}

  private get db() {
    return this.campaigns.deps.db;
  }

  async list(actor: Actor, query: FraudWarningListQuery): Promise<{ items: FraudWarning[] }> {
    const today = this.campaigns.today();
    const repository = new FraudCampaignRepository(this.db);
    if (query.view === "mine") {
      authorizeFraud(actor, "visits.record");
      return { items: (await repository.assignedTo(actor.userId, today, query.status)).map((row) => toWarning(row, today)) };
    }
    if (!query.campaignId) throw new AppError("validation_failed", 400, [{ in: "query", field: "campaignId", code: "required" }]);
    await this.campaigns.find(actor, query.campaignId);
    const rows = await repository.ofCampaign(query.campaignId, actor.scope, today, query.status);
    return { items: rows.map((row) => toWarning(row, today)) };
  }

  async export(actor: Actor, query: FraudWarningListQuery, locale: Locale): Promise<Buffer> {
    return warningsWorkbook((await this.list(actor, query)).items, locale);
  }

  /**
   * Records what came of the visit: by the assigned grid member, a colleague of that grid, or
   * whoever manages campaigns there. "Not reached" may be followed by a later outcome; a warning
   * delivered stays delivered.
   */
  async recordOutcome(actor: Actor, id: string, input: RecordFraudOutcome, context: RequestContext): Promise<FraudWarning> {
    authorizeFraud(actor, "visits.record", "fraud.manage");
    await this.db.transaction(async (tx) => {
      const repository = new FraudCampaignRepository(tx);
      const warning = await repository.lockWarning(id);
      if (!warning || !covers(actor.scope, warning.regionCode, warning.gridCode)) throw notFound();
      const mayRecord =
        warning.assigneeUserId === actor.userId ||
        actor.permissions.includes("fraud.manage") ||
        (actor.permissions.includes("visits.record") &&
          warning.gridCode !== null &&
          actor.scope.grids.includes(warning.gridCode));
      if (!mayRecord) throw new AppError("forbidden", 403);
      if (warning.outcome && warning.outcome !== "not_reached")
        throw new AppError("conflict", 409, [{ in: "params", field: "id", code: "already_recorded" }]);
      await repository.recordOutcome(id, input.outcome, input.note, actor.userId, this.campaigns.deps.now());
      await this.campaigns.deps.audit.record(
        tx,
        succeeded(actor, context, "fraud.warning_recorded", { type: "fraud_warning", id }),
      );
    });
    const row = await new FraudCampaignRepository(this.db).findWarning(id);
    if (!row) throw notFound();
    return toWarning(row, this.campaigns.today());
  }
}
