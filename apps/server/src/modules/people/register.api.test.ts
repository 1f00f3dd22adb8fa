import type { RegisterEntryList, RegisterPage, ResidentDetail, ResidentPage } from "@linli/contracts";
import { sql } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { rowsOf } from "../../db/migrate.js";
import { buildPeopleWorld, clearPeople, idNumbers, type PeopleWorld } from "../../test/people.js";
import { sessionHeaders, useTestApp } from "../../test/test-app.js";

const context = useTestApp();
let world: PeopleWorld;
let zhangId: string;

beforeAll(async () => {
  world = await buildPeopleWorld(context);
});
beforeEach(async () => {
  await clearPeople(context.database);
  const response = await send(world.sessions.chief, "POST", "/api/residents", {
    name: "张建国",
    idNumber: idNumbers.zhang,
    dwellingId: world.dwellings.a101.id,
  });
  zhangId = response.json<{ id: string }>().id;
});

const send = (session: string, method: "GET" | "POST" | "PUT", url: string, payload?: object) =>
  context.app.inject({ method, url, headers: sessionHeaders(session), ...(payload ? { payload } : {}) });
const drugRecord = {
  startDate: "2024-05-01",
  visitFrequency: "monthly",
  responsible: "禁毒民警 刘警官",
  details: { register: "drug_rehabilitation", stage: "community_rehabilitation" },
};
const reason = encodeURIComponent("季度走访前核对名单");

describe("special registers", () => {
  it("are recorded and read only with the register's own permission", async () => {
    const byChief = await send(
      world.sessions.chief,
      "PUT",
      `/api/residents/${zhangId}/registers/drug_rehabilitation`,
      drugRecord,
    );
    expect(byChief.statusCode).toBe(403);
    const byPolice = await send(
      world.sessions.police,
      "PUT",
      `/api/residents/${zhangId}/registers/drug_rehabilitation`,
      drugRecord,
    );
    expect(byPolice.statusCode, byPolice.body).toBe(200);

    const police = (
      await send(world.sessions.police, "GET", `/api/residents/${zhangId}/registers?reason=${reason}`)
    ).json<RegisterEntryList>();
    expect(police.items.map(({ register, visitFrequency, responsible }) => ({ register, visitFrequency, responsible }))).toEqual([
      { register: "drug_rehabilitation", visitFrequency: "monthly", responsible: "禁毒民警 刘警官" },
    ]);
    // The social worker reads other registers: the record, and that there is one, stay hidden.
    const social = (
      await send(world.sessions.socialWorker, "GET", `/api/residents/${zhangId}/registers?reason=${reason}`)
    ).json<RegisterEntryList>();
    expect(social.items).toEqual([]);
    expect((await send(world.sessions.member, "GET", `/api/residents/${zhangId}/registers?reason=${reason}`)).statusCode).toBe(
      403,
    );
    expect((await send(world.sessions.chief, "GET", `/api/registers/drug_rehabilitation?reason=${reason}`)).statusCode).toBe(403);
    expect(
      (await send(world.sessions.chief, "GET", `/api/residents?register=drug_rehabilitation&reason=${reason}`)).statusCode,
    ).toBe(403);
  });

  it("leave no trace in what ordinary staff read: the resident, their history, searches", async () => {
    await send(world.sessions.police, "PUT", `/api/residents/${zhangId}/registers/drug_rehabilitation`, drugRecord);
    const detail = await send(world.sessions.member, "GET", `/api/residents/${zhangId}`);
    expect(detail.json<ResidentDetail>().history.map((event) => event.kind)).toEqual(["registered"]);
    expect(detail.body).not.toMatch(/drug|register_/);
    const list = await send(world.sessions.member, "GET", "/api/residents");
    expect(list.body).not.toMatch(/drug/);
  });

  it("are listed for their permitted readers with a stated reason, and each opening is audited", async () => {
    await send(world.sessions.police, "PUT", `/api/residents/${zhangId}/registers/drug_rehabilitation`, drugRecord);
    expect((await send(world.sessions.police, "GET", "/api/registers/drug_rehabilitation")).statusCode).toBe(400);
    const page = (
      await send(world.sessions.police, "GET", `/api/registers/drug_rehabilitation?reason=${reason}`)
    ).json<RegisterPage>();
    expect(page.items.map((entry) => [entry.residentName, entry.details])).toEqual([
      ["张建国", { register: "drug_rehabilitation", stage: "community_rehabilitation" }],
    ]);
    const search = (
      await send(world.sessions.police, "GET", `/api/residents?register=drug_rehabilitation&reason=${reason}`)
    ).json<ResidentPage>();
    expect(search.items.map((resident) => resident.name)).toEqual(["张建国"]);
    const audit = rowsOf<{ action: string; reason: string }>(
      await context.database.handle.db.execute(
        sql`select action, reason from audit_events where action = 'people.register_read' and actor_username = 'police' order by occurred_at`,
      ),
    );
    expect(audit).toEqual([
      { action: "people.register_read", reason: "季度走访前核对名单" },
      { action: "people.register_read", reason: "季度走访前核对名单" },
    ]);
  });

  it("are not exported without their permission, and a refused export leaves no audit row saying they were read", async () => {
    await send(world.sessions.police, "PUT", `/api/residents/${zhangId}/registers/drug_rehabilitation`, drugRecord);
    const refused = await send(
      world.sessions.chief,
      "GET",
      `/api/residents/export?register=drug_rehabilitation&reason=${reason}`,
    );
    expect(refused.statusCode).toBe(403);
    const permitted = await send(
      world.sessions.police,
      "GET",
      `/api/residents/export?register=drug_rehabilitation&reason=${reason}`,
    );
    expect(permitted.statusCode).toBe(200);
    const audit = rowsOf<{ actor_username: string }>(
      await context.database.handle.db.execute(
        sql`select actor_username from audit_events where action = 'people.register_read' and reason = '季度走访前核对名单'`,
      ),
    );
    expect(audit.map((row) => row.actor_username)).not.toContain("chief");
    expect(audit.map((row) => row.actor_username)).toContain("police");
  });

  it("refuse a record whose fields belong to another register", async () => {
    const response = await send(
      world.sessions.police,
      "PUT",
      `/api/residents/${zhangId}/registers/community_correction`,
      drugRecord,
    );
    expect(response.statusCode).toBe(400);
  });
});
