import { sql } from "drizzle-orm";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { type DivisionRecord, readDivisions } from "../modules/regions/division-source.js";
import { RegionImportService } from "../modules/regions/region-import.service.js";
import type { Figure } from "./measure.js";
import { time, withBenchDatabase } from "./measure.js";

const benchDatabase = "linli_bench_regions";

/** Tab-separated COPY text; division names hold no tabs, newlines or backslashes. */
const copyLine = (record: DivisionRecord) =>
  `${record.code}\t${record.level}\t${record.name}\t${record.parentCode ?? "\\N"}\tt\n`;

async function copyRows(url: string, records: DivisionRecord[]): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const stream = client.query(copyFrom("COPY regions (code, level, name, parent_code, active) FROM STDIN"));
    await new Promise<void>((resolve, reject) => {
      stream.on("finish", resolve);
      stream.on("error", reject);
      let chunk = "";
      for (const record of records) {
        chunk += copyLine(record);
        if (chunk.length > 1 << 16) {
          stream.write(chunk);
          chunk = "";
        }
      }
      stream.end(chunk);
    });
  } finally {
    await client.end();
  }
}

/**
 * `npm run regions:import -- --all` (all of China's divisions, through RegionImportService, in
 * one transaction) against a bare COPY of the same rows into the same table, on a throw-away
 * database of the PostgreSQL server at `url`.
 */
export async function benchRegionImport(url: string): Promise<Figure[]> {
  return withBenchDatabase(url, benchDatabase, 2, async (database, target) => {
    const records: DivisionRecord[] = [];
    for await (const record of readDivisions("")) records.push(record);
    const service = new RegionImportService(database.db);
    const importMs = await time(async () => {
      await service.importDivisions(records, "");
    });
    const againMs = await time(async () => {
      await service.importDivisions(records, "");
    });
    await database.db.execute(sql`truncate regions`);
    const copyMs = await time(() => copyRows(target, records));
    const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    const rows = `${records.length.toLocaleString("en")} divisions`;
    return [
      {
        name: `regions:import --all into PostgreSQL (${rows}, empty table)`,
        measured: seconds(importMs),
        limit: `${seconds(copyMs)} (bare COPY of the same rows)`,
        ratio: importMs / copyMs,
        goal: "reported",
        met: true,
      },
      {
        name: "regions:import --all again (nothing to change)",
        measured: seconds(againMs),
        limit: `${seconds(copyMs)} (bare COPY)`,
        ratio: againMs / copyMs,
        goal: "reported",
        met: true,
      },
    ];
  });
}
