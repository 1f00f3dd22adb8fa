import { and, eq, sql } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { type BoundStatement, PreparedStatement } from "../../db/prepared.js";
import { idempotencyKeys } from "../../db/schema.js";

const claimKey = new PreparedStatement<{ owner: string; key: string; requestHash: string; resultId: string }>(
  "idempotency_keys_claim",
  (db) =>
    db.insert(idempotencyKeys).values({
      owner: sql.placeholder("owner"),
      key: sql.placeholder("key"),
      requestHash: sql.placeholder("requestHash"),
      resultId: sql.placeholder("resultId"),
    }),
);

/** SQL for idempotency keys. */
export class IdempotencyRepository {
  constructor(private readonly db: Database) {}

  /**
   * Claims the key, as a statement of the transaction that creates `resultId`. A key already taken
   * fails it with a unique violation; a concurrent claim of the same key waits on the primary key
   * until the first transaction ends, then fails (or claims it, had that one rolled back).
   */
  static claim(values: { owner: string; key: string; requestHash: string; resultId: string }): BoundStatement<void> {
    return claimKey.bind(values, () => undefined);
  }

  async find(owner: string, key: string) {
    const [row] = await this.db
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.owner, owner), eq(idempotencyKeys.key, key)));
    return row;
  }

  /** Keys older than `days` are forgotten; a retry after that creates anew. */
  async forgetOlderThan(days: number): Promise<number> {
    const rows = await this.db
      .delete(idempotencyKeys)
      .where(sql`${idempotencyKeys.createdAt} < now() - make_interval(days => ${days})`)
      .returning({ key: idempotencyKeys.key });
    return rows.length;
  }
}
