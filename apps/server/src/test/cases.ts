import type { CompoundDetail, Role } from "@linli/contracts";
import { sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { expect } from "vitest";
import { buildUser } from "./builders.js";
import { box } from "./geometry.js";
import { gridOne, gridTwo, kuihuali } from "./people.js";
import { startAsStreetAdmin } from "./regions.js";
import { sessionHeaders, signIn } from "./test-app.js";
import type { TestDatabase } from "./test-database.js";

type Context = { app: FastifyInstance; database: TestDatabase };

/** Points inside each compound, and one in the community outside every grid. */
export const points = {
  inManaged: { longitude: 112.632, latitude: 26.902 },
  inUnmanaged: { longitude: 112.642, latitude: 26.902 },
  inGridOneStreet: { longitude: 112.6365, latitude: 26.9065 },
  nowhere: { longitude: 113.5, latitude: 27.5 },
} as const;

export interface CaseWorld {
  admin: string;
  compounds: { managed: CompoundDetail; unmanaged: CompoundDetail };
  /** Sessions and account ids by post. */
  sessions: Record<
    "member" | "leader" | "leaderTwo" | "chief" | "property" | "committee" | "township" | "resident" | "city",
    string
  >;
  ids: Record<"member" | "leader" | "leaderTwo" | "chief" | "property" | "committee" | "township" | "resident" | "city", string>;
}

/**
 * 葵花里社区: 新葵花苑小区 (property company 葵花物业, in grid 001) and 葵花里小区 (三无, in grid
 * 002), both drawn; the grid staff, the community director on a term, the property company's
 * staff, the owners' committee member, the township, and a resident with an account.
 */
export async function buildCaseWorld(context: Context): Promise<CaseWorld> {
  const admin = await startAsStreetAdmin(context);
  const send = async <T>(method: "POST" | "PUT", url: string, payload: object) => {
    const response = await context.app.inject({ method, url, headers: sessionHeaders(admin), payload });
    expect(response.statusCode, response.body).toBeLessThan(300);
    return response.json<T>();
  };
  const managed = await send<CompoundDetail>("POST", "/api/compounds", {
    regionCode: kuihuali,
    name: "新葵花苑小区",
    boundary: box(112.63, 26.9, 112.635, 26.905),
  });
  const unmanaged = await send<CompoundDetail>("POST", "/api/compounds", {
    regionCode: kuihuali,
    name: "葵花里小区",
    boundary: box(112.64, 26.9, 112.645, 26.905),
  });
  await send("POST", `/api/compounds/${managed.id}/profile`, {
    effectiveFrom: "2021-06-01",
    propertyManagement: "property_company",
    propertyCompany: "衡阳葵花物业管理有限公司",
    guards: true,
    watch24h: true,
    fence: true,
    gate: true,
    smartAccess: true,
    cameras: true,
    ownersCommittee: true,
  });
  await send("POST", "/api/grids", {
    regionCode: kuihuali,
    sequence: 1,
    name: "第1网格",
    compoundIds: [managed.id],
    boundary: box(112.628, 26.898, 112.637, 26.907),
  });
  await send("POST", "/api/grids", {
    regionCode: kuihuali,
    sequence: 2,
    name: "第2网格",
    compoundIds: [unmanaged.id],
    boundary: box(112.638, 26.898, 112.647, 26.907),
  });
  const posts = {
    member: ["grid_member", { regions: [], grids: [gridOne] }],
    leader: ["grid_leader", { regions: [], grids: [gridOne] }],
    leaderTwo: ["grid_leader", { regions: [], grids: [gridTwo] }],
    chief: ["chief_grid_leader", { regions: [kuihuali], grids: [] }],
    property: ["property_staff", { regions: [], grids: [gridOne] }],
    committee: ["committee_member", { regions: [], grids: [gridOne] }],
    township: ["township_admin", { regions: ["430405009"], grids: [] }],
    resident: ["resident", { regions: [kuihuali], grids: [] }],
    city: ["city_admin", { regions: ["4304"], grids: [] }],
  } as const satisfies Record<string, readonly [Role, { regions: string[]; grids: string[] }]>;
  const sessions = {} as CaseWorld["sessions"];
  const ids = {} as CaseWorld["ids"];
  for (const [post, [role, scope]] of Object.entries(posts) as [keyof typeof posts, (typeof posts)[keyof typeof posts]][]) {
    const username = `${post}.case`;
    const { user, password } = await buildUser(context.database.handle.db, {
      username,
      displayName: username,
      roles: [role],
      scope: { regions: [...scope.regions], grids: [...scope.grids] },
    });
    sessions[post] = await signIn(context.app, username, password);
    ids[post] = user.id;
  }
  await send("POST", "/api/grid-staff", {
    regionCode: kuihuali,
    userId: ids.chief,
    post: "chief_grid_leader",
    from: "2026-01-01",
  });
  return { admin, compounds: { managed, unmanaged }, sessions, ids };
}

/** Empties the cases (not the places or accounts), so each test starts from the same world. */
export async function clearCases(database: TestDatabase): Promise<void> {
  await database.handle.db.transaction(async (tx) => {
    for (const table of ["notifications", "case_events", "case_photos", "cases", "idempotency_keys", "case_calendar_days"])
      await tx.execute(sql.raw(`delete from ${table}`));
  });
}
