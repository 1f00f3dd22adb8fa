import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { type Config, loadConfig } from "../config.js";
import { rowsOf } from "../db/migrate.js";
import { generateHengyang } from "../gen/hengyang.js";
import { SensitiveFields } from "../modules/people/sensitive-fields.js";
import { loadPrivacyKeys } from "../platform/privacy/keys.js";
import { createServices } from "../services.js";
import { openMigratedDatabase } from "../start.js";
import { benchCityPlanning, benchCityPointLookup, benchCityResidents, type CityBench } from "./city.bench.js";
import { benchCityDashboards } from "./dashboards.bench.js";
import { benchKeys } from "./intake-world.js";
import type { Figure } from "./measure.js";
import { withBenchDatabase } from "./measure.js";

/**
 * The figures measured on a generated city — residents, point → grid, the overview, the quarter's plan — in the
 * database `config` names, with its keys. The bench works as the database's owner (it empties and
 * refills tables for the raw side); the statements are the application's own.
 */
export async function cityFigures(config: Config, engineName: string): Promise<Figure[]> {
  const keys = loadPrivacyKeys(config.privacy, config.database.engine);
  const handle = await openMigratedDatabase({ ...config, databaseRole: null });
  try {
    const [row] = rowsOf<{ n: number; scale: number | null }>(
      await handle.db.execute(
        sql`select (select count(*)::int from residents) as n, (select scale from gen_city_run limit 1) as scale`,
      ),
    );
    const label = `${engineName}, scale ${row?.scale ?? "?"} (${(row?.n ?? 0).toLocaleString("en")} residents)`;
    const city: CityBench = {
      handle,
      sensitive: new SensitiveFields(keys),
      services: createServices(handle.db, { ...config, keys }),
      label,
    };
    return [
      ...(await benchCityResidents(city)),
      await benchCityPointLookup(city),
      ...(await benchCityDashboards(city)),
      await benchCityPlanning(city),
    ];
  } finally {
    await handle.close();
  }
}

const say = (text: string) => process.stderr.write(`${text}\n`);

/** Hengyang at `scale` generated into a throw-away PGlite directory, and the city's figures on it. */
export async function benchPgliteCity(scale: number): Promise<Figure[]> {
  const dataDir = mkdtempSync(join(tmpdir(), "linli-bench-city-"));
  try {
    const config = loadConfig({ ...benchKeys().environment, DATA_DIR: dataDir, DATABASE_ROLE: "none", LOG_LEVEL: "silent" });
    const started = Date.now();
    const result = await generateHengyang(config, new SensitiveFields(loadPrivacyKeys(config.privacy, "pglite")), scale);
    say(
      `generated Hengyang at scale ${scale} on PGlite: ${result.residents.toLocaleString("en")} residents in ${((Date.now() - started) / 1000).toFixed(0)} s`,
    );
    return await cityFigures(config, "PGlite");
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The same on a throw-away database of the PostgreSQL server at `url`. */
export async function benchPostgresCity(url: string, scale: number): Promise<Figure[]> {
  return withBenchDatabase(url, "linli_bench_city", 2, async (_database, target) => {
    const config = loadConfig({ ...benchKeys().environment, DATABASE_URL: target, DATABASE_ROLE: "none", LOG_LEVEL: "silent" });
    const started = Date.now();
    const result = await generateHengyang(config, new SensitiveFields(loadPrivacyKeys(config.privacy, "postgres")), scale);
    say(
      `generated Hengyang at scale ${scale} on PostgreSQL: ${result.residents.toLocaleString("en")} residents in ${((Date.now() - started) / 1000).toFixed(0)} s`,
    );
    return cityFigures(config, "PostgreSQL");
  });
}
