import type { Patrol, PatrolList } from "@linli/contracts";
import type { HazardRow, PatrolRow, PatrolSummaryRow } from "./patrol.repository.js";

export const toPatrolSummary = (row: PatrolSummaryRow): PatrolList["items"][number] => ({
  id: row.id,
  regionCode: row.regionCode,
  gridCode: row.gridCode,
  patroller: row.patroller,
  patrollerUserId: row.patrollerUserId,
  companions: row.companions,
  startedAt: row.startedAt.toISOString(),
  finishedAt: row.finishedAt?.toISOString() ?? null,
  notes: row.notes,
  distanceMetres: row.distanceMetres,
  hazards: row.hazards,
  cases: row.cases,
});

export const toPatrol = (row: PatrolRow, hazards: HazardRow[]): Patrol => {
  const { hazards: _count, cases: _cases, ...summary } = toPatrolSummary({ ...row, hazards: 0, cases: 0 });
  return { ...summary, route: row.route, hazards: hazards.map(toHazard) };
};

const toHazard = (hazard: HazardRow): Patrol["hazards"][number] => ({
  id: hazard.id,
  description: hazard.description,
  longitude: hazard.longitude,
  latitude: hazard.latitude,
  caseId: hazard.caseId,
  foundAt: hazard.foundAt.toISOString(),
});
