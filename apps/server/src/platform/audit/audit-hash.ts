import { createHash } from "node:crypto";

/** The recorded facts of one audit row, in the order they are hashed. */
export interface AuditContent {
  id: string;
  occurredAt: Date;
  actorUserId: string | null;
  actorUsername: string | null;
  actorRoles: string[];
  ip: string | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  result: string;
  reason: string | null;
}

/** prev_hash of the first sealed row. */
export const genesisHash = "0".repeat(64);

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

/** SHA-256 of the row's content as a JSON array in a fixed order: unambiguous and stable. */
export function contentHashOf(content: AuditContent): string {
  return sha256(
    JSON.stringify([
      content.id,
      content.occurredAt.toISOString(),
      content.actorUserId,
      content.actorUsername,
      content.actorRoles,
      content.ip,
      content.action,
      content.entityType,
      content.entityId,
      content.result,
      content.reason,
    ]),
  );
}

/** Links a row into the chain: its position, its predecessor's chain hash and its own content hash. */
export function chainHashOf(chainSeq: number, prevHash: string, contentHash: string): string {
  return sha256(`${chainSeq}|${prevHash}|${contentHash}`);
}
