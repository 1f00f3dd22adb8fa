import { and, asc, count, desc, eq, gt, gte, isNotNull, isNull, like, lt, lte, min, sql } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { escapeLike } from "../../db/like.js";
import { rowsOf } from "../../db/migrate.js";
import { type BoundStatement, PreparedStatement, placeholdersOf } from "../../db/prepared.js";
import { auditEvents } from "../../db/schema.js";

export type AuditRow = typeof auditEvents.$inferSelect;

/** Arbitrary but fixed: at most one sealer links rows at a time, across all instances. */
const SEALER_LOCK_KEY = 7_114_990_002;

type NewAuditRow = Omit<AuditRow, "chainSeq" | "prevHash" | "chainHash" | "sealedAt">;

/** A new, unsealed row: every column but the chain's, which the sealer fills. */
const insertRow = new PreparedStatement<NewAuditRow>("audit_events_insert", (db) => {
  const { chainSeq: _seq, prevHash: _prev, chainHash: _hash, sealedAt: _sealed, ...columns } = placeholdersOf(auditEvents);
  return db.insert(auditEvents).values(columns);
});

/** SQL for the audit trail: inserts, the sealer's links, and reads in chain order. */
export class AuditRepository {
  constructor(private readonly db: Database) {}

  /** A new row, as a statement of the transaction it belongs to. */
  static insert(row: NewAuditRow): BoundStatement<void> {
    return insertRow.bind(row, () => undefined);
  }

  /** Transaction-scoped advisory lock; false when another sealer holds it. */
  async trySealerLock(): Promise<boolean> {
    const result = await this.db.execute(sql`select pg_try_advisory_xact_lock(${SEALER_LOCK_KEY}) as locked`);
    return rowsOf<{ locked: boolean }>(result)[0]?.locked === true;
  }

  async lastSealed(): Promise<{ chainSeq: number; chainHash: string } | undefined> {
    const [row] = await this.db
      .select({ chainSeq: auditEvents.chainSeq, chainHash: auditEvents.chainHash })
      .from(auditEvents)
      .where(isNotNull(auditEvents.chainSeq))
      .orderBy(desc(auditEvents.chainSeq))
      .limit(1);
    return row?.chainSeq != null && row.chainHash ? { chainSeq: row.chainSeq, chainHash: row.chainHash } : undefined;
  }

  /** Committed rows not yet in the chain, oldest first. */
  async unsealed(limit: number): Promise<{ id: string; contentHash: string }[]> {
    return this.db
      .select({ id: auditEvents.id, contentHash: auditEvents.contentHash })
      .from(auditEvents)
      .where(isNull(auditEvents.chainSeq))
      .orderBy(asc(auditEvents.id))
      .limit(limit);
  }

  /** Links rows into the chain, all in one statement (the links travel as one JSON array). */
  async seal(links: { id: string; chainSeq: number; prevHash: string; chainHash: string }[], sealedAt: Date): Promise<void> {
    if (links.length === 0) return;
    await this.db.execute(sql`
      update ${auditEvents} as a
      set chain_seq = l."chainSeq", prev_hash = l."prevHash", chain_hash = l."chainHash", sealed_at = ${sealedAt.toISOString()}::timestamptz
      from json_to_recordset(${JSON.stringify(links)}::json) as l(id uuid, "chainSeq" bigint, "prevHash" text, "chainHash" text)
      where a.id = l.id and a.chain_seq is null`);
  }

  /** Sealed rows after `afterSeq`, in chain order. */
  async sealedAfter(afterSeq: number, limit: number): Promise<AuditRow[]> {
    return this.db
      .select()
      .from(auditEvents)
      .where(gt(auditEvents.chainSeq, afterSeq))
      .orderBy(asc(auditEvents.chainSeq))
      .limit(limit);
  }

  /** How many rows wait to be sealed, and when the oldest of them happened. */
  async unsealedSummary(): Promise<{ count: number; oldest: Date | null }> {
    const [row] = await this.db
      .select({ count: count(), oldest: min(auditEvents.occurredAt) })
      .from(auditEvents)
      .where(isNull(auditEvents.chainSeq));
    return { count: row?.count ?? 0, oldest: row?.oldest ?? null };
  }

  /** One page of events, newest first, before `beforeId` (a UUIDv7, so time-ordered). */
  async listEvents(filter: {
    limit: number;
    beforeId?: string;
    action?: string;
    actorPrefix?: string;
    result?: string;
    from?: Date;
    to?: Date;
  }): Promise<AuditRow[]> {
    return this.db
      .select()
      .from(auditEvents)
      .where(
        and(
          filter.beforeId ? lt(auditEvents.id, filter.beforeId) : undefined,
          filter.action ? eq(auditEvents.action, filter.action) : undefined,
          filter.actorPrefix ? like(auditEvents.actorUsername, `${escapeLike(filter.actorPrefix)}%`) : undefined,
          filter.result ? eq(auditEvents.result, filter.result) : undefined,
          filter.from ? gte(auditEvents.occurredAt, filter.from) : undefined,
          filter.to ? lte(auditEvents.occurredAt, filter.to) : undefined,
        ),
      )
      .orderBy(desc(auditEvents.id))
      .limit(filter.limit);
  }

  async countUnsealedBefore(time: Date): Promise<number> {
    const [row] = await this.db
      .select({ count: count() })
      .from(auditEvents)
      .where(and(isNull(auditEvents.chainSeq), lt(auditEvents.occurredAt, time)));
    return row?.count ?? 0;
  }
}
