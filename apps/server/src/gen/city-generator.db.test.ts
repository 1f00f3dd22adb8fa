import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sha256, trackingCodeFor } from "../modules/cases/case.service.js";
import { SensitiveFields } from "../modules/people/sensitive-fields.js";
import { type DivisionRecord, readDivisions } from "../modules/regions/division-source.js";
import { RegionImportService } from "../modules/regions/region-import.service.js";
import { buildUser } from "../test/builders.js";
import { testPrivacyKeys } from "../test/keys.js";
import { buildTestApp, sessionHeaders, signIn } from "../test/test-app.js";
import { openTestDatabase, type TestDatabase } from "../test/test-database.js";
import { type GenerateOptions, GenerationRefused, generateCity } from "./city-generator.js";
import { hengyang, planCity } from "./city-plan.js";
import { emptyCityRows } from "./city-tables.js";
import { generatePeople } from "./community-people.js";
import { generatePlaces } from "./community-places.js";
import { type CopyTarget, copyTargetOn, openCopyTarget } from "./copy-target.js";
import { Random } from "./random.js";

const scale = 0.001;
const sensitive = new SensitiveFields(testPrivacyKeys);
let database: TestDatabase;
let target: CopyTarget;
let app: FastifyInstance;
const divisions: DivisionRecord[] = [];
const plainIds: string[] = [];

const options = (overrides: Partial<GenerateOptions> = {}): GenerateOptions => ({
  scale,
  communities: divisions.filter((division) => division.level === 5),
  townships: new Map(divisions.filter((division) => division.level === 4).map((division) => [division.code, division.name])),
  protect: (field, value) => {
    if (field === "id_number" && plainIds.length < 5) plainIds.push(value);
    return sensitive.protect(field, value);
  },
  trackingHash: (caseId) => sha256(trackingCodeFor(sensitive, caseId)),
  passwordHash: "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHQ$YWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXo",
  now: new Date("2026-11-30T02:00:00Z"),
  ...overrides,
});

const count = async (table: string) => Number((await target.query<{ n: string }>(`select count(*) as n from ${table}`))[0]?.n);

beforeAll(async () => {
  for await (const division of readDivisions(hengyang.cityCode)) divisions.push(division);
  // As the owner (the generator creates its bookkeeping tables), as `npm run gen:city` runs.
  database = await openTestDatabase(undefined, { role: null });
  await new RegionImportService(database.handle.db).importDivisions(readDivisions(hengyang.cityCode), hengyang.cityCode);
  target =
    database.engine.kind === "pglite"
      ? copyTargetOn(database.engine.pglite)
      : await openCopyTarget({ engine: "postgres", url: database.engine.url });
  app = await buildTestApp(database.handle);
});
afterAll(async () => {
  await app?.close();
  await target?.close();
  await database?.close();
});

