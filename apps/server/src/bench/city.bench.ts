import type { Polygon } from "@linli/contracts";
import { sql } from "drizzle-orm";
import Flatbush from "flatbush";
import pointInPolygon from "point-in-polygon-hao";
import type { DatabaseHandle } from "../db/client.js";
import { rowsOf } from "../db/migrate.js";
import { hengyang } from "../gen/city-plan.js";
import type { SensitiveFields } from "../modules/people/sensitive-fields.js";
import type { Services } from "../services.js";
import type { Figure } from "./measure.js";
import { benchActor, compare, seeded, time } from "./measure.js";

/** A generated city the figures run on: its database (as the application's role), the server's keys, the services over it. */
export interface CityBench {
  handle: DatabaseHandle;
  sensitive: SensitiveFields;
  services: Services;
  /** How the figures name it: "PostgreSQL, scale 1 (6,600,000 residents)". */
  label: string;
}

const context = { ip: null };
const cityActor = benchActor("00000000-0000-7000-8000-000000000001", [hengyang.cityCode]);
const percentile = (values: number[], fraction: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * fraction))] ?? Number.NaN;
const query = async <T>(city: CityBench, statement: ReturnType<typeof sql>) => rowsOf<T>(await city.handle.db.execute(statement));

/** A statement sent straight through the driver under Drizzle: node-postgres by name (prepared once per connection), or PGlite. */
async function rawQuery(city: CityBench, name: string, text: string, values: unknown[]): Promise<unknown[]> {
  const client = (city.handle.db as unknown as { $client: { query: (...args: unknown[]) => Promise<{ rows: unknown[] }> } })
    .$client;
  const result =
    city.handle.engine === "postgres" ? await client.query({ name, text, values }) : await client.query(text, values);
  return result.rows;
}

/**
 * Resident by full ID number among the city's residents, through the service a city administrator's
 * search runs (blind index, scope, masking), against the raw indexed SELECT; then name-prefix search
 * in the city's largest community, p50 and p95.
 */
