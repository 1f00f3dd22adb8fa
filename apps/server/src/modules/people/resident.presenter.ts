import type { FieldChange, Resident, ResidentEvent, ResidentEventKind } from "@linli/contracts";
import type { ResidentEventRow, ResidentRow } from "./resident.repository.js";

/** Whole years between a birth date and today (both YYYY-MM-DD). */
export function ageOn(birthDate: string | null, today: string): number | null {
  if (!birthDate) return null;
  const years = Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return today.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/** A resident as every response shows them: ID and phone only in their masked form. */
export function toResident(row: ResidentRow, today: string): Resident {
  return {
    id: row.id,
    name: row.name,
    idNumber: row.idNumberMasked,
    gender: row.gender as Resident["gender"],
    birthDate: row.birthDate,
    age: ageOn(row.birthDate, today),
    phone: row.phoneMasked,
    ethnicity: row.ethnicity,
    registration: row.registration as Resident["registration"],
    homeRegionCode: row.homeRegionCode,
    politicalStatus: row.politicalStatus as Resident["politicalStatus"],
    relation: row.relation as Resident["relation"],
    livingStatus: row.livingStatus as Resident["livingStatus"],
    regionCode: row.regionCode,
    gridCode: row.gridCode,
    householdId: row.householdId,
    dwellingId: row.dwellingId,
    address: row.address,
    tags: row.tags as Resident["tags"],
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toEvent(
  row: ResidentEventRow,
  names: { people: Map<string, string>; residents: Map<string, string> },
): ResidentEvent {
  return {
    id: row.id,
    residentId: row.residentId,
    residentName: row.residentId ? (names.residents.get(row.residentId) ?? null) : null,
    householdId: row.householdId,
    kind: row.kind as ResidentEventKind,
    occurredAt: row.occurredAt.toISOString(),
    effectiveDate: row.effectiveDate,
    actor: row.actorUserId ? (names.people.get(row.actorUserId) ?? null) : null,
    approvedBy: row.approvedBy ? (names.people.get(row.approvedBy) ?? null) : null,
    changes: row.changes as FieldChange[],
    note: row.note,
  };
}
