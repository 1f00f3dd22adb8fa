import type { Polygon, Scope } from "@linli/contracts";
import { type SQL, sql } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { rowsOf } from "../../db/migrate.js";
import { inScope } from "../../platform/scope/scope.js";

/** A task as lists show it: with its rule's name, target and companions, and the household's address. */
export interface VisitTaskRow {
  id: string;
  ruleId: string;
  ruleName: string;
  target: string;
  register: string | null;
  companions: string[];
  householdId: string;
  residentId: string | null;
  address: string;
  compoundId: string | null;
  regionCode: string;
  gridCode: string | null;
  assigneeUserId: string | null;
  periodStart: string;
  dueDate: string;
  visitId: string | null;
}

/** The first day of the rule's period that contains `on`: its week (Monday), fortnight (odd ISO week), month or quarter. */
const periodStart = (on: string) => sql`case r.frequency
  when 'weekly' then date_trunc('week', ${on}::date)::date
  when 'fortnightly' then (date_trunc('week', ${on}::date) - ((extract(week from ${on}::date)::int + 1) % 2) * interval '7 days')::date
  when 'monthly' then date_trunc('month', ${on}::date)::date
  else date_trunc('quarter', ${on}::date)::date end`;

const taskColumns = sql`t.id, t.rule_id as "ruleId", r.name as "ruleName", r.target, r.register, r.companions,
  t.household_id as "householdId", t.resident_id as "residentId", coalesce(d.address, '') as address, d.compound_id as "compoundId",
  t.region_code as "regionCode", t.grid_code as "gridCode", t.assignee_user_id as "assigneeUserId",
  t.period_start::text as "periodStart", t.due_date::text as "dueDate", t.visit_id as "visitId"`;
const taskFrom = sql`visit_tasks t join visit_rules r on r.id = t.rule_id
  join households h on h.id = t.household_id left join dwellings d on d.id = h.dwelling_id`;

/** SQL for visit tasks: the planner's bulk insert, the lists, and coverage. */
export class VisitTaskRepository {
  constructor(private readonly db: Database) {}

  /**
   * Plans the community's active rules for the periods containing `on`, in one INSERT … SELECT:
   * a task per rule, subject (household, or the register's person) and period, for the grid's
   * member on a term that day. Planning again creates nothing twice; an open task whose grid has
   * another member now is handed to them. Returns what it created and reassigned.
   */
  async plan(regionCode: string, on: string): Promise<{ created: number; reassigned: number; unassigned: number }> {
    const result = await this.db.execute(sql`
      with period as (
        select r.id, r.region_code, r.target, r.tag, r.register, ${periodStart(on)} as start, r.frequency
        from visit_rules r where r.region_code = ${regionCode} and r.active
      ), dated as (
        select p.*, (p.start + case p.frequency when 'weekly' then interval '7 days' when 'fortnightly' then interval '14 days'
          when 'monthly' then interval '1 month' else interval '3 months' end - interval '1 day')::date as due
        from period p
      ), subjects as (
        select p.id as rule_id, h.id as household_id, null::uuid as resident_id, h.id as subject_id,
          h.region_code, h.grid_code, p.start, p.due
        from dated p join households h on h.region_code = p.region_code and h.ended_at is null
        where p.target = 'household'
          or (p.target = 'tag' and exists (select 1 from residents x
            where x.household_id = h.id and x.living_status = 'present' and p.tag = any(x.tags)))
        union all
        select p.id, x.household_id, x.id, x.id, h.region_code, h.grid_code, p.start, p.due
        from dated p
        join register_entries e on e.register = p.register and e.region_code = p.region_code and e.status = 'active'
          and e.start_date <= ${on}::date and (e.end_date is null or e.end_date >= ${on}::date)
        join residents x on x.id = e.resident_id and x.living_status = 'present'
        join households h on h.id = x.household_id and h.ended_at is null
        where p.target = 'register'
      ), members as (
        -- Each grid's member on a term that day (the longest-serving, if several).
        select distinct on (g.grid_code) g.grid_code, g.user_id from grid_staff g
        where g.region_code = ${regionCode} and g.post = 'grid_member'
          and g.from_date <= ${on}::date and (g.to_date is null or g.to_date >= ${on}::date)
        order by g.grid_code, g.from_date, g.user_id
      )
      insert into visit_tasks (id, rule_id, household_id, resident_id, subject_id, region_code, grid_code,
        assignee_user_id, period_start, due_date)
      select gen_random_uuid(), s.rule_id, s.household_id, s.resident_id, s.subject_id, s.region_code, s.grid_code,
        m.user_id, s.start, s.due
      from subjects s left join members m on m.grid_code = s.grid_code
      on conflict (rule_id, subject_id, period_start) do update
        set assignee_user_id = excluded.assignee_user_id, grid_code = excluded.grid_code
        where visit_tasks.visit_id is null
          and visit_tasks.assignee_user_id is distinct from excluded.assignee_user_id
      returning (xmax = 0) as created, assignee_user_id is null as unassigned`);
    const rows = rowsOf<{ created: boolean; unassigned: boolean }>(result);
    return {
      created: rows.filter((row) => row.created).length,
      reassigned: rows.filter((row) => !row.created).length,
      unassigned: rows.filter((row) => row.unassigned).length,
    };
  }

