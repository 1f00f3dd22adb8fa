import { type SQL, sql } from "drizzle-orm";

/**
 * What the overview counts, as one query over the counted tables (the "naive GROUP BY"): per
 * region code, grid ('' outside every grid), metric and period. The refresher runs it for the
 * regions that changed; checks and the benchmark run it for everything and compare.
 *
 * Periods: '' for a present state, YYYY-MM (China Standard Time) for a month, YYYY-MM-DD for the
 * day a visit task is due. Cases are counted in the month they were reported, as the evaluation
 * tables (综合评价) count them, except `cases.closed_in`, which is the month they were closed;
 * disputes in the month they were reported, with how they ended, as the dispute register counts them.
 */
export function factsQuery(regions: (column: SQL) => SQL): SQL {
  const where = (alias: string) => regions(sql.raw(`${alias}.region_code`));
  const month = (column: string) => sql.raw(`to_char(${column} at time zone 'Asia/Shanghai', 'YYYY-MM')`);
  return sql`
    select region_code, grid_code, metric, period, count(*)::bigint as value from (
      select r.region_code, coalesce(r.grid_code, '') as grid_code, m.metric, '' as period
      from residents r cross join lateral (
        select 'residents' as metric
        union all select 'residents.migrant' where r.registration = 'migrant'
        union all select 'tag:' || tag from unnest(r.tags) as tag
      ) m
      where ${where("r")} and r.living_status in ('present', 'away')
      union all
      select h.region_code, coalesce(h.grid_code, ''), 'households', ''
      from households h
      where ${where("h")} and h.ended_at is null and h.merged_into is null
      union all
      select e.region_code, coalesce(e.grid_code, ''), 'register:' || e.register, ''
      from register_entries e
      where ${where("e")} and e.status = 'active'
      union all
      select c.region_code, coalesce(c.grid_code, ''), m.metric, m.period
      from cases c cross join lateral (
        select 'cases.reported' as metric, ${month("c.reported_at")} as period
        union all select 'cases.registered', ${month("c.reported_at")} where c.registered_at is not null
        union all select 'cases.dispatched', ${month("c.reported_at")} where c.dispatched_at is not null
        union all select 'cases.handled', ${month("c.reported_at")} where c.handled_at is not null
        union all select 'cases.handled_on_time', ${month("c.reported_at")} where c.handled_on_time
        union all select 'cases.closed', ${month("c.reported_at")} where c.status in ('closed', 'rated')
        union all select 'cases.reworked', ${month("c.reported_at")} where c.rework_count > 0
        union all select 'cases.rated', ${month("c.reported_at")} where c.rating is not null
        union all select 'cases.satisfied', ${month("c.reported_at")} where c.rating >= 4
        union all select 'cases.closed_in', ${month("c.closed_at")} where c.status in ('closed', 'rated') and c.closed_at is not null
        union all select 'cases.open', '' where c.status not in ('closed', 'rated', 'rejected')
        union all select 'cases.overdue', '' where c.stage is not null and c.escalation_level > 0
      ) m
      where ${where("c")} and c.status <> 'merged'
      union all
      select t.region_code, coalesce(t.grid_code, ''), m.metric, to_char(t.due_date, 'YYYY-MM-DD')
      from visit_tasks t cross join lateral (
        select 'visits.due' as metric
        union all select 'visits.done' where t.done_at is not null
      ) m
      where ${where("t")}
      union all
      select d.region_code, coalesce(d.grid_code, ''), m.metric, m.period
      from disputes d cross join lateral (
        select 'disputes.reported' as metric, to_char(d.reported_on, 'YYYY-MM') as period
        union all select 'disputes.open', '' where d.outcome is null
        union all select 'disputes.outcome:' || d.outcome, to_char(d.reported_on, 'YYYY-MM') where d.outcome is not null
      ) m
      where ${where("d")}
    ) counted
    group by 1, 2, 3, 4`;
}

/**
 * The areas a region code counts towards, each with its parent: everywhere (''), then the
 * prefixes of 2, 4, 6, 9 and 12 digits as long as the code is.
 */
export function areasOf(regionCode: SQL): SQL {
  return sql`(
    select left(${regionCode}, n) as area,
      case n when 0 then null when 2 then '' when 4 then left(${regionCode}, 2) when 6 then left(${regionCode}, 4)
        when 9 then left(${regionCode}, 6) else left(${regionCode}, 9) end as parent
    from unnest(array[0, 2, 4, 6, 9, 12]) as n
    where n <= length(${regionCode})
  )`;
}
