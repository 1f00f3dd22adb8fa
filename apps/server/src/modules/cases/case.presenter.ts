import type { CaseDetail, CaseEvent, CaseStatus, CaseSummary, CaseTransition } from "@linli/contracts";
import type { CaseEventRow, CaseListRow } from "./case.repository.js";

const iso = (value: Date | null) => (value ? value.toISOString() : null);

/** A case as lists show it; `names` maps account ids to display names. */
export function toCaseSummary(row: CaseListRow, names: ReadonlyMap<string, string>, now: Date): CaseSummary {
  return {
    id: row.id,
    number: row.number,
    categoryCode: row.categoryCode,
    categoryName: row.categoryName,
    categoryNameEn: row.categoryNameEn,
    status: row.status as CaseStatus,
    channel: row.channel as CaseSummary["channel"],
    description: row.description,
    address: row.address,
    regionCode: row.regionCode,
    gridCode: row.gridCode,
    compoundName: row.compoundName,
    pooled: row.pooled,
    party: row.partyKind && row.partyName !== null ? { kind: row.partyKind as never, name: row.partyName } : null,
    handler: row.handlerUserId ? (names.get(row.handlerUserId) ?? null) : null,
    stage: row.stage as CaseSummary["stage"],
    dueAt: iso(row.dueAt),
    overdue: row.stage !== null && row.dueAt !== null && row.dueAt.getTime() < now.getTime(),
    escalationLevel: row.escalationLevel,
    reportedAt: row.reportedAt.toISOString(),
  };
}

export function toCaseEvent(row: CaseEventRow, names: ReadonlyMap<string, string>): CaseEvent {
  return {
    id: row.id,
    kind: row.kind,
    fromStatus: row.fromStatus as CaseStatus | null,
    toStatus: row.toStatus as CaseStatus | null,
    actor: row.actorUserId ? (names.get(row.actorUserId) ?? null) : null,
    note: row.note,
    photoIds: row.photoIds,
    occurredAt: row.occurredAt.toISOString(),
  };
}

export function toCaseDetail(
  row: CaseListRow,
  events: readonly CaseEventRow[],
  names: ReadonlyMap<string, string>,
  allowed: CaseTransition[],
  now: Date,
): CaseDetail {
  return {
    ...toCaseSummary(row, names, now),
    longitude: row.longitude,
    latitude: row.latitude,
    answers: row.answers as Record<string, unknown>,
    photoIds: row.photoIds,
    reporterName: row.reporterName,
    reporterPhone: row.reporterPhoneMasked,
    mergedInto: row.mergedInto,
    visitId: row.visitId,
    rating: row.rating,
    ratingComment: row.ratingComment,
    events: events.map((event) => toCaseEvent(event, names)),
    allowed,
    version: row.version,
  };
}

/** The account ids a case and its events name. */
export function accountIdsOf(rows: readonly CaseListRow[], events: readonly CaseEventRow[] = []): string[] {
  return [...rows.flatMap((row) => [row.handlerUserId, row.reporterUserId]), ...events.map((event) => event.actorUserId)].filter(
    (id): id is string => id !== null,
  );
}
