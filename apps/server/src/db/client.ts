import { mkdirSync } from "node:fs";
import type { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import pg from "pg";
import { lockDataDir } from "./data-dir-lock.js";
import { createPglite } from "./pglite.js";

/**
 * The one database type that repositories are written against, whichever engine runs below. Built
 * without Drizzle's relational query API (`db.query.*`): repositories write their queries, and
 * Drizzle would otherwise set up a query builder for every table on each transaction.
 */
export type Database = PgDatabase<PgQueryResultHKT>;
export type Engine = "pglite" | "postgres";

export interface DatabaseHandle {
  readonly engine: Engine;
  readonly db: Database;
  /** Runs `fn` holding a PostgreSQL advisory lock; on PGlite (one process) it just runs it. */
  withAdvisoryLock<T>(key: number, fn: (db: Database) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export type DatabaseOptions = (
  | { engine: "postgres"; url: string; poolSize: number }
  | { engine: "pglite"; dataDir: string }
  | { engine: "pglite"; pglite: PGlite }
) & {
  /** Work as this role (SET ROLE on every connection), so that its grants bind the application. */
  role?: string | null;
};

/** Opens the configured engine; PGlite on disk by default, node-postgres when a URL is given. */
export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  const role = options.role ?? null;
  if (options.engine === "postgres") return openPostgres(options.url, options.poolSize, role);
  if ("pglite" in options) return wrapPglite(await withRole(options.pglite, role));
  mkdirSync(options.dataDir, { recursive: true });
  const unlock = lockDataDir(options.dataDir);
  try {
    const client = await createPglite({ dataDir: options.dataDir });
    return wrapPglite(await withRole(client, role), unlock);
  } catch (error) {
    unlock();
    throw error;
  }
}

const setRole = (role: string) => `set role "${role.replace(/"/g, '""')}"`;

/** PGlite is one session: SET ROLE once holds for everything after it. */
async function withRole(client: PGlite, role: string | null): Promise<PGlite> {
  if (role) await client.exec(setRole(role));
  return client;
}

/** `release` is given when this handle owns the instance: close() then closes it and runs release. */
function wrapPglite(client: PGlite, release?: () => void): DatabaseHandle {
  const db = drizzlePglite(client) as unknown as Database;
  return {
    engine: "pglite",
    db,
    // PGlite is single-connection and in-process: nothing else can race us.
    withAdvisoryLock: (_key, fn) => fn(db),
    close: async () => {
      if (!release) return;
      if (!client.closed) await client.close();
      release();
    },
  };
}

function openPostgres(url: string, poolSize: number, role: string | null): DatabaseHandle {
  // The role as a startup parameter: a connection that cannot take it fails, never runs as the owner.
  // Pipelining: a client sends a query without waiting for the one before to be answered. Code that
  // awaits each query is unchanged by it; `inOneTrip` writes a whole transaction at once with it.
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    pipeline: true,
    ...(role ? { options: `-c role=${role}` } : {}),
  });
  // An idle client's network error must not crash the process; the next query reports it.
  pool.on("error", () => {});
  // A checked-out client's connection can end too (the server shut down between two statements of
  // a transaction): node-postgres emits that on the client, and an unheard 'error' event would end
  // the process. Heard here, the statement that needs the connection fails instead (answered 503),
  // and the pool drops the client when it is released.
  pool.on("connect", (client) => client.on("error", () => {}));
  const db = drizzlePg(pool) as unknown as Database;
  return {
    engine: "postgres",
    db,
    async withAdvisoryLock(key, fn) {
      // Session-level lock on one dedicated connection; the work runs on that same connection.
      const client = await pool.connect();
      try {
        await client.query("select pg_advisory_lock($1)", [key]);
        try {
          return await fn(drizzlePg(client) as unknown as Database);
        } finally {
          await client.query("select pg_advisory_unlock($1)", [key]);
        }
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
