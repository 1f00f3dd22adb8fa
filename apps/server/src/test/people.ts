import type { Building, CompoundDetail, Dwelling, Role } from "@linli/contracts";
import { sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { expect } from "vitest";
import { startAsStreetAdmin } from "./regions.js";
import { sessionHeaders, signInNewUser } from "./test-app.js";
import type { TestDatabase } from "./test-database.js";

export const kuihuali = "430405009009";
export const gridOne = `${kuihuali}001`;
export const gridTwo = `${kuihuali}002`;

/** Fictitious ID numbers with valid check characters: 珠晖区 (430405) and 雁峰区 (430406). */
export const idNumbers = {
  zhang: "430405198001010017",
  li: "430405199203150020",
  wang: "430406201008080027",
  zhao: "430406195512120034",
  chen: "430405200106060045",
} as const;

export interface PeopleWorld {
  admin: string;
  /** Sessions by role: the grid member and grid leader of grid 001, the chief and others of the community. */
  sessions: Record<"member" | "memberTwo" | "leader" | "chief" | "police" | "socialWorker" | "township", string>;
  /** Dwellings 1栋1单元 101, 102, 201 (grid 001) and 2栋 101 (grid 002). */
  dwellings: { a101: Dwelling; a102: Dwelling; a201: Dwelling; b101: Dwelling };
}

type Context = { app: FastifyInstance; database: TestDatabase };

/**
 * 葵花里社区 with two compounds, each covered by a grid, a few dwellings, and one account per post
 * that the people tests need, each scoped as it would be in production.
 */
export async function buildPeopleWorld(context: Context): Promise<PeopleWorld> {
  const admin = await startAsStreetAdmin(context);
  const send = async <T>(url: string, payload: object) => {
    const response = await context.app.inject({ method: "POST", url, headers: sessionHeaders(admin), payload });
    expect(response.statusCode, response.body).toBe(201);
    return response.json<T>();
  };
  const compoundA = await send<CompoundDetail>("/api/compounds", { regionCode: kuihuali, name: "新葵花苑小区" });
  const compoundB = await send<CompoundDetail>("/api/compounds", { regionCode: kuihuali, name: "葵花里小区" });
  await send("/api/grids", { regionCode: kuihuali, sequence: 1, name: "第1网格", compoundIds: [compoundA.id] });
  await send("/api/grids", { regionCode: kuihuali, sequence: 2, name: "第2网格", compoundIds: [compoundB.id] });
  const one = await send<Building>(`/api/compounds/${compoundA.id}/buildings`, { name: "1栋", floors: 6, entrances: ["1单元"] });
  const two = await send<Building>(`/api/compounds/${compoundB.id}/buildings`, { name: "2栋", floors: 6 });
  const entranceId = one.entrances[0]?.id;
  const dwelling = (buildingId: string, number: string, withEntrance = true) =>
    send<Dwelling>("/api/dwellings", { buildingId, ...(withEntrance ? { entranceId } : {}), number, floorArea: 80 });
  const dwellings = {
    a101: await dwelling(one.id, "101"),
    a102: await dwelling(one.id, "102"),
    a201: await dwelling(one.id, "201"),
    b101: await dwelling(two.id, "101", false),
  };
  const account = (username: string, roles: Role[], scope: { regions: string[]; grids: string[] }) =>
    signInNewUser(context, { username, roles, scope, displayName: username });
  const sessions = {
    member: await account("member.one", ["grid_member"], { regions: [], grids: [gridOne] }),
    memberTwo: await account("member.two", ["grid_member"], { regions: [], grids: [gridTwo] }),
    leader: await account("leader.one", ["grid_leader"], { regions: [], grids: [gridOne] }),
    chief: await account("chief", ["chief_grid_leader"], { regions: [kuihuali], grids: [] }),
    police: await account("police", ["police_liaison"], { regions: [kuihuali], grids: [] }),
    socialWorker: await account("social.worker", ["social_worker"], { regions: [kuihuali], grids: [] }),
    township: await account("township", ["township_admin"], { regions: ["430405009"], grids: [] }),
  };
  return { admin, sessions, dwellings };
}

/** Empties the registry (not the places or accounts), so each test starts from the same world. */
export async function clearPeople(database: TestDatabase): Promise<void> {
  await database.handle.db.transaction(async (tx) => {
    for (const table of ["register_entries", "collection_submissions", "resident_events", "residents", "households"])
      await tx.execute(sql.raw(`delete from ${table}`));
  });
}
