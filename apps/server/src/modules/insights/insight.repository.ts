import { type SQL, sql } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { rowsOf } from "../../db/migrate.js";
import { areasOf, factsQuery } from "./insight-metrics.js";

export interface MetricRow {
  metric: string;
  period: string;
  value: number;
}

export interface ChildMetricRow extends MetricRow {
  code: string;
}

/** Only one refresher at a time, whichever instance it runs in. */
const refreshLockKey = sql`hashtext('linli.insights.refresh')`;

const toNumbers = <T extends { value: unknown }>(rows: T[]) => rows.map((row) => ({ ...row, value: Number(row.value) }));

/** The overview's rollups: the marks the triggers leave, the facts per region code, the totals per area. */
export class InsightRepository {
  constructor(private readonly db: Database) {}

  /** Transaction-scoped; false when another refresher holds it (PGlite's one connection always gets it). */
  async tryLock(): Promise<boolean> {
    const [row] = rowsOf<{ locked: boolean }>(
      await this.db.execute(sql`select pg_try_advisory_xact_lock(${refreshLockKey}) as locked`),
    );
    return row?.locked === true;
  }

  /** Takes up to `limit` changed region codes off the list (every mark of each). */
  async takeChanged(limit: number): Promise<string[]> {
    const result = await this.db.execute(sql`
      delete from insight_changes
      where region_code in (select distinct region_code from insight_changes limit ${limit})
      returning region_code`);
    return [...new Set(rowsOf<{ region_code: string }>(result).map((row) => row.region_code))];
  }

  /**
   * Recomputes the facts of `regionCodes` from their rows and moves every area's totals by the
   * difference: minus the old facts, plus the new ones.
   */
  async recompute(regionCodes: string[]): Promise<void> {
    const codes = sql`${sql.param(regionCodes)}::text[]`;
    await this.addToTotals(codes, -1);
    await this.db.execute(sql`delete from insight_facts where region_code = any(${codes})`);
    await this.db.execute(sql`
      insert into insight_facts (region_code, grid_code, metric, period, value)
      ${factsQuery((column) => sql`${column} = any(${codes})`)}`);
    await this.addToTotals(codes, 1);
    await this.db.execute(sql`
      delete from insight_totals t
      using (select distinct a.area from unnest(${codes}) as code cross join lateral ${areasOf(sql`code`)} a) touched
      where t.area = touched.area and t.value = 0`);
  }

  private async addToTotals(codes: SQL, sign: 1 | -1): Promise<void> {
    await this.db.execute(sql`
      insert into insight_totals (area, parent, metric, period, value)
      select a.area, a.parent, f.metric, f.period, ${sign} * sum(f.value)
      from insight_facts f cross join lateral ${areasOf(sql`f.region_code`)} a
      where f.region_code = any(${codes})
      group by 1, 2, 3, 4
      on conflict (area, metric, period) do update set value = insight_totals.value + excluded.value`);
  }

  /** Notes that every change committed before this transaction began is counted. */
  async markRefreshed(): Promise<void> {
    await this.db.execute(sql`
      insert into insight_refreshes (id, refreshed_at) values (1, now())
      on conflict (id) do update set refreshed_at = excluded.refreshed_at`);
  }

  async refreshedAt(): Promise<Date | null> {
    const [row] = rowsOf<{ refreshed_at: string | Date }>(
      await this.db.execute(sql`select refreshed_at from insight_refreshes where id = 1`),
    );
    return row ? new Date(row.refreshed_at) : null;
  }

  /** Every figure of an area ('' for everywhere, or a division-code prefix). */
  async areaMetrics(area: string): Promise<MetricRow[]> {
    const result = await this.db.execute(sql`select metric, period, value from insight_totals where area = ${area}`);
    return toNumbers(rowsOf<MetricRow>(result));
  }

  /** The areas one level below `area` that have figures. */
  async childAreas(area: string): Promise<string[]> {
    const result = await this.db.execute(sql`select distinct area from insight_totals where parent = ${area} order by area`);
    return rowsOf<{ area: string }>(result).map((row) => row.area);
  }

  /** Every figure of a grid. */
  async gridMetrics(gridCode: string): Promise<MetricRow[]> {
    const result = await this.db.execute(sql`
      select metric, period, sum(value) as value from insight_facts
      where region_code = ${gridCode.slice(0, 12)} and grid_code = ${gridCode}
      group by 1, 2`);
    return toNumbers(rowsOf<MetricRow>(result));
  }

  /** The figures of an area's children (the next level down) that `periods` asks for. */
  async childAreaMetrics(area: string, metrics: string[], periods: SQL): Promise<ChildMetricRow[]> {
    const result = await this.db.execute(sql`
      select area as code, metric, period, value from insight_totals
      where parent = ${area} and metric = any(${sql.param(metrics)}::text[]) and ${periods}`);
    return toNumbers(rowsOf<ChildMetricRow>(result));
  }

  /** The figures of a community's grids that `periods` asks for. */
  async childGridMetrics(communityCode: string, metrics: string[], periods: SQL): Promise<ChildMetricRow[]> {
    const result = await this.db.execute(sql`
      select grid_code as code, metric, period, value from insight_facts
      where region_code = ${communityCode} and grid_code <> ''
        and metric = any(${sql.param(metrics)}::text[]) and ${periods}`);
    return toNumbers(rowsOf<ChildMetricRow>(result));
  }

  async regionNames(codes: string[]): Promise<Map<string, string>> {
    const result = await this.db.execute(sql`select code, name from regions where code = any(${sql.param(codes)}::text[])`);
    return new Map(rowsOf<{ code: string; name: string }>(result).map((row) => [row.code, row.name]));
  }

  async gridNames(codes: string[]): Promise<Map<string, string>> {
    const result = await this.db.execute(sql`select code, name from grids where code = any(${sql.param(codes)}::text[])`);
    return new Map(rowsOf<{ code: string; name: string }>(result).map((row) => [row.code, row.name]));
  }

  /** The same totals straight from the counted tables: what a check or the benchmark compares the rollups with. */
  async naiveAreaMetrics(area: string): Promise<MetricRow[]> {
    const inArea = (column: SQL) => (area === "" ? sql`true` : sql`${column} like ${`${area}%`}`);
    const result = await this.db.execute(sql`
      select metric, period, sum(value) as value from (${factsQuery(inArea)}) facts group by 1, 2`);
    return toNumbers(rowsOf<MetricRow>(result));
  }
}
