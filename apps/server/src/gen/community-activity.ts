import { type CaseStatus, type PartyKind, suggestedVisitRules } from "@linli/contracts";
import { partyFor } from "../modules/cases/case-routing.js";
import type { CityRows } from "./city-tables.js";
import type { HouseholdPlace } from "./community-people.js";
import type { CommunityPlaces } from "./community-places.js";
import type { Random } from "./random.js";

/** A case sub-category as the generator uses it. */
export interface CategoryFacts {
  code: string;
  name: string;
  party: PartyKind;
  department: string | null;
  limits: { register: number; dispatch: number; handle: number; verify: number };
  workingHours: boolean;
}

export interface ActivityContext {
  random: Random;
  now: Date;
  categories: readonly CategoryFacts[];
  townshipName: string;
  /** Numbers the case sequence handed out for this community's cases, one per case. */
  caseSequence: readonly number[];
  /** The SHA-256 of the tracking code the service derives from a case's id. */
  trackingHash: (caseId: string) => string;
}

const hour = 3_600_000;
const day = 24 * hour;
const channels = [
  ["resident", 45],
  ["grid_member", 35],
  ["staff", 15],
  ["open311", 5],
] as const;
const ratings = [
  [1, 3],
  [2, 4],
  [3, 10],
  [4, 30],
  [5, 53],
] as const;
/** Where a case older than two weeks ended (a few still open and overdue). */
const settled = [
  ["rated", 55],
  ["closed", 30],
  ["rejected", 8],
  ["in_progress", 3],
  ["handled", 4],
] as const;
/** Where a case of the last two weeks stands. */
const recent = [
  ["reported", 8],
  ["registered", 10],
  ["dispatched", 15],
  ["in_progress", 20],
  ["handled", 15],
  ["verified", 5],
  ["closed", 15],
  ["rated", 12],
] as const;
const path: CaseStatus[] = ["reported", "registered", "dispatched", "in_progress", "handled", "verified", "closed", "rated"];
const transitionTo: Partial<Record<CaseStatus, string>> = {
  registered: "register",
  dispatched: "dispatch",
  in_progress: "start",
  handled: "handle",
  verified: "verify",
  closed: "close",
  rated: "rate",
  rejected: "reject",
};
const stageOf: Partial<Record<CaseStatus, "register" | "dispatch" | "handle" | "verify">> = {
  reported: "register",
  registered: "dispatch",
  dispatched: "handle",
  in_progress: "handle",
  handled: "verify",
};

/**
 * Three years of cases (in the plan's number), each walked along the workflow as far as its
 * age and the clock allow, with an event per step and the figures the evaluation reads (on
 * time, rework, rating); the visit rules most communities start from; and the visits of the last
 * quarter and of this one so far.
 */
export function generateActivity(
  places: CommunityPlaces,
  households: readonly HouseholdPlace[],
  context: ActivityContext,
  rows: CityRows,
): void {
  const { random, now } = context;
  const { plan } = places;
  const created = new Date(now.getTime() - 3 * 365 * day);
  for (const rule of suggestedVisitRules) {
    rows.visit_rules.add(
      random.uuid(created),
      plan.code,
      rule.name,
      rule.target,
      rule.tag ?? null,
      rule.register ?? null,
      rule.frequency,
      rule.companions,
      created,
      created,
    );
  }
  for (let index = 0; index < plan.cases; index += 1) {
    const sequence = context.caseSequence[index];
    if (sequence === undefined) throw new Error("fewer case numbers than cases");
    addCase(places, context, rows, sequence, new Date(now.getTime() - random.int(0, 3 * 365 * 24 * 60) * 60_000));
  }
  addVisits(places, households, random, now, rows);
}

