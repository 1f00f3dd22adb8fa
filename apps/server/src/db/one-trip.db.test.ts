import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openTestDatabase, type TestDatabase, testEngine } from "../test/test-database.js";
import type { Database } from "./client.js";
import { rowsOf } from "./migrate.js";
import { inOneTrip } from "./one-trip.js";
import { PreparedStatement } from "./prepared.js";

let database: TestDatabase;
let db: Database;
beforeAll(async () => {
  database = await openTestDatabase();
  db = database.handle.db;
});
afterAll(() => database?.close());
beforeEach(() => database.reset());

/** Idempotency keys serve as a plain table with a primary key (owner, key). */
const insertKeyAs = (name: string) =>
  new PreparedStatement<{ key: string }>(name, () => ({
    toSQL: () => ({
      sql: "insert into idempotency_keys (owner, key, request_hash) values ('test', $1, 'h') returning key",
      params: [sql.placeholder("key")],
    }),
  }));
const insertKey = insertKeyAs("one_trip_test_insert");
const written = (key: string) => insertKey.bind({ key }, (rows) => rows.map((row) => row.key));
const keys = async () =>
  rowsOf<{ key: string }>(await db.execute(sql`select key from idempotency_keys order by key`)).map((row) => row.key);

describe("inOneTrip", () => {
  it("writes every statement in one transaction and reads each one's rows in order", async () => {
    expect(await inOneTrip(db, [written("key-a"), written("key-b"), written("key-c")])).toEqual([
      ["key-a"],
      ["key-b"],
      ["key-c"],
    ]);
    expect(await keys()).toEqual(["key-a", "key-b", "key-c"]);
  });

  it("writes nothing when a statement fails, before or after it, and throws that statement's own error", async () => {
    await inOneTrip(db, [written("key-a")]);
    const error = await inOneTrip(db, [written("key-b"), written("key-a"), written("key-c")]).catch((caught: unknown) => caught);
    // The duplicate key, not the aborted transaction the statement after it met.
    const { code } = (error as { cause?: { code?: string }; code?: string }).cause ?? (error as { code?: string });
    expect(code).toBe("23505");
    expect(await keys()).toEqual(["key-a"]);
    // The connection that carried the failed transaction is fit for the next one.
    for (const key of ["key-d", "key-e", "key-f"]) await inOneTrip(db, [written(key)]);
    expect(await keys()).toEqual(["key-a", "key-d", "key-e", "key-f"]);
  });

  it("writes all or nothing when a statement's value is one the driver cannot convert", async () => {
    const unsendable = {
      toJSON() {
        throw new TypeError("not a value the database takes");
      },
    };
    // node-postgres refuses it (the pipeline must then send nothing, not the rest and a COMMIT); PGlite takes its text.
    const statements = [
      written("key-a"),
      insertKeyAs("one_trip_test_unsendable").bind({ key: unsendable as never }),
      insertKeyAs("one_trip_test_after").bind({ key: "key-b" }),
    ];
    const outcome = await inOneTrip(db, statements).then(
      () => "written",
      (error: Error) => error.message,
    );
    expect(await keys()).toHaveLength(outcome === "written" ? 3 : 0);
    if (testEngine === "postgres") expect(outcome).toBe("not a value the database takes");
    await inOneTrip(db, [written("key-c")]);
    expect(await keys()).toContain("key-c");
  });

  it("inside a caller's transaction, commits and rolls back with it", async () => {
    await expect(
      db.transaction(async (tx) => {
        await inOneTrip(tx, [written("key-a"), written("key-b")]);
        throw new Error("the caller changed its mind");
      }),
    ).rejects.toThrow("the caller changed its mind");
    expect(await keys()).toEqual([]);
    await db.transaction((tx) => inOneTrip(tx, [written("key-a")]));
    expect(await keys()).toEqual(["key-a"]);
  });

  it("keeps concurrent transactions apart, each whole", async () => {
    await inOneTrip(db, [written("taken")]);
    const batches = Array.from({ length: 24 }, (_, index) => [written(`key-${index}-1`), written(`key-${index}-2`)] as const);
    // Every fourth one meets a key already taken, and must leave nothing of itself.
    const outcomes = await Promise.allSettled(
      batches.map((batch, index) => inOneTrip(db, index % 4 === 3 ? [batch[0], written("taken"), batch[1]] : batch)),
    );
    expect(outcomes.filter((outcome) => outcome.status === "rejected")).toHaveLength(6);
    const expected = ["taken", ...batches.flatMap((_, index) => (index % 4 === 3 ? [] : [`key-${index}-1`, `key-${index}-2`]))];
    expect(await keys()).toEqual(expected.sort());
  });
});
