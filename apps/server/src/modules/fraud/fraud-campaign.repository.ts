import type { FraudWarningOutcome, Scope } from "@linli/contracts";
import { eq, type SQL, sql } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { rowsOf } from "../../db/migrate.js";
import { fraudCampaigns, fraudWarnings } from "../../db/schema.js";
import { inScope } from "../../platform/scope/scope.js";

export type FraudWarningRecord = typeof fraudWarnings.$inferSelect;

/** A campaign as lists show it: with its area's name and its counts. */
export interface CampaignSummaryRow {
  id: string;
  regionCode: string;
  regionName: string;
  title: string;
  startsOn: string;
  deadline: string;
  warnings: number;
  done: number;
  createdAt: Date | string;
}

/** A warning as lists show it: with the campaign's title and the person's name and address. */
export interface WarningRow {
  id: string;
  campaignId: string;
  campaignTitle: string;
  residentId: string;
  name: string;
  address: string;
  regionCode: string;
  gridCode: string | null;
  assigneeUserId: string | null;
  reason: string;
  deadline: string;
  outcome: FraudWarningOutcome | null;
  note: string;
  doneAt: Date | string | null;
}

/** A listed person to add: who, why, by when. */
export interface NewWarning {
  residentId: string;
  reason: string;
  deadline: string;
}

export interface ProgressRow {
  regionCode: string;
  regionName: string | null;
  total: number;
  dissuaded: number;
  warned: number;
  notReached: number;
  open: number;
  overdue: number;
}

/** A campaign's columns, its counts limited to the warnings inside the reader's scope. */
const summaryColumns = (scope: Scope) => {
  const mine = inScope(scope, { region: sql`w.region_code`, grid: sql`w.grid_code` });
  return sql`c.id, c.region_code as "regionCode", c.title, c.starts_on::text as "startsOn",
  c.deadline::text as deadline, c.created_at as "createdAt", coalesce(r.name, c.region_code) as "regionName",
  (select count(*)::int from fraud_warnings w where w.campaign_id = c.id and ${mine}) as warnings,
  (select count(*)::int from fraud_warnings w where w.campaign_id = c.id and w.outcome in ('dissuaded', 'warned') and ${mine}) as done`;
};

const warningColumns = sql`w.id, w.campaign_id as "campaignId", c.title as "campaignTitle", w.resident_id as "residentId",
  x.name, x.address, w.region_code as "regionCode", w.grid_code as "gridCode", w.assignee_user_id as "assigneeUserId",
  w.reason, w.deadline::text as deadline, w.outcome, w.note, w.done_at as "doneAt"`;

/** SQL for anti-fraud campaigns and their warnings. */
export class FraudCampaignRepository {
  constructor(private readonly db: Database) {}

  async insert(row: typeof fraudCampaigns.$inferInsert): Promise<void> {
    await this.db.insert(fraudCampaigns).values(row);
  }

  /** Campaigns over the scope, or inside it (a community's staff see their county's campaign). */
  async list(scope: Scope, limit: number): Promise<CampaignSummaryRow[]> {
    return this.summaries(scope, sql`${this.reaches(scope)} order by c.starts_on desc, c.created_at desc limit ${limit}`);
  }

  async find(id: string, scope: Scope): Promise<CampaignSummaryRow | undefined> {
    return (await this.summaries(scope, sql`c.id = ${id} and ${this.reaches(scope)}`))[0];
  }

  /** Campaigns whose area contains part of the scope, or lies inside it. */
  private reaches(scope: Scope): SQL {
    const places = [...scope.regions, ...scope.grids];
    const over = places.map((place) => sql`${place} like c.region_code || '%'`);
    const inside = inScope(scope, { region: sql`c.region_code` });
    return sql`(${inside}${over.length > 0 ? sql` or ${sql.join(over, sql` or `)}` : sql``})`;
  }

  private async summaries(scope: Scope, where: SQL): Promise<CampaignSummaryRow[]> {
    return rowsOf<CampaignSummaryRow>(
      await this.db.execute(sql`select ${summaryColumns(scope)} from fraud_campaigns c
        left join regions r on r.code = c.region_code where ${where}`),
    );
  }

  /** The residents already on the campaign's list, of those given. */
  async listed(campaignId: string, residentIds: readonly string[]): Promise<Set<string>> {
    if (residentIds.length === 0) return new Set();
    const rows = rowsOf<{ id: string }>(
      await this.db.execute(sql`select resident_id as id from fraud_warnings
        where campaign_id = ${campaignId} and resident_id = any(${sql.param([...residentIds])}::uuid[])`),
    );
    return new Set(rows.map((row) => row.id));
  }

