import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../db/client.js";
import { rowsOf } from "../../db/migrate.js";
import { openTestDatabase, type TestDatabase } from "../../test/test-database.js";
import { forgetOldIdempotencyKeys, once } from "./idempotency.js";

let database: TestDatabase;
let db: Database;
beforeAll(async () => {
  database = await openTestDatabase();
  db = database.handle.db;
});
afterAll(() => database?.close());
beforeEach(() => database.reset());

const keys = async () =>
  rowsOf<{ key: string }>(await db.execute(sql`select key from idempotency_keys order by key`)).map((row) => row.key);

describe("idempotency keys", () => {
  it("runs the write once per key, and forgets nothing when the write fails", async () => {
    let writes = 0;
    const request = { owner: "user:1", key: "retry-0001", request: { a: 1 } };
    const write = () =>
      db.transaction((tx) =>
        once(tx, request, `id-${writes + 1}`, async () => {
          writes += 1;
        }),
      );
    expect(await write()).toEqual({ id: "id-1", replayed: false });
    expect(await write()).toEqual({ id: "id-1", replayed: true });
    expect(writes).toBe(1);
    await expect(
      db.transaction((tx) =>
        once(tx, { ...request, key: "retry-0002" }, "id-x", async () => {
          throw new Error("the write failed");
        }),
      ),
    ).rejects.toThrow("the write failed");
    expect(await keys()).toEqual(["retry-0001"]);
  });

  it("forgets keys older than a week, and keeps the recent ones", async () => {
    await db.execute(sql`insert into idempotency_keys (owner, key, request_hash, result_id, created_at)
      values ('public', 'old-key-0001', 'h', 'r', now() - interval '8 days'), ('public', 'new-key-0001', 'h', 'r', now() - interval '6 days')`);
    expect(await forgetOldIdempotencyKeys(db)).toBe(1);
    expect(await keys()).toEqual(["new-key-0001"]);
  });
});
