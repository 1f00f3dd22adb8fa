import { sql } from "drizzle-orm";
import { generateCity } from "../gen/city-generator.js";
import { hengyang } from "../gen/city-plan.js";
import { copyTargetOn, openCopyTarget } from "../gen/copy-target.js";
import { sha256, trackingCodeFor } from "../modules/cases/case.service.js";
import { SensitiveFields } from "../modules/people/sensitive-fields.js";
import { readDivisions } from "../modules/regions/division-source.js";
import { RegionImportService } from "../modules/regions/region-import.service.js";
import { testPrivacyKeys } from "./keys.js";
import type { TestDatabase } from "./test-database.js";

/**
 * Hengyang's divisions and a generated slice of the city (`npm run gen:city` at a small scale:
 * three communities at full size, with their grids, people, cases and visits) in a test database
 * opened as its owner, with the generator's clock at `now`.
 */
export async function generateSmallCity(database: TestDatabase, now: Date, scale = 0.001): Promise<void> {
  const divisions = [];
  for await (const division of readDivisions(hengyang.cityCode)) divisions.push(division);
  await new RegionImportService(database.handle.db).importDivisions(readDivisions(hengyang.cityCode), hengyang.cityCode);
  const sensitive = new SensitiveFields(testPrivacyKeys);
  const target =
    database.engine.kind === "pglite"
      ? copyTargetOn(database.engine.pglite)
      : await openCopyTarget({ engine: "postgres", url: database.engine.url });
  try {
    await generateCity(target, {
      scale,
      communities: divisions.filter((division) => division.level === 5),
      townships: new Map(divisions.filter((division) => division.level === 4).map((division) => [division.code, division.name])),
      protect: (field, value) => sensitive.protect(field, value),
      trackingHash: (caseId) => sha256(trackingCodeFor(sensitive, caseId)),
      passwordHash: "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHQ$YWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXo",
      now,
    });
  } finally {
    await target.close();
  }
}

/**
 * What the generator leaves to the planner and the mediators: this quarter's visit tasks for one
 * household in four (a third of them done), and in every grid disputes reported over the two
 * years before `today`, ended in each way or still open.
 */
export async function addVisitTasksAndDisputes(database: TestDatabase, today: string): Promise<void> {
  const { db } = database.handle;
  const quarterStart = sql`date_trunc('quarter', ${today}::date)::date`;
  await db.execute(sql`
    insert into visit_tasks (id, rule_id, household_id, subject_id, region_code, grid_code, period_start, due_date, done_at)
    select gen_random_uuid(), r.id, h.id, h.id, h.region_code, h.grid_code, ${quarterStart}, ${quarterStart} + (abs(hashtext(h.id::text)) % 90),
      case when abs(hashtext(h.id::text)) % 3 = 0 then now() end
    from households h cross join lateral (select id from visit_rules where region_code = h.region_code limit 1) r
    where abs(hashtext(h.id::text)) % 4 = 0`);
  await db.execute(sql`
    insert into disputes (id, region_code, grid_code, kind, summary, parties, mediators, reported_on, outcome, closed_on, follow_up_on)
    select gen_random_uuid(), g.region_code, g.code, 'neighbour', '楼上漏水',
      '[{"name":"甲","side":"applicant"},{"name":"乙","side":"respondent"}]', array['调解员'], d.day, d.outcome,
      case when d.outcome is not null then least(d.day + 10, ${today}::date) end,
      case when d.outcome = 'agreement' then d.day + 30 end
    from grids g cross join generate_series(0, 72) as n
      cross join lateral (select ${today}::date - n * 10 as day,
        (array[null, 'agreement', 'withdrawn', 'referred_court', 'agreement'])[1 + n % 5] as outcome) d`);
}