function addCase(places: CommunityPlaces, context: ActivityContext, rows: CityRows, sequence: number, reportedAt: Date): void {
  const { random, now } = context;
  const { plan } = places;
  const category = random.pick(context.categories);
  const inCompound = category.party !== "department" && random.chance(0.75);
  const compound = inCompound ? random.pick(places.compounds) : null;
  const gridIndex = compound?.gridIndex ?? random.int(0, places.gridCodes.length - 1);
  const box = compound?.box ?? [0, 0, 0, 0];
  const [longitude, latitude] = compound
    ? [box[0] + (box[2] - box[0]) * random.decimal(0.1, 0.9), box[1] + (box[3] - box[1]) * random.decimal(0.1, 0.9)]
    : publicPoint(places, gridIndex, random);
  const party = partyFor(category, {
    regionCode: plan.code,
    regionName: category.party === "township" ? context.townshipName : places.communityName,
    gridCode: places.gridCodes[gridIndex] ?? null,
    compound,
  });
  const id = random.uuid(reportedAt);
  const channel = random.weighted(channels);
  const member = places.gridMembers[gridIndex] ?? null;
  const target = random.weighted(now.getTime() - reportedAt.getTime() > 14 * day ? settled : recent);

  // Walk the path step by step; a step that would fall after now stops the walk.
  const limits = category.limits;
  const at: Partial<Record<CaseStatus, Date>> = { reported: reportedAt };
  let status = "reported" as CaseStatus;
  let clock = reportedAt.getTime();
  const steps: { to: CaseStatus; at: number; actor: string | null; kind?: string }[] = [];
  const step = (to: CaseStatus, hours: number, actor: string | null, kind?: string) => {
    const next = clock + Math.max(0.1, hours) * hour;
    if (next > now.getTime()) return false;
    clock = next;
    steps.push({ to, at: next, actor, kind });
    at[to] = new Date(next);
    status = to;
    return true;
  };
  let rework = 0;
  if (target === "rejected") step("rejected", random.decimal(0.2, limits.register), places.leaderUserId);
  else {
    const goal = path.indexOf(target);
    const durations: Record<string, number> = {
      registered: random.decimal(0.2, limits.register * 1.2),
      dispatched: random.decimal(0.2, limits.dispatch * 1.2),
      in_progress: random.decimal(0.1, 4),
      handled: random.decimal(1, limits.handle * 1.3),
      verified: random.decimal(0.5, limits.verify * 1.2),
      closed: random.decimal(0.1, 12),
      rated: random.decimal(1, 72),
    };
    for (const to of path.slice(1, goal + 1)) {
      // One handled case in twenty is sent back by the grid leader and handled again (返工).
      if (to === "verified" && random.chance(0.05)) {
        if (!step("in_progress", random.decimal(0.5, limits.verify), places.leaderUserId, "send_back")) break;
        rework = 1;
        if (!step("handled", random.decimal(1, limits.handle), null)) break;
      }
      const actor = to === "in_progress" || to === "handled" || to === "rated" ? null : places.leaderUserId;
      if (!step(to, durations[to] ?? 1, actor)) break;
    }
  }

  const handledOnTime =
    at.handled && at.dispatched ? at.handled.getTime() - at.dispatched.getTime() <= limits.handle * hour : null;
  const stage = stageOf[status] ?? null;
  const entered = clock;
  const limitHours = stage ? limits[stage] : 0;
  const dueAt = stage ? new Date(entered + limitHours * hour) : null;
  const overdueHours = dueAt ? (now.getTime() - dueAt.getTime()) / hour : 0;
  const escalation = overdueHours > 48 ? 2 : overdueHours > 0 ? 1 : 0;
  const rating = status === "rated" ? random.weighted(ratings) : null;
  const day8 = new Date(reportedAt.getTime() + 8 * hour).toISOString().slice(0, 10).replaceAll("-", "");
  rows.cases.add(
    id,
    `${day8}-${String(sequence).padStart(6, "0")}`,
    context.trackingHash(id),
    category.code,
    status,
    channel,
    plan.code,
    plan.code.slice(0, 6),
    places.gridCodes[gridIndex] ?? null,
    compound?.id ?? null,
    false,
    longitude,
    latitude,
    compound?.name ?? places.communityName,
    `${compound?.name ?? places.communityName}${category.name}问题，请处理`,
    channel === "open311" ? null : "居民",
    party.kind,
    party.name,
    null,
    limits,
    category.workingHours,
    stage,
    dueAt,
    escalation,
    escalation > 0 && dueAt ? dueAt : null,
    rework,
    handledOnTime,
    rating,
    reportedAt,
    at.registered ?? null,
    at.dispatched ?? null,
    at.handled ?? null,
    at.verified ?? null,
    at.closed ?? null,
    at.rated ?? null,
  );
  rows.case_events.add(
    random.uuid(reportedAt),
    id,
    "reported",
    null,
    "reported",
    channel === "grid_member" ? member : null,
    { channel },
    reportedAt,
  );
  let from: CaseStatus = "reported";
  for (const { to, at: time, actor, kind } of steps) {
    const when = new Date(time);
    rows.case_events.add(random.uuid(when), id, kind ?? transitionTo[to] ?? to, from, to, actor, {}, when);
    from = to;
  }
}

/** A point in the grid's strip below its first compound: a street, not a compound. */
function publicPoint(places: CommunityPlaces, gridIndex: number, random: Random): [number, number] {
  const compound = places.compounds.find((candidate) => candidate.gridIndex === gridIndex);
  if (!compound) throw new Error("a grid without compounds");
  const [west, south, east] = compound.box;
  const gap = (compound.box[3] - south) * 0.05;
  return [west + (east - west) * random.decimal(0.1, 0.9), south - gap * random.decimal(0.2, 0.8)];
}

/** Last quarter's visits (three households in four reached) and this quarter's so far, by each household's grid member. */
function addVisits(
  places: CommunityPlaces,
  households: readonly HouseholdPlace[],
  random: Random,
  now: Date,
  rows: CityRows,
): void {
  const quarterStart = Date.UTC(now.getUTCFullYear(), Math.floor(now.getUTCMonth() / 3) * 3, 1);
  const previousStart = Date.UTC(now.getUTCFullYear(), Math.floor(now.getUTCMonth() / 3) * 3 - 3, 1);
  const elapsed = (now.getTime() - quarterStart) / (quarterStart - previousStart);
  for (const household of households) {
    const visitor = places.gridMembers[household.gridIndex];
    if (!visitor) continue;
    const gridCode = places.gridCodes[household.gridIndex] ?? null;
    for (const [start, end, share] of [
      [previousStart, quarterStart, 0.75],
      [quarterStart, now.getTime(), 0.9 * elapsed],
    ] as const) {
      if (!random.chance(share)) continue;
      const visitedAt = new Date(start + random.int(0, Math.max(0, Math.floor((end - start) / 60_000) - 1)) * 60_000);
      rows.visits.add(
        random.uuid(visitedAt),
        household.id,
        household.headId,
        places.plan.code,
        gridCode,
        visitor,
        visitedAt,
        household.headName,
        random.chance(0.9) ? "一切正常" : "反映楼道照明不足",
        visitedAt,
      );
    }
  }
}
