import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { openDatabase } from "../../db/client.js";
import { applyMigrations } from "../../db/migrate.js";
import { createPglite } from "../../db/pglite.js";
import { type BenchKeys, buildPlaces } from "../intake-world.js";
import type { Submission } from "./intake-load.js";

/** Where a fault test's server keeps its data: a PostgreSQL database or a PGlite data directory. */
export type FaultTarget = { engine: "postgres"; url: string } | { engine: "pglite"; dataDir: string };

export const serverEnvironment = (target: FaultTarget): Record<string, string> =>
  target.engine === "postgres" ? { DATABASE_URL: target.url } : { DATA_DIR: target.dataDir };

export const newPgliteTarget = (): FaultTarget => ({
  engine: "pglite",
  dataDir: mkdtempSync(join(tmpdir(), "linli-faults-pglite-")),
});

/** Migrates the target and draws the place reports land in. */
export async function prepare(target: FaultTarget, keys: BenchKeys): Promise<void> {
  const handle = await openDatabase(target.engine === "postgres" ? { ...target, poolSize: 2 } : target);
  try {
    await applyMigrations(handle);
    await buildPlaces(handle, keys);
  } finally {
    await handle.close();
  }
}

/** Runs queries on the target directly (on PGlite, only while no server holds the directory). */
export async function withQueries<T>(
  target: FaultTarget,
  work: (query: <R>(text: string, params?: unknown[]) => Promise<R[]>) => Promise<T>,
): Promise<T> {
  if (target.engine === "postgres") {
    const client = new pg.Client({ connectionString: target.url });
    await client.connect();
    try {
      return await work(async (text, params) => (await client.query(text, params)).rows);
    } finally {
      await client.end();
    }
  }
  const pglite = await createPglite({ dataDir: target.dataDir });
  try {
    return await work(async (text, params) => (await pglite.query(text, params)).rows as never);
  } finally {
    await pglite.close();
  }
}

/**
 * What the database holds against what the client was told: acknowledged cases missing (lost),
 * and cases beyond one per submission (duplicated; every submission is acknowledged by the end).
 */
export async function reckon(
  target: FaultTarget,
  items: readonly Submission[],
): Promise<{ lost: number; duplicated: number; unacknowledged: number }> {
  const acked = items.flatMap((item) => (item.caseId ? [item.caseId] : []));
  return withQueries(target, async (query) => {
    const [total] = await query<{ n: string }>("select count(*) as n from cases");
    const [found] = await query<{ n: string }>("select count(*) as n from cases where id = any($1::uuid[])", [acked]);
    return {
      lost: acked.length - Number(found?.n),
      duplicated: Number(total?.n) - acked.length,
      unacknowledged: items.length - acked.length,
    };
  });
}
