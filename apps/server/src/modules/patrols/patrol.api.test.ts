import type { CaseDetail, Patrol, PatrolList, Problem } from "@linli/contracts";
import { sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { rowsOf } from "../../db/migrate.js";
import { buildPeopleWorld, gridOne, kuihuali, type PeopleWorld } from "../../test/people.js";
import { sessionHeaders, useTestApp } from "../../test/test-app.js";

const context = useTestApp();
let world: PeopleWorld;

const send = (session: string, method: "GET" | "POST", url: string, payload?: object) =>
  context.app.inject({ method, url, headers: sessionHeaders(session), ...(payload ? { payload } : {}) });
const ok = async <T>(session: string, method: "GET" | "POST", url: string, payload?: object) => {
  const response = await send(session, method, url, payload);
  expect(response.statusCode, response.body).toBeLessThan(300);
  return response.json<T>();
};
const problems = (response: { json: () => unknown }) =>
  (response.json() as Problem).errors?.map(({ field, code }) => `${field} ${code}`);
const count = async (table: string) =>
  rowsOf<{ n: number }>(await context.database.handle.db.execute(sql.raw(`select count(*)::int as n from ${table}`)))[0]?.n;
const secondsAgo = (seconds: number) => new Date(Date.now() - seconds * 1000).toISOString();

beforeAll(async () => {
  world = await buildPeopleWorld(context);
});

beforeEach(async () => {
  const { db } = context.database.handle;
  for (const table of ["patrol_hazards", "patrols", "case_events", "cases"]) await db.execute(sql.raw(`delete from ${table}`));
});

describe("patrols (治安巡逻)", () => {
  it("starts in the member's own grid, follows the route, turns a hazard into a case, and finishes", async () => {
    const started = await ok<Patrol>(world.sessions.member, "POST", "/api/patrols", { companions: "志愿者 2 人" });
    expect(started).toMatchObject({ gridCode: gridOne, regionCode: kuihuali, finishedAt: null, distanceMetres: 0, route: [] });

    // Two batches from the phone: about 111 m due north, then 111 m more.
    await ok(world.sessions.member, "POST", `/api/patrols/${started.id}/points`, {
      points: [
        { longitude: 112.6, latitude: 26.9, at: secondsAgo(2) },
        { longitude: 112.6, latitude: 26.901, at: secondsAgo(1) },
      ],
    });
    const walked = await ok<Patrol>(world.sessions.member, "POST", `/api/patrols/${started.id}/points`, {
      points: [{ longitude: 112.6, latitude: 26.902, at: secondsAgo(0) }],
    });
    expect(walked.route).toHaveLength(3);
    expect(walked.distanceMetres).toBeGreaterThan(220);
    expect(walked.distanceMetres).toBeLessThan(225);

    const noted = await ok<Patrol>(world.sessions.member, "POST", `/api/patrols/${started.id}/hazards`, {
      description: "楼道内电动车飞线充电",
      categoryCode: "community.hazards.ebike_charging",
      // A point in no drawn grid: the case stays in the patrol's grid.
      longitude: 112.6,
      latitude: 26.902,
    });
    await ok(world.sessions.member, "POST", `/api/patrols/${started.id}/hazards`, { description: "路灯闪烁，已拍照留存" });
    const [reported, merely] = noted.hazards;
    expect(reported?.caseId).toEqual(expect.any(String));
    expect(merely).toBeUndefined();
    const theCase = await ok<CaseDetail>(world.sessions.leader, "GET", `/api/cases/${reported?.caseId}`);
    expect(theCase).toMatchObject({ status: "reported", gridCode: gridOne, description: "楼道内电动车飞线充电" });

    const done = await ok<Patrol>(world.sessions.member, "POST", `/api/patrols/${started.id}/finish`, { notes: "巡查 2 个小区" });
    expect(done.finishedAt).not.toBeNull();
    expect(done.hazards.map((hazard) => hazard.caseId !== null)).toEqual([true, false]);
    const late = await send(world.sessions.member, "POST", `/api/patrols/${started.id}/hazards`, { description: "x" });
    expect(late.statusCode).toBe(409);

    // The grid leader reads it in the patrol log; the other grid's member does not see it.
    const log = await ok<PatrolList>(world.sessions.leader, "GET", "/api/patrols?view=scope");
    expect(log.items.map((item) => [item.id, item.hazards, item.cases, item.patroller])).toEqual([
      [started.id, 2, 1, "member.one"],
    ]);
    expect((await send(world.sessions.memberTwo, "GET", `/api/patrols/${started.id}`)).statusCode).toBe(404);
    const exported = await send(world.sessions.leader, "GET", "/api/patrols/export?view=scope");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(exported.rawPayload as unknown as ExcelJS.Buffer);
    const [, header, row] = (book.worksheets[0]?.getSheetValues() ?? []) as unknown[][];
    expect(header?.slice(1, 4)).toEqual(["开始时间", "结束时间", "巡逻人"]);
    expect(row?.slice(3, 9)).toEqual(["member.one", "志愿者 2 人", gridOne, done.distanceMetres, 2, 1]);
  });

  it("refuses points from before the start or the future, half a point, another's patrol, a grid outside the scope", async () => {
    const patrol = await ok<Patrol>(world.sessions.member, "POST", "/api/patrols", {});
    const early = await send(world.sessions.member, "POST", `/api/patrols/${patrol.id}/points`, {
      points: [
        { longitude: 112.6, latitude: 26.9, at: secondsAgo(0) },
        { longitude: 112.6, latitude: 26.9, at: secondsAgo(3600) },
      ],
    });
    expect(problems(early)).toEqual(["points.1.at before_start"]);
    const future = await send(world.sessions.member, "POST", `/api/patrols/${patrol.id}/points`, {
      points: [{ longitude: 112.6, latitude: 26.9, at: new Date(Date.now() + 3_600_000).toISOString() }],
    });
    expect(problems(future)).toEqual(["points.0.at in_future"]);
    const half = await send(world.sessions.member, "POST", `/api/patrols/${patrol.id}/hazards`, {
      description: "x",
      longitude: 112.6,
    });
    expect(problems(half)).toEqual(["latitude point_incomplete"]);
    const unknownCategory = await send(world.sessions.member, "POST", `/api/patrols/${patrol.id}/hazards`, {
      description: "x",
      categoryCode: "community.hazards",
    });
    expect(problems(unknownCategory)).toEqual(["categoryCode unknown_category"]);
    expect(await count("patrol_hazards")).toBe(0);
    expect(await count("cases")).toBe(0);
    expect(
      (
        await send(world.sessions.memberTwo, "POST", `/api/patrols/${patrol.id}/points`, {
          points: [{ longitude: 112.6, latitude: 26.9, at: secondsAgo(0) }],
        })
      ).statusCode,
    ).toBe(404);
    expect(problems(await send(world.sessions.member, "POST", "/api/patrols", { gridCode: `${kuihuali}002` }))).toEqual([
      "gridCode unknown_grid",
    ]);
    expect(problems(await send(world.sessions.chief, "POST", "/api/patrols", {}))).toEqual(["gridCode required"]);
  });
});
