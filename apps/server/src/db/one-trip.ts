import { is } from "drizzle-orm";
import { PgTransaction } from "drizzle-orm/pg-core";
import pg from "pg";
import { prepareValue } from "pg/lib/utils.js";
import type { Database } from "./client.js";
import type { BoundStatement } from "./prepared.js";

type Results<Statements extends readonly BoundStatement<unknown>[]> = {
  -readonly [K in keyof Statements]: ReturnType<Statements[K]["read"]>;
};

/**
 * Runs `statements` as one transaction that the code does not interleave with anything: a case's intake
 * (the idempotency claim, the case, its first event, the audit row), where no statement needs an
 * earlier one's answer.
 *
 * On PostgreSQL (`db` the pool) the whole transaction — BEGIN, the statements, COMMIT — is written
 * in one pipeline and answered in one round trip, instead of one round trip per statement. A
 * statement that fails aborts the transaction there and then: the statements after it fail, the
 * COMMIT rolls back, and the first failure is thrown, so nothing is half-written.
 *
 * Inside a caller's transaction the statements run one after another in it; on PGlite (in-process, no
 * round trips) one after another in a transaction of their own.
 */
export async function inOneTrip<const Statements extends readonly BoundStatement<unknown>[]>(
  db: Database,
  statements: Statements,
): Promise<Results<Statements>> {
  const pool = poolOf(db);
  const rows = is(db, PgTransaction)
    ? await runInTurn(db, statements)
    : pool
      ? await pipelined(pool, db, statements)
      : await db.transaction((tx) => runInTurn(tx, statements));
  return statements.map((statement, index) => statement.read(rows[index] ?? [])) as Results<Statements>;
}

const poolOf = (db: Database) => {
  const client = (db as { $client?: unknown }).$client;
  return client instanceof pg.Pool ? client : undefined;
};

async function runInTurn(tx: Database, statements: readonly BoundStatement<unknown>[]): Promise<Record<string, unknown>[][]> {
  const rows: Record<string, unknown>[][] = [];
  for (const statement of statements) rows.push(await statement.run(tx));
  return rows;
}

/** BEGIN, the statements and COMMIT written at once (the pool's clients pipeline: `openDatabase`). */
async function pipelined(
  pool: pg.Pool,
  db: Database,
  statements: readonly BoundStatement<unknown>[],
): Promise<Record<string, unknown>[][]> {
  // What could fail in this process fails before anything is sent: a statement whose values
  // node-postgres could not convert would be left out while the COMMIT behind it went through.
  const queries = statements.map((statement) => {
    const query = statement.query(db);
    return { ...query, values: query.values.map(prepareValue) };
  });
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    const { stream } = client.connection;
    let sent: Promise<pg.QueryResult<Record<string, unknown>>>[];
    // Corked, the messages of all the statements leave in one write.
    stream.cork();
    try {
      sent = [
        client.query("begin"),
        ...queries.map((query) => client.query<Record<string, unknown>>(query)),
        client.query("commit"),
      ];
    } catch (error) {
      // Part of the transaction may be on its way without its COMMIT: the connection is closed, which rolls it back.
      broken = error instanceof Error ? error : new Error(String(error));
      throw error;
    } finally {
      stream.uncork();
    }
    const settled = await Promise.allSettled(sent);
    // The first failure is the cause; the statements after it only report the aborted transaction.
    const failure = settled.find((result) => result.status === "rejected");
    if (failure) {
      const { reason } = failure as PromiseRejectedResult;
      // A statement the server refused leaves the connection fit; a connection that failed does not.
      if (!(reason instanceof pg.DatabaseError)) broken = reason instanceof Error ? reason : new Error(String(reason));
      throw reason;
    }
    const results = settled.map((result) => (result as PromiseFulfilledResult<pg.QueryResult<Record<string, unknown>>>).value);
    if (results.at(-1)?.command !== "COMMIT") throw new Error("the transaction did not commit");
    return results.slice(1, -1).map((result) => result.rows);
  } finally {
    client.release(broken);
  }
}