  /**
   * Adds the listed people in one INSERT … SELECT: each in their household's community and grid,
   * for the grid's member on a term that day (the longest-serving, if several). People already on
   * the list stay as they are. Returns the created rows' assignees.
   */
  async insertWarnings(
    campaignId: string,
    warnings: readonly NewWarning[],
    on: string,
    ids: readonly string[],
  ): Promise<{ assigneeUserId: string | null }[]> {
    if (warnings.length === 0) return [];
    const result = await this.db.execute(sql`
      with listed as (
        select * from unnest(${sql.param(ids)}::uuid[], ${sql.param(warnings.map((w) => w.residentId))}::uuid[],
          ${sql.param(warnings.map((w) => w.reason))}::text[], ${sql.param(warnings.map((w) => w.deadline))}::date[])
          as l(id, resident_id, reason, deadline)
      ), members as (
        select distinct on (g.grid_code) g.grid_code, g.user_id from grid_staff g
        where g.post = 'grid_member' and g.from_date <= ${on}::date and (g.to_date is null or g.to_date >= ${on}::date)
          and g.grid_code in (select x.grid_code from listed l join residents x on x.id = l.resident_id)
        order by g.grid_code, g.from_date, g.user_id
      )
      insert into fraud_warnings (id, campaign_id, resident_id, household_id, region_code, grid_code, assignee_user_id, reason, deadline)
      select l.id, ${campaignId}, x.id, x.household_id, x.region_code, x.grid_code, m.user_id, l.reason, l.deadline
      from listed l join residents x on x.id = l.resident_id left join members m on m.grid_code = x.grid_code
      on conflict (campaign_id, resident_id) do nothing
      returning assignee_user_id as "assigneeUserId"`);
    return rowsOf<{ assigneeUserId: string | null }>(result);
  }

  /** Warnings assigned to a user, open ones first by deadline. */
  async assignedTo(userId: string, today: string, status?: string): Promise<WarningRow[]> {
    return this.warnings(sql`w.assignee_user_id = ${userId}`, today, status);
  }

  /** A campaign's warnings inside the scope. */
  async ofCampaign(campaignId: string, scope: Scope, today: string, status?: string): Promise<WarningRow[]> {
    return this.warnings(
      sql`w.campaign_id = ${campaignId} and ${inScope(scope, { region: sql`w.region_code`, grid: sql`w.grid_code` })}`,
      today,
      status,
    );
  }

  private async warnings(where: SQL, today: string, status: string | undefined): Promise<WarningRow[]> {
    const filter =
      status === "open"
        ? sql`and w.outcome is null and w.deadline >= ${today}::date`
        : status === "overdue"
          ? sql`and w.outcome is null and w.deadline < ${today}::date`
          : status
            ? sql`and w.outcome = ${status}`
            : sql``;
    return rowsOf<WarningRow>(
      await this.db.execute(sql`select ${warningColumns} from fraud_warnings w
        join fraud_campaigns c on c.id = w.campaign_id join residents x on x.id = w.resident_id
        where ${where} ${filter}
        order by (w.outcome is not null), w.deadline, x.name, w.id limit 5000`),
    );
  }

  async lockWarning(id: string): Promise<FraudWarningRecord | undefined> {
    const [row] = await this.db.select().from(fraudWarnings).where(eq(fraudWarnings.id, id)).for("update");
    return row;
  }

  async recordOutcome(id: string, outcome: FraudWarningOutcome, note: string, userId: string, at: Date): Promise<void> {
    await this.db.update(fraudWarnings).set({ outcome, note, doneBy: userId, doneAt: at }).where(eq(fraudWarnings.id, id));
  }

  async findWarning(id: string): Promise<WarningRow | undefined> {
    return (await this.warnings(sql`w.id = ${id}`, "", undefined))[0];
  }

  /**
   * Per township (9-digit prefix), or per community (12 digits) inside a township's or community's
   * campaign: counts by outcome, open and overdue as of `today`.
   */
  async progress(campaignId: string, digits: 9 | 12, today: string, scope: Scope): Promise<ProgressRow[]> {
    return rowsOf<ProgressRow>(
      await this.db.execute(sql`
        select p.code as "regionCode", r.name as "regionName", p.total, p.dissuaded, p.warned, p.not_reached as "notReached",
          p.open, p.overdue
        from (
          select left(w.region_code, ${digits}) as code, count(*)::int as total,
            count(*) filter (where w.outcome = 'dissuaded')::int as dissuaded,
            count(*) filter (where w.outcome = 'warned')::int as warned,
            count(*) filter (where w.outcome = 'not_reached')::int as not_reached,
            count(*) filter (where w.outcome is null and w.deadline >= ${today}::date)::int as open,
            count(*) filter (where w.outcome is null and w.deadline < ${today}::date)::int as overdue
          from fraud_warnings w
          where w.campaign_id = ${campaignId} and ${inScope(scope, { region: sql`w.region_code`, grid: sql`w.grid_code` })}
          group by 1
        ) p left join regions r on r.code = p.code
        order by p.code`),
    );
  }
}
