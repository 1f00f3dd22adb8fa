import type { Scope } from "@linli/contracts";
import { type SQL, sql } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { rowsOf } from "../../db/migrate.js";
import { inScope } from "../../platform/scope/scope.js";

export type EvaluationGrouping = "party" | "grid" | "community" | "month" | "total";

export interface EvaluationCounts {
  key: string;
  name: string | null;
  cases: number;
  registered: number;
  dispatched: number;
  handled_on_time: number;
  handled: number;
  closed: number;
  reworked: number;
  rated: number;
  satisfied: number;
  register_hours: number | null;
  dispatch_hours: number | null;
  handle_hours: number | null;
  verify_hours: number | null;
}

const groupings: Record<EvaluationGrouping, { key: SQL; name: SQL; join: SQL }> = {
  party: { key: sql`coalesce(c.party_kind || ':' || c.party_name, '')`, name: sql`max(c.party_name)`, join: sql`` },
  grid: { key: sql`coalesce(c.grid_code, '')`, name: sql`max(g.name)`, join: sql`left join grids g on g.code = c.grid_code` },
  community: { key: sql`c.region_code`, name: sql`max(r.name)`, join: sql`left join regions r on r.code = c.region_code` },
  month: {
    key: sql`to_char(c.reported_at at time zone 'Asia/Shanghai', 'YYYY-MM')`,
    name: sql`to_char(min(c.reported_at) at time zone 'Asia/Shanghai', 'YYYY-MM')`,
    join: sql``,
  },
  total: { key: sql`''`, name: sql`null`, join: sql`` },
};

const hoursBetween = (later: string, earlier: string) => sql.raw(`avg(extract(epoch from c.${later} - c.${earlier})) / 3600`);

/** Read-only aggregates for the evaluation tables (综合评价), over cases reported in a period. */
export class CaseEvaluationRepository {
  constructor(private readonly db: Database) {}

  /** Counts per group of the cases reported from `from` to `to` (China Standard Time days), merged cases left out. */
  async counts(scope: Scope, from: string, to: string, grouping: EvaluationGrouping): Promise<EvaluationCounts[]> {
    const { key, name, join } = groupings[grouping];
    const result = await this.db.execute(sql`
      select ${key} as key, ${name} as name,
        count(*)::int as cases,
        count(c.registered_at)::int as registered,
        count(c.dispatched_at)::int as dispatched,
        (count(*) filter (where c.handled_on_time))::int as handled_on_time,
        count(c.handled_at)::int as handled,
        (count(*) filter (where c.status in ('closed', 'rated')))::int as closed,
        (count(*) filter (where c.rework_count > 0))::int as reworked,
        count(c.rating)::int as rated,
        (count(*) filter (where c.rating >= 4))::int as satisfied,
        ${hoursBetween("registered_at", "reported_at")}::float8 as register_hours,
        ${hoursBetween("dispatched_at", "registered_at")}::float8 as dispatch_hours,
        ${hoursBetween("handled_at", "dispatched_at")}::float8 as handle_hours,
        ${hoursBetween("closed_at", "handled_at")}::float8 as verify_hours
      from cases c ${join}
      where ${inScope(scope, { region: sql`c.region_code`, grid: sql`c.grid_code` })}
        and c.status <> 'merged'
        and c.reported_at >= (${from} || 'T00:00:00+08:00')::timestamptz
        and c.reported_at < (${to} || 'T00:00:00+08:00')::timestamptz + interval '1 day'
      group by 1
      order by 1`);
    return rowsOf<EvaluationCounts>(result);
  }
}
