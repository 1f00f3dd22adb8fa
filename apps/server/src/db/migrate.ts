import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import type { NodePgDatabase } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import type { Database, DatabaseHandle } from "./client.js";

/** Same path from src/db and dist/db. */
export const migrationsFolder = fileURLToPath(new URL("../../drizzle", import.meta.url));
const migrationsTable = "__drizzle_migrations";
const migrationsSchema = "drizzle";
/** Arbitrary but fixed: every Linli instance contends for the same lock. */
const MIGRATION_LOCK_KEY = 7_114_990_001;

/** Number of migrations shipped with this build (drizzle-kit's journal). */
export function expectedMigrationCount(): number {
  const journal = JSON.parse(readFileSync(`${migrationsFolder}/meta/_journal.json`, "utf8")) as {
    entries: unknown[];
  };
  return journal.entries.length;
}

/**
 * Applies pending migrations. On PostgreSQL it holds an advisory lock, so several instances
 * starting together apply each migration once; the others wait, then find nothing to do.
 */
export async function applyMigrations(handle: DatabaseHandle): Promise<void> {
  const config = { migrationsFolder, migrationsTable, migrationsSchema };
  await handle.withAdvisoryLock(MIGRATION_LOCK_KEY, async (db) => {
    if (handle.engine === "pglite") await migrate(db as unknown as PgliteDatabase, config);
    else await migratePg(db as unknown as NodePgDatabase, config);
  });
}

/** How many migrations the database records as applied (0 before the first). */
export async function appliedMigrationCount(db: Database): Promise<number> {
  const exists = await db.execute<{ present: boolean }>(
    sql`select to_regclass(${`${migrationsSchema}.${migrationsTable}`}) is not null as present`,
  );
  if (!rowsOf<{ present: boolean }>(exists)[0]?.present) return 0;
  const result = await db.execute<{ count: number }>(
    sql`select count(*)::int as count from ${sql.identifier(migrationsSchema)}.${sql.identifier(migrationsTable)}`,
  );
  return rowsOf<{ count: number }>(result)[0]?.count ?? 0;
}

/** node-postgres and PGlite both return `{ rows }` from execute. */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}