export async function benchCityResidents(city: CityBench, lookups = 2_000): Promise<Figure[]> {
  // Residents spread over the city: the blind index is a keyed hash, so its order is as good as random.
  const sample = await query<{ sealed: string }>(
    city,
    sql`select id_number_sealed as sealed from residents where id_number_index is not null order by id_number_index limit ${lookups}`,
  );
  const asked = sample.map((row) => city.sensitive.open("id_number", row.sealed));
  let found = 0;
  const service = async () => {
    for (const idNumber of asked)
      found += (await city.services.residents.search(cityActor, { q: idNumber, limit: 50 }, context)).items.length;
  };
  // The raw side: node-postgres (or PGlite) straight, a named statement — parsed and planned once
  // per connection, as the application's prepared statements are.
  const raw = async () => {
    for (const idNumber of asked) {
      const index = city.sensitive.indexOf("id_number", idNumber);
      found += (
        await rawQuery(city, "raw_resident_by_id", "select * from residents where id_number_index = $1 and region_code like $2", [
          index,
          `${hengyang.cityCode}%`,
        ])
      ).length;
    }
  };
  await service();
  await raw();
  const result = await compare(3, service, raw);
  const micros = (ms: number) => (ms * 1000) / asked.length;
  const lookupMicros = micros(result.subjectMs);
  const rawMicros = micros(result.baselineMs);

  const [largest] = await query<{ code: string; n: number }>(
    city,
    sql`select region_code as code, count(*)::int as n from residents group by region_code order by count(*) desc limit 1`,
  );
  const names = await query<{ name: string }>(
    city,
    sql`select name from residents where region_code = ${largest?.code ?? ""} limit 2000`,
  );
  const random = seeded(4304);
  const prefixes = Array.from({ length: 300 }, () => (names[Math.floor(random() * names.length)]?.name ?? "王").slice(0, 2));
  const searchMs: number[] = [];
  const rawSearchMs: number[] = [];
  for (const prefix of prefixes) {
    rawSearchMs.push(
      await time(async () => {
        await rawQuery(
          city,
          "raw_name_page",
          `select * from residents where region_code = $1 and (name collate "C") like $2 order by name collate "C", id limit 51`,
          [largest?.code ?? "", `${prefix}%`],
        );
      }),
    );
    searchMs.push(
      await time(async () => {
        await city.services.residents.search(cityActor, { q: prefix, region: largest?.code, limit: 50 }, context);
      }),
    );
  }
  const p95 = percentile(searchMs, 0.95) * 1000;
  const p50 = percentile(searchMs, 0.5) * 1000;
  const rawP95 = percentile(rawSearchMs, 0.95) * 1000;
  const rawP50 = percentile(rawSearchMs, 0.5) * 1000;
  return [
    {
      name: `resident by full ID number, ${city.label}, ${asked.length.toLocaleString("en")} lookups`,
      measured: `${lookupMicros.toFixed(0)} µs per lookup (${Math.round(1e6 / lookupMicros)}/s)`,
      limit: `${rawMicros.toFixed(0)} µs (${Math.round(1e6 / rawMicros)}/s), raw indexed SELECT`,
      ratio: rawMicros / lookupMicros,
      goal: "≥ 0.5 × the raw throughput",
      met: rawMicros / lookupMicros >= 0.5,
      note: found >= 2 * asked.length ? undefined : "a lookup missed its resident: the bench is broken",
    },
    {
      name: `name-prefix search in the largest community (${(largest?.n ?? 0).toLocaleString("en")} residents, 50 per page), ${city.label}`,
      measured: `p95 ${(p95 / 1000).toFixed(2)} ms (p50 ${(p50 / 1000).toFixed(2)} ms)`,
      limit: `p95 ${(rawP95 / 1000).toFixed(2)} ms (p50 ${(rawP50 / 1000).toFixed(2)} ms), the raw SELECT of the same page`,
      ratio: rawP95 / p95,
      goal: "≥ 0.5 × the raw query (p95)",
      met: rawP95 / p95 >= 0.5,
    },
  ];
}

/** A flatbush index over polygons' bounding boxes, with the polygons to test candidates against. */
function bareIndex(polygons: Polygon[]) {
  const index = new Flatbush(Math.max(1, polygons.length));
  for (const polygon of polygons) {
    const ring = polygon.coordinates[0] ?? [];
    const xs = ring.map((point) => point[0] ?? 0);
    const ys = ring.map((point) => point[1] ?? 0);
    index.add(Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys));
  }
  index.finish();
  return (x: number, y: number) => {
    for (const candidate of index.search(x, y, x, y))
      if (pointInPolygon([x, y], polygons[candidate]?.coordinates ?? []) !== false) return candidate;
    return -1;
  };
}

/**
 * Point → grid over the city's grids: what GET /api/locate runs (the grid and the compound at the
 * point, the scope check, the index's freshness check) against bare flatbush queries plus
 * point-in-polygon tests over the same grids and compounds. Three points in four fall in a grid.
 */
