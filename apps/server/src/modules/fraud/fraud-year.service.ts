import type { FraudYear, Locale, PutFraudYear } from "@linli/contracts";
import type { Database } from "../../db/client.js";
import { type AuditService, succeeded } from "../../platform/audit/audit.service.js";
import type { Actor, RequestContext } from "../../platform/auth/actor.js";
import { AppError } from "../../platform/errors/app-error.js";
import { covers } from "../../platform/scope/scope.js";
import { yearOnYear } from "../../platform/stats/rates.js";
import { authorizeFraud } from "./fraud.policy.js";
import { yearsWorkbook } from "./fraud-export.js";
import { FraudYearRepository, type FraudYearRow } from "./fraud-year.repository.js";

/** Whether an area lies in the scope or holds part of it (a community's staff read their county's figures). */
const reaches = (actor: Actor, regionCode: string) =>
  covers(actor.scope, regionCode) || [...actor.scope.regions, ...actor.scope.grids].some((place) => place.startsWith(regionCode));

/**
 * The police's yearly figures (破案、抓获、止付冻结) for an area, entered by the police liaison,
 * each year shown with its change on the year before.
 */
export class FraudYearService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
  ) {}

  async put(actor: Actor, regionCode: string, year: number, input: PutFraudYear, context: RequestContext): Promise<FraudYear> {
    authorizeFraud(actor, "fraud.manage");
    if (!covers(actor.scope, regionCode)) throw new AppError("forbidden", 403);
    await this.db.transaction(async (tx) => {
      await new FraudYearRepository(tx).upsert({
        regionCode,
        year,
        casesSolved: input.casesSolved,
        arrests: input.arrests,
        fundsStoppedFen: Math.round(input.fundsStoppedYuan * 100),
        updatedBy: actor.userId,
      });
      await this.audit.record(
        tx,
        succeeded(actor, context, "fraud.year_entered", { type: "fraud_year", id: `${regionCode}/${year}` }),
      );
    });
    const entered = (await this.list(actor, regionCode)).items.find((item) => item.year === year);
    if (!entered) throw new Error("the year just entered is missing");
    return entered;
  }

  async list(actor: Actor, regionCode: string): Promise<{ items: FraudYear[] }> {
    authorizeFraud(actor, "fraud.read", "fraud.manage");
    if (!reaches(actor, regionCode)) throw new AppError("forbidden", 403);
    const rows = await new FraudYearRepository(this.db).of(regionCode);
    const byYear = new Map(rows.map((row) => [row.year, row]));
    return { items: rows.map((row) => toYear(row, byYear.get(row.year - 1))).reverse() };
  }

  async export(actor: Actor, regionCode: string, locale: Locale): Promise<Buffer> {
    return yearsWorkbook((await this.list(actor, regionCode)).items, locale);
  }
}

const toYear = (row: FraudYearRow, previous: FraudYearRow | undefined): FraudYear => ({
  regionCode: row.regionCode,
  year: row.year,
  casesSolved: row.casesSolved,
  arrests: row.arrests,
  fundsStoppedYuan: row.fundsStoppedFen / 100,
  change: {
    casesSolved: yearOnYear(row.casesSolved, previous?.casesSolved),
    arrests: yearOnYear(row.arrests, previous?.arrests),
    fundsStoppedYuan: yearOnYear(row.fundsStoppedFen, previous?.fundsStoppedFen),
  },
  updatedAt: row.updatedAt.toISOString(),
});
