import type { IntegrityVisit, Problem } from "@linli/contracts";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { rowsOf } from "../../db/migrate.js";
import { localDate } from "../../platform/time/local-date.js";
import { buildPeopleWorld, type PeopleWorld } from "../../test/people.js";
import { sessionHeaders, signInNewUser, useTestApp } from "../../test/test-app.js";

const context = useTestApp();
let world: PeopleWorld;
let officer: string;
let elsewhere: string;
const today = localDate(new Date());

const send = (session: string, method: "GET" | "POST", url: string, payload?: object) =>
  context.app.inject({ method, url, headers: sessionHeaders(session), ...(payload ? { payload } : {}) });
const problems = (response: { json: () => unknown }) =>
  (response.json() as Problem).errors?.map(({ field, code }) => `${field} ${code}`);

const visit = {
  regionCode: "430405",
  officialName: "（示例）某局长",
  officialPost: "区某局党组书记、局长",
  familyMet: "配偶、母亲",
  visitors: ["区纪委监委 第二监督检查室 王某", "派驻纪检组 李某"],
  visitedOn: today,
  talk: "围绕“清廉家庭”创建谈家风家教，请家属当好“贤内助”",
  risksNoted: "提醒亲属不得借职务影响从事营利活动",
  commitmentSigned: true,
};

beforeAll(async () => {
  world = await buildPeopleWorld(context);
  const account = (username: string, regions: string[]) =>
    signInNewUser(context, { username, roles: ["discipline_officer"], scope: { regions, grids: [] }, displayName: username });
  officer = await account("discipline.zhuhui", ["430405"]);
  elsewhere = await account("discipline.yanfeng", ["430406"]);
});

describe("integrity visits (廉政家访)", () => {
  it("are recorded and read by the discipline officer of the area, and exported", async () => {
    const created = await send(officer, "POST", "/api/integrity-visits", visit);
    expect(created.statusCode, created.body).toBe(201);
    const recorded = created.json<IntegrityVisit>();
    expect(recorded).toMatchObject({ ...visit, recordedBy: "discipline.zhuhui" });
    const list = (await send(officer, "GET", `/api/integrity-visits?from=${today}`)).json<{ items: IntegrityVisit[] }>();
    expect(list.items.map((item) => item.id)).toEqual([recorded.id]);
    const workbook = await send(officer, "GET", "/api/integrity-visits/export");
    expect(workbook.statusCode).toBe(200);
    expect(workbook.headers["content-type"]).toContain("spreadsheetml");

    // Another area's officer does not find it.
    expect((await send(elsewhere, "GET", `/api/integrity-visits/${recorded.id}`)).statusCode).toBe(404);
    expect((await send(elsewhere, "GET", "/api/integrity-visits")).json<{ items: unknown[] }>().items).toEqual([]);
  });

  it("are hidden from every other role, whatever their area", async () => {
    const [row] = rowsOf<{ id: string }>(await context.database.handle.db.execute(sql`select id from integrity_visits limit 1`));
    for (const session of [
      world.admin,
      world.sessions.chief,
      world.sessions.police,
      world.sessions.township,
      world.sessions.member,
    ]) {
      expect((await send(session, "GET", "/api/integrity-visits")).statusCode).toBe(403);
      expect((await send(session, "GET", `/api/integrity-visits/${row?.id}`)).statusCode).toBe(403);
      expect((await send(session, "POST", "/api/integrity-visits", visit)).statusCode).toBe(403);
    }
  });

  it("refuses a visit in the future, without the official's name, or outside the officer's area", async () => {
    const tomorrow = localDate(new Date(Date.now() + 86_400_000));
    expect(problems(await send(officer, "POST", "/api/integrity-visits", { ...visit, visitedOn: tomorrow }))).toEqual([
      "visitedOn in_future",
    ]);
    expect(problems(await send(officer, "POST", "/api/integrity-visits", { ...visit, officialName: " " }))).toEqual([
      "officialName too_small_string",
    ]);
    expect((await send(officer, "POST", "/api/integrity-visits", { ...visit, regionCode: "430406" })).statusCode).toBe(403);
  });
});
