import type { AuditEventPage, AuditEventQuery } from "@linli/contracts";
import { v7 as uuidv7 } from "uuid";
import type { Database } from "../../db/client.js";
import type { BoundStatement } from "../../db/prepared.js";
import type { Actor, RequestContext } from "../auth/actor.js";
import { AppError } from "../errors/app-error.js";
import { decodeCursor, encodeCursor } from "../http/cursor.js";
import { AuditRepository, type AuditRow } from "./audit.repository.js";
import { type AuditContent, chainHashOf, contentHashOf, genesisHash } from "./audit-hash.js";

/** What a service states about one action; the audit service adds id, time and hash. */
export interface AuditEventInput {
  actor: { userId: string | null; username: string | null; roles: readonly string[] };
  ip: string | null;
  action: string;
  entityType?: string;
  entityId?: string;
  /** `success`, or the problem code the action was refused with. */
  result: string;
  /** The reason the user stated, where one is required (revealing an ID number, opening a register). */
  reason?: string;
}

/** How an acting user is written into the audit trail. */
export function auditActor(actor: Actor): AuditEventInput["actor"] {
  return { userId: actor.userId, username: actor.username, roles: actor.roles };
}

/** The audit row of a change an acting user made: who, from where, what, on which record. */
export function succeeded(
  actor: Actor,
  context: RequestContext,
  action: string,
  entity: { type: string; id: string },
): AuditEventInput {
  return { actor: auditActor(actor), ip: context.ip, action, entityType: entity.type, entityId: entity.id, result: "success" };
}

export interface ChainReport {
  sealed: number;
  unsealed: number;
  /** Seconds the oldest unsealed row has waited; over 60 is an alarm. */
  oldestUnsealedSeconds: number | null;
  /** The first sealed row whose content or link does not match, or null when the chain is intact. */
  firstBroken: { chainSeq: number; id: string; problem: "content_hash" | "chain_link" } | null;
}

/** Seconds an unsealed audit row may wait before it is an alarm. */
export const unsealedAlarmSeconds = 60;

function contentOf(row: AuditRow): AuditContent {
  return {
    id: row.id,
    occurredAt: row.occurredAt,
    actorUserId: row.actorUserId,
    actorUsername: row.actorUsername,
    actorRoles: row.actorRoles,
    ip: row.ip,
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    result: row.result,
    reason: row.reason,
  };
}

