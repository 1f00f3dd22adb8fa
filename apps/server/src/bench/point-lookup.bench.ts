import type { Polygon } from "@linli/contracts";
import Flatbush from "flatbush";
import pointInPolygon from "point-in-polygon-hao";
import { openDatabase } from "../db/client.js";
import { applyMigrations } from "../db/migrate.js";
import { createPglite } from "../db/pglite.js";
import { grids } from "../db/schema.js";
import { LocationService } from "../modules/grids/location.service.js";
import { rectangle } from "../platform/geo/polygon.js";
import { benchActor, compare, seeded } from "./measure.js";

export interface Figure {
  name: string;
  measured: string;
  limit: string;
  ratio: number;
  goal: string;
  met: boolean;
  note?: string;
}

const columns = 200;
const rows = 100;
const cell = 0.001;
const west = 112.5;
const south = 26.8;

/**
 * Point → grid with 20,000 grids: `LocationService.locate` (what GET /api/locate runs, scope check
 * included) against a bare flatbush query plus point-in-polygon tests over the same polygons.
 */
export async function benchPointLookup(lookups = 200_000): Promise<Figure> {
  const database = await openDatabase({ engine: "pglite", pglite: await createPglite() });
  try {
    await applyMigrations(database);
    const polygons: { code: string; regionCode: string; boundary: Polygon }[] = [];
    for (let index = 0; index < columns * rows; index += 1) {
      const x = west + (index % columns) * cell;
      const y = south + Math.floor(index / columns) * cell;
      const regionCode = `4304${String(Math.floor(index / 10)).padStart(8, "0")}`;
      polygons.push({
        code: `${regionCode}${String((index % 10) + 1).padStart(3, "0")}`,
        regionCode,
        boundary: rectangle(x, y, x + cell, y + cell),
      });
    }
    for (let start = 0; start < polygons.length; start += 1000)
      await database.db
        .insert(grids)
        .values(
          polygons
            .slice(start, start + 1000)
            .map((grid) => ({ ...grid, countyCode: grid.regionCode.slice(0, 6), name: grid.code })),
        );

    const random = seeded(4304);
    const points = Array.from({ length: lookups }, () => [
      west - 0.01 + random() * (columns * cell + 0.02),
      south - 0.01 + random() * (rows * cell + 0.02),
    ]);
    const actor = benchActor("00000000-0000-7000-8000-000000000000", ["*"]);
    const locations = new LocationService(database.db);
    await locations.locate(actor, 112.55, 26.85); // builds the index, as the first request after start does

    const index = new Flatbush(polygons.length);
    for (const grid of polygons) {
      const ring = grid.boundary.coordinates[0] ?? [];
      index.add(ring[0]?.[0] ?? 0, ring[0]?.[1] ?? 0, ring[2]?.[0] ?? 0, ring[2]?.[1] ?? 0);
    }
    index.finish();

    let found = 0;
    const result = await compare(
      5,
      async () => {
        for (const [x, y] of points) if ((await locations.locate(actor, x ?? 0, y ?? 0)).grid) found += 1;
      },
      () => {
        for (const [x, y] of points)
          for (const candidate of index.search(x ?? 0, y ?? 0, x ?? 0, y ?? 0))
            if (pointInPolygon([x ?? 0, y ?? 0], polygons[candidate]?.boundary.coordinates ?? []) !== false) {
              found += 1;
              break;
            }
      },
    );
    const perLookup = (ms: number) => `${((ms * 1000) / lookups).toFixed(2)} µs`;
    return {
      name: `point → grid, ${(columns * rows).toLocaleString("en")} grids, ${lookups.toLocaleString("en")} lookups`,
      measured: perLookup(result.subjectMs),
      limit: `${perLookup(result.baselineMs)} (bare flatbush + point-in-polygon)`,
      ratio: result.ratio,
      goal: "≤ 2 × the bare query",
      met: result.ratio <= 2,
      note: found > 0 ? undefined : "no point found a grid: the bench is broken",
    };
  } finally {
    await database.close();
  }
}
