import { sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/client.js";
import { rowsOf } from "../../db/migrate.js";
import { addVisitTasksAndDisputes, generateSmallCity } from "../../test/small-city.js";
import { openTestDatabase, type TestDatabase } from "../../test/test-database.js";
import { InsightService } from "./insight.service.js";
import { factsQuery } from "./insight-metrics.js";

let database: TestDatabase;
let db: Database;
let insights: InsightService;
/** Where rows may be moved to: each community with its grids, and a township (the pool of cases outside every grid). */
let places: { region: string; grid: string | null }[];

const rows = async <T>(statement: ReturnType<typeof sql>) => rowsOf<T>(await db.execute(statement));
const ids = async (table: string) =>
  (await rows<{ id: string }>(sql.raw(`select id from ${table} order by id`))).map((row) => row.id);

/** Every rollup row against the naive GROUP BY over the counted tables, as sorted text lines. */
async function expectRollupsToMatchTheTables() {
  const line = (row: { a: string; b: string; metric: string; period: string; value: string | number }) =>
    `${row.a}|${row.b}|${row.metric}|${row.period}|${Number(row.value)}`;
  type Row = Parameters<typeof line>[0];
  const facts = await rows<Row>(sql`select region_code as a, grid_code as b, metric, period, value from insight_facts`);
  const naiveFacts = await rows<Row>(
    sql`select region_code as a, grid_code as b, metric, period, value from (${factsQuery(() => sql`true`)}) f`,
  );
  expect(facts.map(line).sort()).toEqual(naiveFacts.map(line).sort());
  // Every area a region code counts towards, reckoned here apart from the SQL: '' and the prefixes of 2, 4, 6, 9, 12 digits.
  const lengths = [0, 2, 4, 6, 9, 12];
  const naiveTotals = new Map<string, number>();
  for (const fact of naiveFacts)
    lengths.forEach((length, index) => {
      if (length > fact.a.length) return;
      const parent = index === 0 ? "-" : fact.a.slice(0, lengths[index - 1]);
      const key = `${fact.a.slice(0, length)}|${parent}|${fact.metric}|${fact.period}`;
      naiveTotals.set(key, (naiveTotals.get(key) ?? 0) + Number(fact.value));
    });
  const totals = await rows<Row>(sql`select area as a, coalesce(parent, '-') as b, metric, period, value from insight_totals`);
  expect(totals.map(line).sort()).toEqual([...naiveTotals].map(([key, value]) => `${key}|${value}`).sort());
  expect(await rows(sql`select 1 from insight_changes`)).toEqual([]);
}

beforeAll(async () => {
  database = await openTestDatabase(undefined, { role: null });
  db = database.handle.db;
  await generateSmallCity(database, new Date("2026-11-30T02:00:00Z"));
  insights = new InsightService(db, () => new Date("2026-11-30T02:00:00Z"));
  const grids = await rows<{ region: string; grid: string }>(
    sql`select region_code as region, code as grid from grids order by code`,
  );
  places = [
    ...grids,
    ...[...new Set(grids.map((g) => g.region))].map((region) => ({ region, grid: null })),
    { region: grids[0]?.region.slice(0, 9) ?? "", grid: null },
  ];
  await addVisitTasksAndDisputes(database, "2026-11-30");
});
afterAll(async () => {
  await database?.close();
});

const pick = <T>(list: readonly T[], index: number): T => {
  const item = list[index % list.length];
  if (item === undefined) throw new Error("empty list");
  return item;
};

/** One write a user's work could make, as SQL straight to the table (the triggers must see every writer). */
const writeArbitrary = fc.oneof(
  fc.record({ kind: fc.constant("move_resident" as const), row: fc.nat(), place: fc.nat() }),
  fc.record({
    kind: fc.constant("resident_status" as const),
    row: fc.nat(),
    status: fc.constantFrom("present", "away", "moved_out", "deceased"),
  }),
  fc.record({
    kind: fc.constant("resident_tags" as const),
    row: fc.nat(),
    tags: fc.subarray(["volunteer", "veteran", "elderly_living_alone", "disabled"]),
  }),
  fc.record({ kind: fc.constant("tag_a_community" as const), place: fc.nat() }),
  fc.record({ kind: fc.constant("end_household" as const), row: fc.nat(), ended: fc.boolean() }),
  fc.record({ kind: fc.constant("register_status" as const), row: fc.nat(), status: fc.constantFrom("active", "ended") }),
  fc.record({ kind: fc.constant("delete_register_entry" as const), row: fc.nat() }),
  fc.record({
    kind: fc.constant("case_step" as const),
    row: fc.nat(),
    status: fc.constantFrom("registered", "dispatched", "handled", "closed", "rated", "rejected", "merged"),
    escalation: fc.integer({ min: 0, max: 2 }),
    rating: fc.option(fc.integer({ min: 1, max: 5 })),
    closedDay: fc.integer({ min: 0, max: 700 }),
  }),
  fc.record({ kind: fc.constant("move_case" as const), row: fc.nat(), place: fc.nat() }),
  fc.record({ kind: fc.constant("visit_done" as const), row: fc.nat(), done: fc.boolean() }),
  fc.record({ kind: fc.constant("delete_visit_task" as const), row: fc.nat() }),
  fc.record({
    kind: fc.constant("new_dispute" as const),
    place: fc.nat(),
    day: fc.integer({ min: 0, max: 700 }),
    outcome: fc.option(fc.constantFrom("agreement", "withdrawn", "referred_police")),
  }),
  fc.record({
    kind: fc.constant("close_dispute" as const),
    row: fc.nat(),
    outcome: fc.option(fc.constantFrom("agreement", "referred_committee")),
  }),
  fc.record({ kind: fc.constant("refresh" as const), batchSize: fc.integer({ min: 1, max: 3 }) }),
);
type Write = typeof writeArbitrary extends fc.Arbitrary<infer T> ? T : never;

async function apply(write: Write, tables: Record<string, string[]>): Promise<void> {
  const row = (table: string, index: number) => pick(tables[table] ?? [], index);
  switch (write.kind) {
    case "move_resident": {
      const place = pick(places, write.place);
      await db.execute(
        sql`update residents set region_code = ${place.region}, grid_code = ${place.grid} where id = ${row("residents", write.row)}`,
      );
      return;
    }
    case "resident_status":
      await db.execute(sql`update residents set living_status = ${write.status} where id = ${row("residents", write.row)}`);
      return;
    case "resident_tags":
      await db.execute(
        sql`update residents set tags = ${sql.param(write.tags)}::text[] where id = ${row("residents", write.row)}`,
      );
      return;
    case "tag_a_community": {
      const place = pick(places, write.place);
      await db.execute(
        sql`update residents set tags = array_append(tags, 'key_care') where region_code = ${place.region} and not 'key_care' = any(tags)`,
      );
      return;
    }
    case "end_household":
      await db.execute(
        sql`update households set ended_at = ${write.ended ? sql`now()` : sql`null`} where id = ${row("households", write.row)}`,
      );
      return;
    case "register_status":
      await db.execute(
        sql`update register_entries set status = ${write.status} where id = ${row("register_entries", write.row)}`,
      );
      return;
    case "delete_register_entry":
      await db.execute(sql`delete from register_entries where id = ${row("register_entries", write.row)}`);
      return;
    case "case_step": {
      const closed = write.status === "closed" || write.status === "rated";
      await db.execute(sql`
        update cases set status = ${write.status}, escalation_level = ${write.escalation},
          stage = ${closed || write.status === "rejected" ? null : "handle"},
          handled_at = coalesce(handled_at, reported_at + interval '1 day'), handled_on_time = ${write.escalation === 0},
          closed_at = ${closed ? sql`timestamptz '2025-01-01 00:00+08' + ${write.closedDay} * interval '1 day'` : sql`null`},
          rating = ${write.status === "rated" ? write.rating : null}, rework_count = ${write.escalation}
        where id = ${row("cases", write.row)}`);
      return;
    }
    case "move_case": {
      const place = pick(places, write.place);
      await db.execute(
        sql`update cases set region_code = ${place.region}, grid_code = ${place.grid} where id = ${row("cases", write.row)}`,
      );
      return;
    }
    case "visit_done":
      await db.execute(
        sql`update visit_tasks set done_at = ${write.done ? sql`now()` : sql`null`} where id = ${row("visit_tasks", write.row)}`,
      );
      return;
    case "delete_visit_task":
      await db.execute(sql`delete from visit_tasks where id = ${row("visit_tasks", write.row)}`);
      return;
    case "new_dispute": {
      const place = pick(places, write.place);
      await db.execute(sql`
        insert into disputes (id, region_code, grid_code, kind, summary, parties, mediators, reported_on, outcome, closed_on)
        values (gen_random_uuid(), ${place.region}, ${place.grid}, 'family', '争吵', '[]', array['调解员'],
          date '2025-01-01' + ${write.day}::int, ${write.outcome}, ${write.outcome ? sql`date '2025-01-01' + ${write.day}::int + 3` : sql`null`})`);
      return;
    }
    case "close_dispute":
      await db.execute(sql`
        update disputes set outcome = ${write.outcome}, closed_on = ${write.outcome ? sql`reported_on + 5` : sql`null`}
        where id = ${row("disputes", write.row)}`);
      return;
    case "refresh":
      await insights.refresh({ maxBatches: 1, batchSize: write.batchSize });
      return;
  }
}

describe("the overview's rollups", () => {
  it("equal the naive GROUP BY over the counted tables once refreshed, at every area and grid", async () => {
    expect(await insights.refresh()).toBeGreaterThan(0);
    await expectRollupsToMatchTheTables();
    const [city] = await rows<{ value: string }>(
      sql`select value from insight_totals where area = '4304' and metric = 'residents' and period = ''`,
    );
    const [counted] = await rows<{ n: string }>(
      sql`select count(*) as n from residents where living_status in ('present', 'away')`,
    );
    expect(Number(city?.value)).toBe(Number(counted?.n));
    expect(Number(counted?.n)).toBeGreaterThan(1_000);
  });

  it("stay equal to the tables after any sequence of writes, refreshed in small batches between them", async () => {
    const tables: Record<string, string[]> = {};
    for (const table of ["residents", "households", "register_entries", "cases", "visit_tasks", "disputes"])
      tables[table] = await ids(table);
    await fc.assert(
      fc.asyncProperty(fc.array(writeArbitrary, { minLength: 1, maxLength: 40 }), async (writes) => {
        for (const write of writes) await apply(write, tables);
        await insights.refresh();
        await expectRollupsToMatchTheTables();
      }),
      { numRuns: 8, seed: 20261130 },
    );
  }, 120_000);

  it("show each single write once refreshed, whichever table it touched", async () => {
    const tables: Record<string, string[]> = {};
    for (const table of ["residents", "households", "register_entries", "cases", "visit_tasks", "disputes"])
      tables[table] = await ids(table);
    // Two writes of every kind, each checked alone: a table whose trigger were missing would show here.
    const kinds = [...new Set(fc.sample(writeArbitrary, { numRuns: 500, seed: 1 }).map((write) => write.kind))];
    expect(kinds.length).toBe(14);
    for (const kind of kinds)
      for (const write of fc.sample(
        writeArbitrary.filter((candidate) => candidate.kind === kind),
        { numRuns: 2, seed: 20261201 },
      )) {
        await apply(write, tables);
        await insights.refresh();
        await expectRollupsToMatchTheTables();
      }
  }, 120_000);

  it("counts writes that other transactions commit while a refresh runs", async () => {
    const [resident] = await ids("residents");
    await Promise.all([
      insights.refresh({ batchSize: 1 }),
      db.execute(sql`update residents set living_status = 'deceased' where id = ${resident ?? ""}`),
      db.execute(
        sql`update cases set status = 'closed', closed_at = now() where id = (select id from cases where status = 'dispatched' limit 1)`,
      ),
    ]);
    await insights.refresh();
    await expectRollupsToMatchTheTables();
  });
});
