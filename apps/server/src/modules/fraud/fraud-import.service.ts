import type { FraudImportQuery, FraudImportReport, Locale } from "@linli/contracts";
import { v7 as uuidv7 } from "uuid";
import { succeeded } from "../../platform/audit/audit.service.js";
import type { Actor, RequestContext } from "../../platform/auth/actor.js";
import { AppError } from "../../platform/errors/app-error.js";
import { fieldMessage } from "../../platform/errors/messages.js";
import { covers } from "../../platform/scope/scope.js";
import type { ListedResident, ResidentService } from "../people/resident.service.js";
import { authorizeFraud } from "./fraud.policy.js";
import { FraudCampaignRepository, type NewWarning } from "./fraud-campaign.repository.js";
import type { FraudCampaignService } from "./fraud-campaign.service.js";
import { checkListRow, type ListRow, type RowProblem, readFraudList, toFieldErrors } from "./fraud-list.js";

const livingHere = new Set(["present", "away"]);

/**
 * The police's warning list (预警名单) into a campaign: each row matched to the registry through
 * the blind index of its ID number (or, without one, its phone number) and checked against the
 * name; every refused row reported with its reason; then all rows apply or none, or the good ones
 * only, as the importer chooses. A person already on the list stays as they are, so importing the
 * same list twice adds nothing.
 */
export class FraudImportService {
  constructor(
    private readonly campaigns: FraudCampaignService,
    private readonly residents: ResidentService,
  ) {}

  async import(
    actor: Actor,
    campaignId: string,
    content: Buffer,
    query: FraudImportQuery,
    locale: Locale,
    context: RequestContext,
  ): Promise<FraudImportReport> {
    authorizeFraud(actor, "fraud.manage");
    const campaign = await this.campaigns.find(actor, campaignId);
    if (!covers(actor.scope, campaign.regionCode)) throw new AppError("forbidden", 403);
    const { rows, errors } = await readFraudList(content);
    if (errors.length > 0) throw new AppError("validation_failed", 400, errors);

    const problems: RowProblem[] = [];
    const checked: ListRow[] = [];
    for (const row of rows) {
      const result = checkListRow(row, campaign, this.campaigns.today());
      if (result.ok) checked.push(result.value);
      else problems.push(...result.problems);
    }
    const matched = await this.match(checked, campaign.regionCode, problems);
    if (problems.length > 0 && query.mode === "all_or_none")
      throw new AppError("validation_failed", 400, toFieldErrors(problems.sort((a, b) => a.row - b.row)));

    const { db, audit } = this.campaigns.deps;
    const counts = query.dryRun
      ? await this.forecast(campaignId, matched)
      : await db.transaction(async (tx) => {
          const created = await new FraudCampaignRepository(tx).insertWarnings(
            campaignId,
            matched,
            this.campaigns.today(),
            matched.map(() => uuidv7()),
          );
          await audit.record(tx, succeeded(actor, context, "fraud.list_imported", { type: "fraud_campaign", id: campaignId }));
          return {
            created: created.length,
            unassigned: created.filter((row) => row.assigneeUserId === null).length,
          };
        });
    return {
      dryRun: query.dryRun,
      mode: query.mode,
      rows: rows.length,
      created: counts.created,
      alreadyListed: matched.length - counts.created,
      unassigned: counts.unassigned,
      refused: problems
        .sort((a, b) => a.row - b.row)
        .map((problem) => ({
          row: problem.row,
          field: problem.column,
          code: problem.code,
          message: fieldMessage(problem.code, locale, problem.params),
        })),
    };
  }

  /** The registry's person for each checked row, or a problem naming the cell. */
  private async match(rows: readonly ListRow[], campaignRegion: string, problems: RowProblem[]): Promise<NewWarning[]> {
    const found = await this.residents.findByNumbers({
      idNumbers: rows.flatMap((row) => (row.idNumber ? [row.idNumber] : [])),
      phones: rows.flatMap((row) => (!row.idNumber && row.phone ? [row.phone] : [])),
    });
    const seen = new Map<string, number>();
    const matched: NewWarning[] = [];
    for (const row of rows) {
      const column = row.idNumber ? "idNumber" : "phone";
      const fail = (code: string, at: RowProblem["column"] = column, params?: Record<string, unknown>) =>
        problems.push({ row: row.row, column: at, code, ...(params ? { params } : {}) });
      // Someone outside the campaign's area is unknown here: the list must not tell who lives elsewhere.
      const inArea = (candidate: ListedResident | undefined) => candidate?.regionCode.startsWith(campaignRegion);
      const candidates = (
        row.idNumber ? [found.byIdNumber.get(row.idNumber)] : (found.byPhone.get(row.phone ?? "") ?? [])
      ).filter(inArea) as ListedResident[];
      const person = candidates[0];
      if (candidates.length > 1) fail("ambiguous_phone");
      else if (!person) fail("unknown_person");
      else if (person.name !== row.name) fail("name_mismatch", "name");
      else if (!livingHere.has(person.livingStatus)) fail("not_living_here");
      else if (seen.has(person.id)) fail("same_person_as_row", column, { row: seen.get(person.id) });
      else {
        seen.set(person.id, row.row);
        matched.push({ residentId: person.id, reason: row.reason, deadline: row.deadline });
      }
    }
    return matched;
  }

  /** What an import would add: the people not yet on the list (assignment is decided when it runs). */
  private async forecast(campaignId: string, matched: readonly NewWarning[]) {
    const listed = await new FraudCampaignRepository(this.campaigns.deps.db).listed(
      campaignId,
      matched.map((warning) => warning.residentId),
    );
    return { created: matched.filter((warning) => !listed.has(warning.residentId)).length, unassigned: 0 };
  }
}
