import type { Dispute, DisputeKind, DisputeOutcome, DisputeSession } from "@linli/contracts";
import type { DisputeRow, DisputeSessionRow } from "./dispute.repository.js";

const day = (value: string | null) => (value === null ? null : String(value));

export function toDisputeSummary(row: DisputeRow): Omit<Dispute, "sessions"> {
  return {
    id: row.id,
    regionCode: row.regionCode,
    gridCode: row.gridCode,
    kind: row.kind as DisputeKind,
    summary: row.summary,
    parties: row.parties as Dispute["parties"],
    mediators: row.mediators,
    reportedOn: String(row.reportedOn),
    status: row.outcome ? "closed" : "open",
    outcome: row.outcome as DisputeOutcome | null,
    resolution: row.resolution,
    followUpOn: day(row.followUpOn),
    closedOn: day(row.closedOn),
    version: row.version,
  };
}

export const toSession = (row: DisputeSessionRow): DisputeSession => ({
  id: row.id,
  heldOn: String(row.heldOn),
  notes: row.notes,
  recordedBy: row.recordedByName ?? "",
  createdAt: new Date(row.createdAt).toISOString(),
});