/** The tamper-evident audit trail: record, seal into a hash chain, verify. */
export class AuditService {
  constructor(
    private readonly db: Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Writes one audit row through `executor`, which must be the transaction of the change it
   * records, so that both commit or neither does.
   */
  async record(executor: Database, event: AuditEventInput): Promise<void> {
    await this.statement(event).run(executor);
  }

  /** The audit row as a statement of the transaction of the change it records (`inOneTrip`). */
  statement(event: AuditEventInput): BoundStatement<void> {
    const content: AuditContent = {
      id: uuidv7(),
      occurredAt: this.now(),
      actorUserId: event.actor.userId,
      actorUsername: event.actor.username,
      actorRoles: [...event.actor.roles],
      ip: event.ip,
      action: event.action,
      entityType: event.entityType ?? null,
      entityId: event.entityId ?? null,
      result: event.result,
      reason: event.reason ?? null,
    };
    return AuditRepository.insert({ ...content, contentHash: contentHashOf(content) });
  }

  /** Writes one audit row on its own, for events that change nothing else (a refused request). */
  recordNow(event: AuditEventInput): Promise<void> {
    return this.record(this.db, event);
  }

  /**
   * Links committed, unsealed rows into the chain, oldest first; returns how many. Only one
   * sealer works at a time (advisory lock); another instance calling meanwhile returns 0.
   */
  async seal(batchSize = 1000): Promise<number> {
    return this.db.transaction(async (tx) => {
      const repository = new AuditRepository(tx);
      if (!(await repository.trySealerLock())) return 0;
      const rows = await repository.unsealed(batchSize);
      let last = (await repository.lastSealed()) ?? { chainSeq: 0, chainHash: genesisHash };
      const links = rows.map((row) => {
        const chainSeq = last.chainSeq + 1;
        const link = {
          id: row.id,
          chainSeq,
          prevHash: last.chainHash,
          chainHash: chainHashOf(chainSeq, last.chainHash, row.contentHash),
        };
        last = link;
        return link;
      });
      await repository.seal(links, this.now());
      return rows.length;
    });
  }

  /** Recomputes every sealed row's content hash and link, in chain order, and reports the first break. */
  async verify(batchSize = 5000): Promise<ChainReport> {
    const repository = new AuditRepository(this.db);
    let previous = { chainSeq: 0, chainHash: genesisHash };
    let sealed = 0;
    let firstBroken: ChainReport["firstBroken"] = null;
    for (;;) {
      const rows = await repository.sealedAfter(previous.chainSeq, batchSize);
      for (const row of rows) {
        const chainSeq = row.chainSeq ?? 0;
        if (contentHashOf(contentOf(row)) !== row.contentHash) {
          firstBroken = { chainSeq, id: row.id, problem: "content_hash" };
        } else if (
          chainSeq !== previous.chainSeq + 1 ||
          row.prevHash !== previous.chainHash ||
          row.chainHash !== chainHashOf(chainSeq, previous.chainHash, row.contentHash)
        ) {
          firstBroken = { chainSeq, id: row.id, problem: "chain_link" };
        }
        if (firstBroken) break;
        sealed += 1;
        previous = { chainSeq, chainHash: row.chainHash ?? "" };
      }
      if (firstBroken || rows.length < batchSize) break;
    }
    const unsealed = await repository.unsealedSummary();
    return {
      sealed,
      unsealed: unsealed.count,
      oldestUnsealedSeconds: unsealed.oldest
        ? Math.max(0, Math.floor((this.now().getTime() - unsealed.oldest.getTime()) / 1000))
        : null,
      firstBroken,
    };
  }

  /** The trail for an audit administrator, newest first, filtered, one cursor page at a time. */
  async listEvents(actor: Actor, query: AuditEventQuery): Promise<AuditEventPage> {
    if (!actor.permissions.includes("audit.read")) throw new AppError("forbidden", 403);
    const beforeId = query.cursor ? decodeCursor(query.cursor, ["id"]).id : undefined;
    const rows = await new AuditRepository(this.db).listEvents({
      limit: query.limit + 1,
      beforeId,
      action: query.action,
      actorPrefix: query.actor,
      result: query.result,
      from: query.from ? new Date(query.from) : undefined,
      to: query.to ? new Date(query.to) : undefined,
    });
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      items: page.map((row) => ({
        id: row.id,
        occurredAt: row.occurredAt.toISOString(),
        actorUsername: row.actorUsername,
        actorRoles: row.actorRoles,
        ip: row.ip,
        action: row.action,
        entityType: row.entityType,
        entityId: row.entityId,
        result: row.result,
        reason: row.reason,
        chainSeq: row.chainSeq,
      })),
      nextCursor: rows.length > query.limit && last ? encodeCursor({ id: last.id }) : null,
    };
  }

  /** The chain's state for an audit administrator. */
  async chainReport(actor: Actor): Promise<ChainReport & { alarm: boolean }> {
    if (!actor.permissions.includes("audit.read")) throw new AppError("forbidden", 403);
    const report = await this.verify();
    return { ...report, alarm: report.oldestUnsealedSeconds !== null && report.oldestUnsealedSeconds > unsealedAlarmSeconds };
  }

  /** Rows left unsealed longer than the alarm threshold (the sealer is not keeping up, or stopped). */
  async overdueUnsealed(): Promise<number> {
    return new AuditRepository(this.db).countUnsealedBefore(new Date(this.now().getTime() - unsealedAlarmSeconds * 1000));
  }
}