describe("gen:city", () => {
  it("resumes a stopped run where it stopped, with the same people an uninterrupted run makes", async () => {
    const plan = planCity(options().communities, scale);
    expect(plan.communities.length).toBe(3);
    let stops = 1;
    const stopAfterFirst = options({
      onProgress: () => {
        if (stops-- > 0) throw new Error("the process died");
      },
    });
    await expect(generateCity(target, stopAfterFirst)).rejects.toThrow("the process died");
    expect(await count("gen_city_done")).toBe(1);

    const result = await generateCity(target, options({ now: new Date("2027-03-01T00:00:00Z") }));
    expect(result.skipped).toBe(1);
    expect(await count("gen_city_done")).toBe(3);

    // The people of an uninterrupted run, made in memory: the same blind indexes, no more, no fewer.
    const taken = new Set<number>();
    const expected: string[] = [];
    for (const community of plan.communities) {
      const rows = emptyCityRows();
      const now = options().now;
      const places = generatePlaces(community, { random: Random.of(community.code, "places"), now, passwordHash: "" }, rows);
      generatePeople(
        places,
        {
          random: Random.of(community.code, "people"),
          now,
          protect: (field, value) => sensitive.protect(field, value),
          takenIds: taken,
        },
        rows,
      );
      const index = rows.residents.columns.indexOf("id_number_index");
      for (const row of rows.residents.rows) expected.push(String(row[index]));
    }
    const stored = (await target.query<{ i: string }>("select id_number_index as i from residents")).map((row) => row.i);
    expect(stored.sort()).toEqual(expected.sort());
    // The resumed run kept its first clock: nothing is dated after it.
    const [latest] = await target.query<{ at: Date | string }>("select max(reported_at) as at from cases");
    expect(new Date(latest?.at ?? 0).getTime()).toBeLessThanOrEqual(options().now.getTime());
  });

  it("holds a consistent city: a household per dwelling, each grid staffed, every case numbered once and dated in order", async () => {
    expect(await count("households")).toBe(await count("dwellings"));
    const [orphans] = await target.query<{ n: string }>(
      "select count(*) as n from residents r join households h on h.id = r.household_id where h.dwelling_id <> r.dwelling_id or h.grid_code is distinct from r.grid_code",
    );
    expect(Number(orphans?.n)).toBe(0);
    const [unstaffed] = await target.query<{ n: string }>(
      "select count(*) as n from grids g where not exists (select 1 from grid_staff s where s.grid_code = g.code and s.post = 'grid_member')",
    );
    expect(Number(unstaffed?.n)).toBe(0);
    const [numbers] = await target.query<{ n: string; d: string }>(
      "select count(*) as n, count(distinct number) as d from cases",
    );
    expect(Number(numbers?.d)).toBe(Number(numbers?.n));
    const [disorder] = await target.query<{ n: string }>(
      "select count(*) as n from cases where registered_at < reported_at or dispatched_at < registered_at or handled_at < dispatched_at or closed_at < handled_at",
    );
    expect(Number(disorder?.n)).toBe(0);
    // Every rework the evaluation counts shows in the case's timeline as a send-back.
    const [rework] = await target.query<{ n: string; reworked: string }>(
      "select count(*) filter (where rework_count <> (select count(*) from case_events e where e.case_id = c.id and e.kind = 'send_back')) as n, count(*) filter (where rework_count > 0) as reworked from cases c",
    );
    expect(Number(rework?.n)).toBe(0);
    expect(Number(rework?.reworked)).toBeGreaterThan(0);
  });

  it("makes residents the application finds by ID number and cases a reporter follows by tracking code", async () => {
    const { password } = await buildUser(database.handle.db, {
      username: "city.reader",
      roles: ["city_admin"],
      scope: { regions: ["4304"], grids: [] },
    });
    const cookie = await signIn(app, "city.reader", password);
    const idNumber = plainIds[0] ?? "";
    const found = await app.inject({ method: "GET", url: `/api/residents?q=${idNumber}`, headers: sessionHeaders(cookie) });
    expect(found.statusCode).toBe(200);
    expect(found.json().items).toHaveLength(1);
    expect(found.json().items[0].idNumber).toBe(`${idNumber.slice(0, 6)}********${idNumber.slice(-4)}`);

    const [someCase] = await target.query<{ id: string; number: string }>("select id, number from cases order by number limit 1");
    const tracked = await app.inject({ method: "GET", url: `/api/track/${trackingCodeFor(sensitive, someCase?.id ?? "")}` });
    expect(tracked.statusCode).toBe(200);
    expect(tracked.json().number).toBe(someCase?.number);
  });

  it("refuses to resume at another scale, or to generate into a database that holds other residents", async () => {
    await expect(generateCity(target, options({ scale: 0.002 }))).rejects.toThrow(GenerationRefused);
    await target.query("drop table gen_city_run");
    await expect(generateCity(target, options())).rejects.toThrow(/already holds residents/);
  });
});
