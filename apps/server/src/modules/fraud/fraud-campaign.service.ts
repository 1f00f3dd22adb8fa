import type { CreateFraudCampaign, FraudCampaign, FraudProgress, Locale } from "@linli/contracts";
import { v7 as uuidv7 } from "uuid";
import type { Database } from "../../db/client.js";
import { type AuditService, succeeded } from "../../platform/audit/audit.service.js";
import type { Actor, RequestContext } from "../../platform/auth/actor.js";
import { AppError, notFound } from "../../platform/errors/app-error.js";
import { covers } from "../../platform/scope/scope.js";
import { percent } from "../../platform/stats/rates.js";
import { localDate } from "../../platform/time/local-date.js";
import type { RegionService } from "../regions/region.service.js";
import { authorizeFraud } from "./fraud.policy.js";
import { type CampaignSummaryRow, FraudCampaignRepository } from "./fraud-campaign.repository.js";
import { campaignsWorkbook, progressWorkbook } from "./fraud-export.js";

export interface FraudDependencies {
  db: Database;
  audit: AuditService;
  regions: RegionService;
  now: () => Date;
}

export const toCampaign = (row: CampaignSummaryRow): FraudCampaign => ({
  id: row.id,
  regionCode: row.regionCode,
  regionName: row.regionName,
  title: row.title,
  startsOn: row.startsOn,
  deadline: row.deadline,
  warnings: row.warnings,
  done: row.done,
  createdAt: new Date(row.createdAt).toISOString(),
});

/** Anti-fraud campaigns (反诈 上门预警劝阻): set up by the police liaison or the township, followed per township. */
export class FraudCampaignService {
  constructor(readonly deps: FraudDependencies) {}

  today(): string {
    return localDate(this.deps.now());
  }

  async create(actor: Actor, input: CreateFraudCampaign, context: RequestContext): Promise<FraudCampaign> {
    authorizeFraud(actor, "fraud.manage");
    if (!covers(actor.scope, input.regionCode)) throw new AppError("forbidden", 403);
    if (!(await this.deps.regions.findActive(input.regionCode)))
      throw new AppError("validation_failed", 400, [{ in: "body", field: "regionCode", code: "unknown_area" }]);
    const id = uuidv7();
    await this.deps.db.transaction(async (tx) => {
      await new FraudCampaignRepository(tx).insert({ id, ...input, createdBy: actor.userId });
      await this.deps.audit.record(tx, succeeded(actor, context, "fraud.campaign_created", { type: "fraud_campaign", id }));
    });
    return this.get(actor, id);
  }

  async list(actor: Actor): Promise<{ items: FraudCampaign[] }> {
    authorizeFraud(actor, "fraud.read", "fraud.manage");
    return { items: (await new FraudCampaignRepository(this.deps.db).list(actor.scope, 200)).map(toCampaign) };
  }

  async get(actor: Actor, id: string): Promise<FraudCampaign> {
    return toCampaign(await this.find(actor, id));
  }

  /** The campaign if the actor may follow it (its area reaches into their scope); else 404. */
  async find(actor: Actor, id: string): Promise<CampaignSummaryRow> {
    authorizeFraud(actor, "fraud.read", "fraud.manage");
    const row = await new FraudCampaignRepository(this.deps.db).find(id, actor.scope);
    if (!row) throw notFound();
    return row;
  }

  /** Per township (per community inside a township's or a community's campaign), what the actor's scope holds. */
  async progress(actor: Actor, id: string): Promise<FraudProgress> {
    const campaign = await this.find(actor, id);
    const groupedBy = campaign.regionCode.length >= 9 ? "community" : "township";
    const rows = await new FraudCampaignRepository(this.deps.db).progress(
      id,
      groupedBy === "township" ? 9 : 12,
      this.today(),
      actor.scope,
    );
    return {
      groupedBy,
      items: rows.map((row) => ({
        ...row,
        regionName: row.regionName ?? row.regionCode,
        reachedRate: percent(row.dissuaded + row.warned, row.total),
      })),
    };
  }

  async exportProgress(actor: Actor, id: string, locale: Locale): Promise<Buffer> {
    return progressWorkbook(await this.progress(actor, id), locale);
  }

  async exportList(actor: Actor, locale: Locale): Promise<Buffer> {
    return campaignsWorkbook((await this.list(actor)).items, locale);
  }
}
