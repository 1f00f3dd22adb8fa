import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { PGlite, Transaction } from "@electric-sql/pglite";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { lockDataDir } from "../db/data-dir-lock.js";
import { createPglite } from "../db/pglite.js";
import type { TableRows } from "./table-rows.js";

/** What a generator's transaction can do: query, and bulk-load a table's rows. */
export interface TargetTransaction {
  query<T>(text: string, params?: unknown[]): Promise<T[]>;
  copy(rows: TableRows): Promise<void>;
}

/** A database the generator loads through COPY: PostgreSQL from a stream, PGlite from a blob. */
export interface CopyTarget {
  readonly engine: "postgres" | "pglite";
  query<T>(text: string, params?: unknown[]): Promise<T[]>;
  transaction(work: (tx: TargetTransaction) => Promise<void>): Promise<void>;
  close(): Promise<void>;
}

export async function openCopyTarget(
  database: { engine: "postgres"; url: string } | { engine: "pglite"; dataDir: string },
): Promise<CopyTarget> {
  return database.engine === "postgres" ? postgresTarget(database.url) : pgliteTarget(database.dataDir);
}

async function postgresTarget(url: string): Promise<CopyTarget> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const query = async <T>(text: string, params?: unknown[]) => (await client.query(text, params)).rows as T[];
  const copy = async (rows: TableRows) => {
    if (rows.rows.length === 0) return;
    await pipeline(Readable.from([rows.toCopyText()]), client.query(copyFrom(rows.copyStatement)));
  };
  return {
    engine: "postgres",
    query,
    async transaction(work) {
      await client.query("begin");
      try {
        await work({ query, copy });
        await client.query("commit");
      } catch (error) {
        await client.query("rollback");
        throw error;
      }
    },
    close: () => client.end(),
  };
}

async function pgliteTarget(dataDir: string): Promise<CopyTarget> {
  const unlock = lockDataDir(dataDir);
  try {
    const client = await createPglite({ dataDir });
    return copyTargetOn(client, async () => {
      await client.close();
      unlock();
    });
  } catch (error) {
    unlock();
    throw error;
  }
}

/** A target on an open PGlite instance; `close` is what closing the target does (nothing by default). */
export function copyTargetOn(client: PGlite, close: () => Promise<void> = async () => {}): CopyTarget {
  const on = (db: PGlite | Transaction) => ({
    query: async <T>(text: string, params?: unknown[]) => (await db.query<T>(text, params)).rows,
    copy: async (rows: TableRows) => {
      if (rows.rows.length === 0) return;
      await db.query(rows.copyStatement.replace("FROM STDIN", "FROM '/dev/blob'"), [], { blob: new Blob([rows.toCopyText()]) });
    },
  });
  return {
    engine: "pglite",
    query: on(client).query,
    transaction: async (work) => {
      await client.transaction((tx) => work(on(tx)));
    },
    close,
  };
}
