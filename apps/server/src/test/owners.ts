import type { Dwelling, Meeting } from "@linli/contracts";
import { sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { rowsOf } from "../db/migrate.js";
import { buildPeopleWorld, clearPeople, idNumbers, kuihuali, type PeopleWorld } from "./people.js";
import { ok, signInNewUser } from "./test-app.js";
import type { TestDatabase } from "./test-database.js";

type Context = { app: FastifyInstance; database: TestDatabase };
export type Owner = "zhang" | "li" | "wang" | "chen" | "zhao";

/**
 * 新葵花苑小区 as an owners' vote sees it: 1栋 101, 102 and 201 (80 m² each), 301 (45 m²) and
 * 302 (35 m²); five residents, 张 and 李 with verified accounts. `setOwners` gives the register
 * every test starts from: 张 owns 101 alone and 102 with 李, 王 201, 陈 301, 赵 302 — four owners
 * of 320 m² in all.
 */
export interface OwnersWorld {
  world: PeopleWorld;
  compoundId: string;
  dwellings: PeopleWorld["dwellings"] & { n301: Dwelling; n302: Dwelling };
  people: Record<Owner, string>;
  sessions: { zhang: string; li: string };
  setOwners(): Promise<void>;
  noticedAssembly(): Promise<Meeting>;
}

export async function buildOwnersWorld(context: Context, prefix: string): Promise<OwnersWorld> {
  const world = await buildPeopleWorld(context);
  const chief = world.sessions.chief;
  const { buildingId, entranceId, compoundId } = world.dwellings.a101;
  const dwelling = (number: string, floorArea: number) =>
    ok<Dwelling>(context.app, world.admin, "POST", "/api/dwellings", { buildingId, entranceId, number, floorArea });
  const dwellings = { ...world.dwellings, n301: await dwelling("301", 45), n302: await dwelling("302", 35) };
  await clearPeople(context.database);
  const resident = async (name: string, idNumber: string, dwellingId: string) =>
    (await ok<{ id: string }>(context.app, chief, "POST", "/api/residents", { name, idNumber, dwellingId })).id;
  const people: Record<Owner, string> = {
    zhang: await resident("张建国", idNumbers.zhang, dwellings.a101.id),
    li: await resident("李秀英", idNumbers.li, dwellings.a102.id),
    wang: await resident("王小明", idNumbers.wang, dwellings.a201.id),
    chen: await resident("陈静", idNumbers.chen, dwellings.b101.id),
    zhao: await resident("赵德胜", idNumbers.zhao, dwellings.n302.id),
  };
  const verified = async (username: string, residentId: string) => {
    const session = await signInNewUser(context, {
      username,
      roles: ["resident"],
      scope: { regions: [kuihuali], grids: [] },
      displayName: username,
    });
    const db = context.database.handle.db;
    const [user] = rowsOf<{ id: string }>(await db.execute(sql`select id from users where username = ${username}`));
    await ok(context.app, world.sessions.township, "PUT", `/api/residents/${residentId}/account`, { userId: user?.id });
    return session;
  };
  const sessions = { zhang: await verified(`${prefix}.zhang`, people.zhang), li: await verified(`${prefix}.li`, people.li) };
  const own = (target: Dwelling, owners: Owner[]) =>
    ok(context.app, chief, "PUT", `/api/dwellings/${target.id}/owners`, { residentIds: owners.map((owner) => people[owner]) });
  return {
    world,
    compoundId,
    dwellings,
    people,
    sessions,
    setOwners: async () => {
      await own(dwellings.a101, ["zhang"]);
      await own(dwellings.a102, ["zhang", "li"]);
      await own(dwellings.a201, ["wang"]);
      await own(dwellings.n301, ["chen"]);
      await own(dwellings.n302, ["zhao"]);
    },
    noticedAssembly: async () => {
      const meeting = await ok<Meeting>(context.app, chief, "POST", "/api/meetings", {
        regionCode: kuihuali,
        compoundId,
        kind: "owners_assembly",
        title: "新葵花苑小区业主大会",
        host: "新葵花苑小区业主委员会",
        startsAt: new Date(Date.now() + 2 * 3_600_000).toISOString(),
        place: "小区广场",
        agenda: "表决事项",
        invitees: ["compound_residents", "owners_committee", "community"],
      });
      return ok<Meeting>(context.app, chief, "POST", `/api/meetings/${meeting.id}/notice`, { version: meeting.version });
    },
  };
}

/** Empties what the deliberation tests write (meetings, motions, elections, the owners' register). */
export async function clearDeliberation(database: TestDatabase): Promise<void> {
  await database.handle.db.transaction(async (tx) => {
    for (const table of [
      "resolution_progress",
      "resolution_actions",
      "resolutions",
      "motion_ballots",
      "motion_roll",
      "motions",
      "meeting_attendance",
      "meeting_files",
      "notifications",
      "meetings",
      "election_ballots",
      "election_voters",
      "election_candidates",
      "election_positions",
      "elections",
      "dwelling_owners",
    ])
      await tx.execute(sql.raw(`delete from ${table}`));
  });
}
