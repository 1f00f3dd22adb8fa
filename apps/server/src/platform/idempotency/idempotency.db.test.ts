import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../db/client.js";
import { rowsOf } from "../../db/migrate.js";
import { inOneTrip } from "../../db/one-trip.js";
import { PreparedStatement } from "../../db/prepared.js";
import { openTestDatabase, type TestDatabase } from "../../test/test-database.js";
import { claimOf, forgetOldIdempotencyKeys, replayOf } from "./idempotency.js";

let database: TestDatabase;
let db: Database;
beforeAll(async () => {
  database = await openTestDatabase();
  db = database.handle.db;
});
afterAll(() => database?.close());
beforeEach(() => database.reset());

/** A statement the database refuses (division by zero), after the claim. */
const failing = new PreparedStatement<Record<string, never>>("idempotency_test_failing", () => ({
  toSQL: () => ({ sql: "select 1 / 0", params: [] }),
})).bind({});

const keys = async () =>
  rowsOf<{ key: string }>(await db.execute(sql`select key from idempotency_keys order by key`)).map((row) => row.key);

describe("idempotency keys", () => {
  it("writes once per key: a retry is told the first record, another request under the key a 422, a failed write claims nothing", async () => {
    const request = { owner: "user:1", key: "retry-0001", request: { a: 1 } };
    const write = async (id: string, idempotency = request, fail = false) => {
      try {
        await inOneTrip(db, [claimOf(idempotency, id), ...(fail ? [failing] : [])]);
        return { id, replayed: false };
      } catch (error) {
        const first = await replayOf(db, idempotency, error);
        if (!first) throw error;
        return { id: first, replayed: true };
      }
    };
    expect(await write("id-1")).toEqual({ id: "id-1", replayed: false });
    expect(await write("id-2")).toEqual({ id: "id-1", replayed: true });
    await expect(write("id-3", { ...request, request: { a: 2 } })).rejects.toMatchObject({
      status: 422,
      code: "idempotency_key_reused",
    });
    await expect(write("id-4", { ...request, key: "retry-0002" }, true)).rejects.toThrow();
    expect(await keys()).toEqual(["retry-0001"]);
    expect(await write("id-5", { ...request, key: "retry-0002" })).toEqual({ id: "id-5", replayed: false });
  });

  it("leaves an error that is not about the key to the caller", async () => {
    const idempotency = { owner: "user:1", key: "retry-0003", request: {} };
    const error = await inOneTrip(db, [claimOf(idempotency, "id-1"), failing]).catch((caught: unknown) => caught);
    expect(await replayOf(db, idempotency, error)).toBeUndefined();
    expect(await keys()).toEqual([]);
  });

  it("forgets keys older than a week, and keeps the recent ones", async () => {
    await db.execute(sql`insert into idempotency_keys (owner, key, request_hash, result_id, created_at)
      values ('public', 'old-key-0001', 'h', 'r', now() - interval '8 days'), ('public', 'new-key-0001', 'h', 'r', now() - interval '6 days')`);
    expect(await forgetOldIdempotencyKeys(db)).toBe(1);
    expect(await keys()).toEqual(["new-key-0001"]);
  });
});
