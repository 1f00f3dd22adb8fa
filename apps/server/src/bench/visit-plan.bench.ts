import { suggestedVisitRules } from "@linli/contracts";
import { type SQL, sql } from "drizzle-orm";
import type { Database } from "../db/client.js";
import { VisitPlanService } from "../modules/visits/visit-plan.service.js";
import { AuditService } from "../platform/audit/audit.service.js";
import { benchActor, time, withBenchDatabase } from "./measure.js";
import type { Figure } from "./point-lookup.bench.js";

const benchDatabase = "linli_bench_visits";
/** Hengyang: 2.30 million households (the issue's figure), for the extrapolation. */
const hengyangHouseholds = 2_300_000;

/**
 * `communities` communities of `households` households each, ten grids apiece with a grid member
 * on a term, one resident per household (every eighth an elderly person living alone, every
 * 400th on the drug-rehabilitation register), and the suggested visit rules — written in bulk SQL.
 */
async function buildCity(db: Database, communities: number, households: number) {
  const execute = (statement: SQL) => db.execute(statement);
  await execute(sql`insert into users (id, username, display_name, password_hash, roles, region_scopes, grid_scopes)
    select gen_random_uuid(), 'member' || c || '_' || g, '网格员' || c || '_' || g, 'x', '{grid_member}', '{}',
      array['430405' || lpad(c::text, 6, '0') || lpad(g::text, 3, '0')]
    from generate_series(1, ${communities}) c, generate_series(1, 10) g`);
  await execute(sql`insert into grids (code, region_code, county_code, name)
    select '430405' || lpad(c::text, 6, '0') || lpad(g::text, 3, '0'), '430405' || lpad(c::text, 6, '0'), '430405', '第' || g || '网格'
    from generate_series(1, ${communities}) c, generate_series(1, 10) g`);
  await execute(sql`insert into grid_staff (id, region_code, grid_code, user_id, post, from_date)
    select gen_random_uuid(), substr(u.grid_scopes[1], 1, 12), u.grid_scopes[1], u.id, 'grid_member', date '2020-01-01'
    from users u where u.username like 'member%'`);
  await execute(sql`insert into households (id, region_code, grid_code)
    select gen_random_uuid(), '430405' || lpad(c::text, 6, '0'), '430405' || lpad(c::text, 6, '0') || lpad((1 + h % 10)::text, 3, '0')
    from generate_series(1, ${communities}) c, generate_series(1, ${households}) h`);
  await execute(sql`insert into residents (id, region_code, grid_code, household_id, name, registration, living_status, tags)
    select gen_random_uuid(), h.region_code, h.grid_code, h.id, '居民', 'local', 'present',
      case when row_number() over () % 8 = 0 then '{elderly_living_alone}'::text[] else '{}'::text[] end
    from households h`);
  await execute(sql`insert into register_entries (id, resident_id, register, region_code, grid_code, status, start_date,
      visit_frequency, responsible, details)
    select gen_random_uuid(), r.id, 'drug_rehabilitation', r.region_code, r.grid_code, 'active', date '2024-01-01', 'monthly',
      '社区民警', '{"register": "drug_rehabilitation", "stage": "maintenance"}'::jsonb
    from (select id, region_code, grid_code, row_number() over () as n from residents) r where r.n % 400 = 0`);
  for (const rule of suggestedVisitRules)
    await execute(sql`insert into visit_rules (id, region_code, name, target, tag, register, frequency, companions)
      select gen_random_uuid(), '430405' || lpad(c::text, 6, '0'), ${rule.name}, ${rule.target}, ${rule.tag ?? null},
        ${rule.register ?? null}, ${rule.frequency}, ${`{${rule.companions.join(",")}}`}::text[]
      from generate_series(1, ${communities}) c`);
  await execute(sql`analyze`);
}

/**
 * Quarter visit planning (the planner of every community, through VisitPlanService, one
 * transaction each) against a plain INSERT … SELECT of the same tasks into the same table (its
 * indexes and foreign keys), on a throw-away database of the PostgreSQL server at `url`.
 */
export async function benchVisitPlanning(url: string, communities = 100, households = 2_000): Promise<Figure> {
  return withBenchDatabase(url, benchDatabase, 2, async (database) => {
    await buildCity(database.db, communities, households);
    const planner = new VisitPlanService(database.db, new AuditService(database.db));
    const actor = benchActor("00000000-0000-7000-8000-000000000001", ["430405"]);
    const on = "2026-10-15";
    let tasks = 0;
    const planMs = await time(async () => {
      for (let community = 1; community <= communities; community += 1) {
        const regionCode = `430405${String(community).padStart(6, "0")}`;
        tasks += (await planner.plan(actor, { regionCode, on }, { ip: null })).created;
      }
    });
    // The same rows written again into the same table, with its indexes and foreign keys.
    await database.db.execute(sql`create table planned_tasks as select * from visit_tasks`);
    await database.db.execute(sql`truncate visit_tasks`);
    const rawMs = await time(async () => {
      await database.db.execute(sql`insert into visit_tasks select * from planned_tasks`);
    });
    const perSecond = (ms: number) => Math.round(tasks / (ms / 1000)).toLocaleString("en");
    const hengyangMinutes = ((hengyangHouseholds / (communities * households)) * planMs) / 60_000;
    return {
      name: `quarter visit planning, ${(communities * households).toLocaleString("en")} households in ${communities} communities, PostgreSQL`,
      measured: `${(planMs / 1000).toFixed(1)} s, ${tasks.toLocaleString("en")} tasks (${perSecond(planMs)} /s)`,
      limit: `${(rawMs / 1000).toFixed(1)} s (${perSecond(rawMs)} /s), a plain INSERT … SELECT of the same tasks into the same table`,
      ratio: rawMs / planMs,
      goal: "≥ 0.5; Hengyang in minutes",
      met: rawMs / planMs >= 0.5,
      note: `Hengyang's 2.3 M households at this rate: about ${Math.ceil(hengyangMinutes)} min`,
    };
  });
}
