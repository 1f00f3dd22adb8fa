import { randomBytes } from "node:crypto";
import type { Permission, Scope } from "@linli/contracts";
import { eq } from "drizzle-orm";
import { v7 as uuidv7 } from "uuid";
import type { Database } from "../db/client.js";
import { grids } from "../db/schema.js";
import { CaseRepository } from "../modules/cases/case.repository.js";
import { BuildingRepository } from "../modules/grids/building.repository.js";
import { CompoundRepository } from "../modules/grids/compound.repository.js";
import { GridRepository } from "../modules/grids/grid.repository.js";
import { ResidentRepository } from "../modules/people/resident.repository.js";
import { buildUser } from "./builders.js";
import { box } from "./geometry.js";

/** A record the matrix acts on: its id, and text that appears wherever its data does. */
export interface ScopedRecord {
  id: string;
  marker: string;
}

/**
 * One operation on scoped records, for the role × scope matrix (scope-matrix.api.test.ts). Every
 * module with scoped data adds its operations here: a route that reads or changes a scoped record
 * and is missing from this table is a route whose scope nobody has proved.
 */
export interface ScopedOperation {
  name: string;
  /** The permission the route declares. */
  permission: Permission;
  /** Creates a record placed at `place`. */
  arrange(db: Database, place: Scope): Promise<ScopedRecord>;
  /** The request, given the record's id and a place inside the caller's scope (for bodies that name one). */
  request(id: string, inside: Scope): { method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE"; url: string; payload?: object };
  /** The status of a permitted call on a record in scope. */
  success: number;
  /**
   * "record": out of scope answers 404 exactly as a missing record does.
   * "list": out of scope answers the list without the record.
   */
  kind: "record" | "list";
  /**
   * False for records placed by region only (no grid yet): an account holding just a grid does
   * not see them, so for it the "inside" record is outside too.
   */
  coveredByGrid?: false;
  /** An id of the record's kind that exists nowhere (default: a fresh UUID). */
  missingId?: string;
  /**
   * What a role without the permission gets: 403 (default), or 404 where the route is open to
   * every signed-in user and the record stays hidden from whoever may not read it (a case, which
   * its reporter and handler see without `cases.read`).
   */
  refusal?: 403 | 404;
}

/** Accounts are scoped by their own scope: a county administrator manages the accounts of the county. */
async function arrangeAccount(db: Database, place: Scope): Promise<ScopedRecord> {
  const { user } = await buildUser(db, { roles: ["grid_member"], scope: place });
  return { id: user.id, marker: user.username };
}

/** A compound in the community of the place (its region, or its grid's community). */
async function arrangeCompound(db: Database, place: Scope): Promise<ScopedRecord> {
  const regionCode = place.regions[0] ?? place.grids[0]?.slice(0, 12) ?? "";
  const name = `矩阵小区${++compoundSequence}号`;
  const row = await new CompoundRepository(db).insert({ id: uuidv7(), regionCode, countyCode: regionCode.slice(0, 6), name });
  return { id: row.id, marker: name };
}
let compoundSequence = 0;

/** A compound with one building, so its building list names the compound. */
async function arrangeCompoundWithBuilding(db: Database, place: Scope): Promise<ScopedRecord> {
  const compound = await arrangeCompound(db, place);
  await new BuildingRepository(db).insertBuilding(
    { id: uuidv7(), compoundId: compound.id, regionCode: place.regions[0] ?? place.grids[0]?.slice(0, 12) ?? "", name: "1栋" },
    [],
  );
  return compound;
}
let buildingSequence = 0;

/** The grid at the place: the held grid itself, or grid 001 of the place's community. Shared by the grid operations. */
async function arrangeGrid(db: Database, place: Scope): Promise<ScopedRecord> {
  const code = place.grids[0] ?? `${place.regions[0] ?? ""}001`;
  const [existing] = await db.select().from(grids).where(eq(grids.code, code));
  const row =
    existing ??
    (await new GridRepository(db).insertGrid(
      { code, regionCode: code.slice(0, 12), countyCode: code.slice(0, 6), name: `矩阵网格${code}` },
      [],
    ));
  return { id: row.code, marker: row.name };
}

const profile = {
  effectiveFrom: "2021-05-01",
  propertyManagement: "property_company",
  propertyCompany: "衡阳市某物业服务有限公司",
  guards: true,
  watch24h: true,
  fence: true,
  gate: true,
  smartAccess: true,
  cameras: true,
  ownersCommittee: true,
};

/** A household with one resident at the place: in its grid when the place is a grid. */
async function arrangeResident(db: Database, place: Scope): Promise<ScopedRecord & { householdId: string }> {
  const regionCode = place.regions[0] ?? place.grids[0]?.slice(0, 12) ?? "";
  const repository = new ResidentRepository(db);
  const id = uuidv7();
  const household = await repository.insertHousehold({
    id: uuidv7(),
    regionCode,
    gridCode: place.grids[0] ?? null,
    headResidentId: id,
  });
  const name = `矩阵居民${++residentSequence}号`;
  await repository.insertResident({
    id,
    regionCode,
    gridCode: place.grids[0] ?? null,
    householdId: household.id,
    name,
    registration: "local",
    relation: "head",
    livingStatus: "present",
  });
  return { id, marker: name, householdId: household.id };
}
let residentSequence = 0;

/** A reported case at the place (its community, and its grid when the place is one). */
async function arrangeCase(db: Database, place: Scope): Promise<ScopedRecord> {
  const regionCode = place.regions[0] ?? place.grids[0]?.slice(0, 12) ?? "";
  const id = uuidv7();
  const description = `矩阵事件${++caseSequence}号`;
  await CaseRepository.insert(
    {
      id,
      trackingHash: randomBytes(16).toString("hex"),
      categoryCode: "community.livelihood.other",
      status: "reported",
      channel: "staff",
      regionCode,
      countyCode: regionCode.slice(0, 6),
      gridCode: place.grids[0] ?? null,
      description,
      partyKind: "community",
      partyName: "矩阵社区",
      limits: { register: 4, dispatch: 4, handle: 120, verify: 48 },
      workingHours: false,
      stage: "register",
      dueAt: new Date(Date.now() + 4 * 3_600_000),
      reportedAt: new Date(),
    },
    "20261129",
  ).run(db);
  return { id, marker: description };
}
let caseSequence = 0;

/** A small square in Hengyang, drawn where no other grid of the matrix lies. */
const boundary = box(112.6, 26.9, 112.601, 26.901);

export const scopedOperations: ScopedOperation[] = [
  {
    name: "list accounts",
    permission: "identity.users.read",
    arrange: arrangeAccount,
    request: () => ({ method: "GET", url: "/api/users?limit=100" }),
    success: 200,
    kind: "list",
  },
  ...(
    [
      ["disable an account", "POST", "disable", undefined],
      ["enable an account", "POST", "enable", undefined],
      ["reset a password", "POST", "reset-password", undefined],
      ["reset the second factor", "POST", "two-factor/reset", undefined],
      ["set roles", "PUT", "roles", () => ({ roles: ["grid_leader"] })],
      ["set scope", "PUT", "scope", (inside: Scope) => inside],
    ] as const
  ).map(
    ([name, method, action, body]): ScopedOperation => ({
      name,
      permission: "identity.users.manage",
      arrange: arrangeAccount,
      request: (id, inside) => ({ method, url: `/api/users/${id}/${action}`, payload: body?.(inside) }),
      success: 200,
      kind: "record",
    }),
  ),
  {
    name: "list compounds",
    permission: "grids.read",
    arrange: arrangeCompound,
    request: () => ({ method: "GET", url: "/api/compounds?limit=200" }),
    success: 200,
    kind: "list",
    coveredByGrid: false,
  },
  {
    name: "read a compound",
    permission: "grids.read",
    arrange: arrangeCompound,
    request: (id) => ({ method: "GET", url: `/api/compounds/${id}` }),
    success: 200,
    kind: "record",
    coveredByGrid: false,
  },
  {
    name: "record a compound's profile",
    permission: "grids.manage",
    arrange: arrangeCompound,
    request: (id) => ({ method: "POST", url: `/api/compounds/${id}/profile`, payload: profile }),
    success: 200,
    kind: "record",
    coveredByGrid: false,
  },
  {
    name: "redraw a compound",
    permission: "grids.manage",
    arrange: arrangeCompound,
    request: (id) => ({ method: "PUT", url: `/api/compounds/${id}/boundary`, payload: { boundary } }),
    success: 200,
    kind: "record",
    coveredByGrid: false,
  },
  {
    name: "list a compound's buildings",
    permission: "grids.read",
    arrange: arrangeCompoundWithBuilding,
    request: (id) => ({ method: "GET", url: `/api/compounds/${id}/buildings` }),
    success: 200,
    kind: "record",
    coveredByGrid: false,
  },
  {
    name: "add a building",
    permission: "grids.manage",
    arrange: arrangeCompound,
    request: (id) => ({
      method: "POST",
      url: `/api/compounds/${id}/buildings`,
      payload: { name: `${++buildingSequence}栋`, entrances: ["1单元"] },
    }),
    success: 201,
    kind: "record",
    coveredByGrid: false,
  },
  {
    name: "list grids",
    permission: "grids.read",
    arrange: arrangeGrid,
    request: () => ({ method: "GET", url: "/api/grids" }),
    success: 200,
    kind: "list",
  },
  {
    name: "read a grid",
    permission: "grids.read",
    arrange: arrangeGrid,
    request: (code) => ({ method: "GET", url: `/api/grids/${code}` }),
    success: 200,
    kind: "record",
    missingId: "430405009009999",
  },
  {
    name: "redraw a grid",
    permission: "grids.manage",
    arrange: arrangeGrid,
    request: (code) => ({ method: "PUT", url: `/api/grids/${code}/boundary`, payload: { boundary } }),
    success: 200,
    kind: "record",
    missingId: "430405009009999",
  },
  {
    name: "rename a grid",
    permission: "grids.manage",
    arrange: arrangeGrid,
    request: (code) => ({ method: "PATCH", url: `/api/grids/${code}`, payload: { name: `改名网格${code}`, compoundIds: [] } }),
    success: 200,
    kind: "record",
    missingId: "430405009009999",
  },
  {
    name: "list residents",
    permission: "people.read",
    arrange: arrangeResident,
    request: () => ({ method: "GET", url: "/api/residents?limit=200" }),
    success: 200,
    kind: "list",
  },
  {
    name: "read a resident",
    permission: "people.read",
    arrange: arrangeResident,
    request: (id) => ({ method: "GET", url: `/api/residents/${id}` }),
    success: 200,
    kind: "record",
  },
  {
    name: "read a household",
    permission: "people.read",
    arrange: async (db, place) => {
      const resident = await arrangeResident(db, place);
      return { id: resident.householdId, marker: resident.marker };
    },
    request: (id) => ({ method: "GET", url: `/api/households/${id}` }),
    success: 200,
    kind: "record",
  },
  {
    name: "read a case",
    permission: "cases.read",
    arrange: arrangeCase,
    request: (id) => ({ method: "GET", url: `/api/cases/${id}` }),
    success: 200,
    kind: "record",
    refusal: 404,
  },
];
