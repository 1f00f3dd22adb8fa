import type { CaseStatus } from "@linli/contracts";
import { v7 as uuidv7 } from "uuid";
import type { Database } from "../../db/client.js";
import { inOneTrip } from "../../db/one-trip.js";
import type { AuditEventInput, AuditService } from "../../platform/audit/audit.service.js";
import { type CaseEventRow, CaseRepository } from "./case.repository.js";

/** One step of a case as it is written: who (the account, and as the audit trail names them), what, when. */
export interface CaseStep {
  caseId: string;
  /** `reported`, a transition, or `escalated`; the audit action is `cases.<kind>`. */
  kind: string;
  from: CaseStatus | null;
  to: CaseStatus | null;
  actorUserId: string | null;
  auditActor: AuditEventInput["actor"];
  ip: string | null;
  note?: string | null;
  photoIds?: string[];
  details?: Record<string, unknown>;
  at: Date;
}

/** Writes a step's event on the case and its audit row, in the caller's transaction; returns the event. */
export async function recordStep(tx: Database, audit: AuditService, step: CaseStep): Promise<CaseEventRow> {
  const { event, statements } = stepWrites(audit, step);
  await inOneTrip(tx, statements);
  return event;
}

/** A step's event on the case and its audit row, as statements of the transaction that takes the step. */
export function stepWrites(audit: AuditService, step: CaseStep) {
  const event: CaseEventRow = {
    id: uuidv7(),
    caseId: step.caseId,
    kind: step.kind,
    fromStatus: step.from,
    toStatus: step.to,
    actorUserId: step.actorUserId,
    note: step.note ?? null,
    photoIds: step.photoIds ?? [],
    details: step.details ?? {},
    occurredAt: step.at,
  };
  const statements = [
    CaseRepository.insertEvent(event),
    audit.statement({
      actor: step.auditActor,
      ip: step.ip,
      action: `cases.${step.kind}`,
      entityType: "case",
      entityId: step.caseId,
      result: "success",
    }),
  ] as const;
  return { event, statements };
}