export async function benchCityPointLookup(city: CityBench, lookups = 200_000): Promise<Figure> {
  const grids = (
    await query<{ boundary: Polygon }>(city, sql`select boundary from grids where boundary is not null order by code`)
  ).map((row) => row.boundary);
  const compounds = (
    await query<{ boundary: Polygon }>(city, sql`select boundary from compounds where boundary is not null order by id`)
  ).map((row) => row.boundary);
  const gridAt = bareIndex(grids);
  const compoundAt = bareIndex(compounds);
  const random = seeded(6_650_000);
  const points = Array.from({ length: lookups }, () => {
    const grid = grids[Math.floor(random() * grids.length)];
    const ring = grid?.coordinates[0] ?? [];
    if (random() < 0.25 || ring.length < 3)
      return [
        hengyang.west + random() * (hengyang.east - hengyang.west),
        hengyang.south + random() * (hengyang.north - hengyang.south),
      ];
    const [west, south] = ring[0] ?? [0, 0];
    const [east, north] = ring[2] ?? [0, 0];
    return [(west ?? 0) + random() * ((east ?? 0) - (west ?? 0)), (south ?? 0) + random() * ((north ?? 0) - (south ?? 0))];
  });
  await city.services.locations.locate(cityActor, 112.6, 26.9); // builds the index, as the first request after start does
  let found = 0;
  let bare = 0;
  const result = await compare(
    3,
    async () => {
      for (const [x, y] of points) if ((await city.services.locations.locate(cityActor, x ?? 0, y ?? 0)).grid) found += 1;
    },
    () => {
      for (const [x, y] of points) {
        if (gridAt(x ?? 0, y ?? 0) >= 0) bare += 1;
        compoundAt(x ?? 0, y ?? 0);
      }
    },
  );
  const perLookup = (ms: number) => `${((ms * 1000) / lookups).toFixed(2)} µs`;
  return {
    name: `point → grid and compound, ${city.label}: ${grids.length.toLocaleString("en")} grids, ${compounds.length.toLocaleString("en")} compounds, ${lookups.toLocaleString("en")} points`,
    measured: perLookup(result.subjectMs),
    limit: `${perLookup(result.baselineMs)} (bare flatbush + point-in-polygon, grids and compounds)`,
    ratio: result.ratio,
    goal: "≤ 2 × the bare query",
    met: result.ratio <= 2,
    note: found > 0 && found === bare ? undefined : "the service and the bare query disagree: the bench is broken",
  };
}

/** The quarter's visit plan for every community of the city, through the planner, against a plain INSERT … SELECT of the same tasks. */
export async function benchCityPlanning(city: CityBench): Promise<Figure> {
  const communities = await query<{ code: string }>(city, sql`select distinct region_code as code from visit_rules order by 1`);
  const [households] = await query<{ n: number }>(city, sql`select count(*)::int as n from households`);
  const on = new Date().toISOString().slice(0, 10);
  let tasks = 0;
  const [existing] = await query<{ n: number }>(city, sql`select count(*)::int as n from visit_tasks`);
  if ((existing?.n ?? 0) > 0)
    throw new Error("the city already holds visit tasks: planning would create none (run the bench on a freshly generated city)");
  const planMs = await time(async () => {
    for (const { code } of communities)
      tasks += (await city.services.visitPlans.plan(cityActor, { regionCode: code, on }, context)).created;
  });
  const owner = city.handle.db;
  await owner.execute(
    sql`create temporary table planned_tasks as select * from visit_tasks where period_start >= ${on}::date - 100`,
  );
  await owner.execute(sql`delete from visit_tasks where id in (select id from planned_tasks)`);
  const rawMs = await time(async () => {
    await owner.execute(sql`insert into visit_tasks select * from planned_tasks`);
  });
  // The city as the bench found it: without this quarter's tasks, so that the next run plans them again.
  await owner.execute(sql`delete from visit_tasks where id in (select id from planned_tasks)`);
  await owner.execute(sql`drop table planned_tasks`);
  const perSecond = (ms: number) => Math.round(tasks / (ms / 1000)).toLocaleString("en");
  const hengyangMinutes = ((hengyang.households / Math.max(1, households?.n ?? 0)) * planMs) / 60_000;
  return {
    name: `quarter visit planning, ${city.label}: ${(households?.n ?? 0).toLocaleString("en")} households in ${communities.length.toLocaleString("en")} communities`,
    measured: `${(planMs / 1000).toFixed(1)} s, ${tasks.toLocaleString("en")} tasks (${perSecond(planMs)} /s)`,
    limit: `${(rawMs / 1000).toFixed(1)} s (${perSecond(rawMs)} /s), a plain INSERT … SELECT of the same tasks into the same table`,
    ratio: rawMs / planMs,
    goal: "≥ 0.5; Hengyang in minutes",
    met: rawMs / planMs >= 0.5 && hengyangMinutes < 60,
    note: `Hengyang's 2.3 M households at this rate: about ${Math.ceil(hengyangMinutes)} min`,
  };
}
