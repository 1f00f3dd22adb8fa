import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import type { PGlite } from "@electric-sql/pglite";
import { defaultRolePermissions } from "@linli/contracts";
import { type SQL, sql } from "drizzle-orm";
import { inject } from "vitest";
import { type Database, type DatabaseHandle, type Engine, openDatabase } from "../db/client.js";
import { rowsOf } from "../db/migrate.js";
import { createPglite } from "../db/pglite.js";
import { caseCategories, rolePermissions } from "../db/schema.js";
import { databaseUrl, templateDatabaseName, withDatabase } from "./postgres-admin.js";

/** The role the application works as (migration 0007); tests work as it too, so its grants are tested. */
export const applicationRole = "linli_app";

/**
 * What a database superuser could do, and the application cannot: leave the application's role,
 * bypass triggers, rewrite history. For tests that tamper, and for resets between tests.
 */
export async function asSuperuser(db: Database, statement: SQL): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`set local role none`);
    await tx.execute(sql`set local session_replication_role = replica`);
    await tx.execute(statement);
  });
}

export interface TestDatabase {
  handle: DatabaseHandle;
  /** What it runs on: the embedded instance, or the PostgreSQL database's URL (for tools that open their own connection). */
  engine: { kind: "pglite"; pglite: PGlite } | { kind: "postgres"; url: string };
  /** Empties every table, for isolation between tests of one file. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

/** The engine the db suites run on: PostgreSQL when TEST_DATABASE_URL is set, else PGlite. */
export const testEngine: Engine = process.env.TEST_DATABASE_URL ? "postgres" : "pglite";

/**
 * A migrated database for one test file: PGlite loaded from the run's dump, or a fresh clone of
 * the PostgreSQL template database (dropped again by close()).
 */
export async function openTestDatabase(
  engine: Engine = testEngine,
  { role = applicationRole }: { role?: string | null } = {},
): Promise<TestDatabase> {
  if (engine === "pglite") {
    const dump = readFileSync(inject("pgliteDumpPath"));
    const pglite = await createPglite({ loadDataDir: new Blob([dump]) });
    const handle = await openDatabase({ engine: "pglite", pglite, role });
    const seeded = await seededData(handle);
    return { handle, engine: { kind: "pglite", pglite }, reset: () => truncateAll(handle, seeded), close: () => pglite.close() };
  }
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) throw new Error("TEST_DATABASE_URL is not set");
  const name = `linli_test_${randomBytes(6).toString("hex")}`;
  await withDatabase(serverUrl, (client) => client.query(`create database ${name} template ${templateDatabaseName}`));
  const url = databaseUrl(serverUrl, name);
  const handle = await openDatabase({
    engine: "postgres",
    url,
    poolSize: 5,
    role,
  });
  const seeded = await seededData(handle);
  return {
    handle,
    engine: { kind: "postgres", url },
    reset: () => truncateAll(handle, seeded),
    close: async () => {
      await handle.close();
      await withDatabase(serverUrl, (client) => client.query(`drop database if exists ${name} with (force)`));
    },
  };
}

/** Reference data the migrations seed, as they left it, read when the database opens; every reset puts it back. */
async function seededData(handle: DatabaseHandle) {
  return { categories: await handle.db.select().from(caseCategories) };
}

async function truncateAll(handle: DatabaseHandle, { categories }: Awaited<ReturnType<typeof seededData>>): Promise<void> {
  const result = await handle.db.execute(sql`select tablename from pg_tables where schemaname = 'public'`);
  const tables = rowsOf<{ tablename: string }>(result).map((row) => `"${row.tablename}"`);
  if (tables.length === 0) return;
  // The audit trail refuses truncation by trigger; a test reset acts as a superuser would.
  await handle.db.transaction(async (tx) => {
    await tx.execute(sql`set local role none`);
    await tx.execute(sql`set local session_replication_role = replica`);
    await tx.execute(sql.raw(`truncate ${tables.join(", ")} cascade`));
    // Reference data the migrations seed comes back, as on a fresh database.
    const grants = Object.entries(defaultRolePermissions).flatMap(([role, permissions]) =>
      permissions.map((permission) => ({ role, permission })),
    );
    if (grants.length > 0) await tx.insert(rolePermissions).values(grants);
    if (categories.length > 0) await tx.insert(caseCategories).values(categories);
  });
}