  /** Tasks whose period contains `on`, and earlier ones still open (overdue), matching `where`; by due date. */
  async list(where: SQL, on: string, limit = 500): Promise<VisitTaskRow[]> {
    const result = await this.db.execute(sql`select ${taskColumns} from ${taskFrom}
      where ${where} and t.period_start <= ${on}::date and (t.due_date >= ${on}::date or t.visit_id is null)
      order by t.due_date, t.id limit ${limit}`);
    return rowsOf<VisitTaskRow>(result);
  }

  async find(id: string): Promise<VisitTaskRow | undefined> {
    return rowsOf<VisitTaskRow>(await this.db.execute(sql`select ${taskColumns} from ${taskFrom} where t.id = ${id}`))[0];
  }

  /**
   * Marks done, by visit `visitId`, the household's open tasks whose period had begun by `day`
   * (a late visit still does an overdue task); a register task only when the visit met its person.
   */
  async completeBy(visitId: string, household: string, resident: string | null, day: string): Promise<string[]> {
    const result = await this.db.execute(sql`
      update visit_tasks set visit_id = ${visitId}, done_at = now()
      where household_id = ${household} and visit_id is null and period_start <= ${day}::date
        and (resident_id is null or resident_id = ${resident})
      returning id`);
    return rowsOf<{ id: string }>(result).map((row) => row.id);
  }

  /** The tasks a visit did. */
  async doneBy(visitId: string): Promise<string[]> {
    const result = await this.db.execute(sql`select id from visit_tasks where visit_id = ${visitId} order by id`);
    return rowsOf<{ id: string }>(result).map((row) => row.id);
  }

  /**
   * Per grid of the community, the tasks of the quarter containing `on`: due, visited, not
   * reached, and overdue (not reached and past their due date).
   */
  async coverage(regionCode: string, on: string, scope: Scope) {
    const result = await this.db.execute(sql`
      select t.grid_code as "gridCode", count(*)::int as due, count(t.visit_id)::int as visited,
        (count(*) - count(t.visit_id))::int as "notReached",
        count(*) filter (where t.visit_id is null and t.due_date < ${on}::date)::int as overdue
      from visit_tasks t
      where t.region_code = ${regionCode}
        and t.period_start >= date_trunc('quarter', ${on}::date)::date
        and t.period_start < (date_trunc('quarter', ${on}::date) + interval '3 months')::date
        and ${inScope(scope, { region: sql`t.region_code`, grid: sql`t.grid_code` })}
      group by t.grid_code order by t.grid_code nulls last`);
    return rowsOf<{ gridCode: string | null; due: number; visited: number; notReached: number; overdue: number }>(result);
  }

  /**
   * Per compound of the community, the households with a task in the quarter containing `on`,
   * and how many of them were visited at least once: the coverage map.
   */
  async coverageByCompound(regionCode: string, on: string, scope: Scope) {
    const result = await this.db.execute(sql`
      select c.id as "compoundId", c.name, c.boundary, count(distinct t.household_id)::int as households,
        count(distinct t.household_id) filter (where t.visit_id is not null)::int as reached
      from visit_tasks t
      join households h on h.id = t.household_id
      join dwellings d on d.id = h.dwelling_id
      join compounds c on c.id = d.compound_id
      where t.region_code = ${regionCode}
        and t.period_start >= date_trunc('quarter', ${on}::date)::date
        and t.period_start < (date_trunc('quarter', ${on}::date) + interval '3 months')::date
        and ${inScope(scope, { region: sql`t.region_code`, grid: sql`t.grid_code` })}
      group by c.id, c.name, c.boundary order by c.name collate "C", c.id`);
    return rowsOf<{ compoundId: string; name: string; boundary: Polygon | null; households: number; reached: number }>(result);
  }
}
