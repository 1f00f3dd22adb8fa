import {
  type CaseDetail,
  type CasePage,
  type Problem,
  type ServiceRequest,
  type ServiceRequestList,
  suggestedVisitRules,
  type Visit,
  type VisitCoverage,
  type VisitPlan,
  type VisitRule,
  type VisitTask,
} from "@linli/contracts";
import { sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { rowsOf } from "../../db/migrate.js";

import { localDate } from "../../platform/time/local-date.js";
import { buildPeopleWorld, clearPeople, gridOne, gridTwo, idNumbers, kuihuali, type PeopleWorld } from "../../test/people.js";
import { sessionHeaders, signInNewUser, useTestApp } from "../../test/test-app.js";

const context = useTestApp();
let world: PeopleWorld;
let residents: { zhang: string; li: string; wang: string };
let households: { a101: string; a102: string; b101: string };
const today = localDate(new Date());
const daysFromToday = (days: number) => localDate(new Date(Date.now() + days * 86_400_000));

const send = (session: string, method: "GET" | "POST" | "PUT" | "PATCH", url: string, payload?: object) =>
  context.app.inject({ method, url, headers: sessionHeaders(session), ...(payload ? { payload } : {}) });
const ok = async <T>(session: string, method: "GET" | "POST" | "PUT" | "PATCH", url: string, payload?: object) => {
  const response = await send(session, method, url, payload);
  expect(response.statusCode, response.body).toBeLessThan(300);
  return response.json<T>();
};
const errorsOf = (response: { json: () => unknown }) =>
  (response.json() as Problem).errors?.map(({ field, code }) => ({ field, code }));
const count = async (table: string) =>
  rowsOf<{ n: number }>(await context.database.handle.db.execute(sql.raw(`select count(*)::int as n from ${table}`)))[0]?.n;
const userId = async (username: string) =>
  rowsOf<{ id: string }>(await context.database.handle.db.execute(sql`select id from users where username = ${username}`))[0]
    ?.id ?? "";
const term = (userName: string, gridCode: string, from: string) =>
  userId(userName).then((id) =>
    ok<{ id: string }>(world.admin, "POST", "/api/grid-staff", {
      regionCode: kuihuali,
      gridCode,
      userId: id,
      post: "grid_member",
      from,
    }),
  );
const plan = () => ok<VisitPlan>(world.sessions.chief, "POST", "/api/visit-plans", { regionCode: kuihuali, on: today });
const myTasks = (session: string) => ok<{ items: VisitTask[] }>(session, "GET", "/api/visit-tasks?view=mine");
const visit = (session: string, body: object) =>
  send(session, "POST", "/api/visits", { visitedAt: new Date().toISOString(), metWith: "户主本人", ...body });

beforeAll(async () => {
  world = await buildPeopleWorld(context);
  await term("member.one", gridOne, "2020-01-01");
  await term("member.two", gridTwo, "2020-01-01");
  for (const rule of suggestedVisitRules)
    await ok<VisitRule>(world.sessions.chief, "POST", "/api/visit-rules", { regionCode: kuihuali, ...rule });
});

beforeEach(async () => {
  const { db } = context.database.handle;
  for (const table of ["visit_tasks", "visits", "service_requests", "case_events", "cases"])
    await db.execute(sql.raw(`delete from ${table}`));
  await clearPeople(context.database);
  const resident = (name: string, idNumber: string, dwellingId: string, tags: string[] = []) =>
    ok<{ id: string; householdId: string }>(world.sessions.chief, "POST", "/api/residents", { name, idNumber, dwellingId, tags });
  const zhang = await resident("张建国", idNumbers.zhang, world.dwellings.a101.id, ["elderly_living_alone"]);
  const li = await resident("李秀兰", idNumbers.li, world.dwellings.a102.id);
  const wang = await resident("王晓梅", idNumbers.wang, world.dwellings.b101.id);
  residents = { zhang: zhang.id, li: li.id, wang: wang.id };
  households = { a101: zhang.householdId, a102: li.householdId, b101: wang.householdId };
  await ok(world.sessions.police, "PUT", `/api/residents/${li.id}/registers/drug_rehabilitation`, {
    startDate: "2024-05-01",
    visitFrequency: "monthly",
    responsible: "禁毒民警 刘警官",
    details: { register: "drug_rehabilitation", stage: "community_rehabilitation" },
  });
});

describe("visits (主动敲门)", () => {
  it("plans each rule's tasks for the period containing the day, once, for the grid's member", async () => {
    expect(await plan()).toEqual({ created: 5, reassigned: 0, unassigned: 0 });
    expect(await plan()).toEqual({ created: 0, reassigned: 0, unassigned: 0 });

    const mine = (await myTasks(world.sessions.member)).items;
    expect(mine.map((task) => [task.ruleName, task.householdId, task.residentId, task.status]).sort()).toEqual(
      [
        ["每户每季度走访", households.a101, null, "open"],
        ["每户每季度走访", households.a102, null, "open"],
        ["独居老人每周探访", households.a101, null, "open"],
        ["社区康复人员每月家访", households.a102, residents.li, "open"],
      ].sort(),
    );
    const register = mine.find((task) => task.target === "register");
    expect(register?.companions).toEqual(["police_liaison"]);
    expect(register?.periodStart).toBe(`${today.slice(0, 7)}-01`);
    expect(mine.every((task) => task.periodStart <= today && today <= task.dueDate)).toBe(true);
    expect((await myTasks(world.sessions.memberTwo)).items.map((task) => task.householdId)).toEqual([households.b101]);
    // On the grid leader's board the register task is left out: it would tell who is on the register.
    const board = await ok<{ items: VisitTask[] }>(world.sessions.leader, "GET", "/api/visit-tasks?view=grid");
    expect(board.items.map((task) => task.target).sort()).toEqual(["household", "household", "tag"]);
  });

  it("hands a grid's open tasks to its new member when the old term ends, and keeps done ones with their visitor", async () => {
    await plan();
    const done = await visit(world.sessions.member, { householdId: households.a102 });
    expect(done.statusCode, done.body).toBe(201);
    const [oldTerm] = rowsOf<{ id: string }>(
      await context.database.handle.db.execute(sql`select id from grid_staff where grid_code = ${gridOne} and to_date is null`),
    );
    await ok(world.admin, "POST", `/api/grid-staff/${oldTerm?.id}/end`, { to: daysFromToday(-1) });
    const newcomer = await signInNewUser(context, {
      username: "member.three",
      roles: ["grid_member"],
      scope: { regions: [], grids: [gridOne] },
      displayName: "member.three",
    });
    await term("member.three", gridOne, today);

    // The visit did a102's quarterly task (not the register task: it did not name 李秀兰); the rest are handed over.
    expect(await plan()).toEqual({ created: 0, reassigned: 3, unassigned: 0 });
    expect((await myTasks(newcomer)).items.map((task) => task.ruleName).sort()).toEqual([
      "每户每季度走访",
      "独居老人每周探访",
      "社区康复人员每月家访",
    ]);
    expect((await myTasks(world.sessions.member)).items.map((task) => [task.householdId, task.status])).toEqual([
      [households.a102, "done"],
    ]);
    // Back to the world the other tests share: member.one on grid 001.
    await context.database.handle.db.execute(sql`delete from grid_staff where user_id = ${await userId("member.three")}`);
    await context.database.handle.db.execute(sql`update grid_staff set to_date = null where id = ${oldTerm?.id ?? ""}`);
  });

  it("turns a need for a social service into a service request, linked both ways, that the social worker takes up and closes", async () => {
    const response = await visit(world.sessions.member, {
      householdId: households.a101,
      residentId: residents.zhang,
      findings: "独居老人，行动不便",
      serviceNeeds: [{ kind: "elderly_care", description: "希望每周有人上门助浴" }],
    });
    expect(response.statusCode, response.body).toBe(201);
    const recorded = response.json<Visit>();
    expect(recorded.caseIds).toEqual([]);
    expect(recorded.serviceRequestIds).toHaveLength(1);
    const id = recorded.serviceRequestIds[0] ?? "";

    const listed = await ok<ServiceRequestList>(world.sessions.socialWorker, "GET", "/api/service-requests?status=open");
    expect(listed.items.map((item) => [item.id, item.visitId, item.kind, item.gridCode, item.residentId])).toEqual([
      [id, recorded.id, "elderly_care", gridOne, residents.zhang],
    ]);
    expect(listed.items[0]?.address).toContain("1栋");
    // The grid member raised it but does not handle service requests: no list for them.
    expect((await send(world.sessions.member, "GET", "/api/service-requests")).statusCode).toBe(403);

    const accepted = await ok<ServiceRequest>(world.sessions.socialWorker, "POST", `/api/service-requests/${id}/moves`, {
      status: "accepted",
      note: "已联系助浴志愿服务队",
      version: 1,
    });
    expect(accepted).toMatchObject({ status: "accepted", handlerName: "social.worker", version: 2 });
    // A stale version, then a move the state does not allow: 409, naming what it allows.
    const stale = await send(world.sessions.socialWorker, "POST", `/api/service-requests/${id}/moves`, {
      status: "done",
      version: 1,
    });
    expect(stale.statusCode).toBe(409);
    expect(errorsOf(stale)).toEqual([{ field: "version", code: "stale_version" }]);
    const done = await ok<ServiceRequest>(world.sessions.socialWorker, "POST", `/api/service-requests/${id}/moves`, {
      status: "done",
      version: 2,
    });
    expect(done.status).toBe("done");
    const again = await send(world.sessions.socialWorker, "POST", `/api/service-requests/${id}/moves`, {
      status: "accepted",
      version: 3,
    });
    expect(again.statusCode).toBe(409);
    expect(again.json<Problem>().allowed).toEqual([]);

    const exported = await send(world.sessions.leader, "GET", "/api/service-requests/export");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(exported.rawPayload as never);
    expect(book.worksheets[0]?.getRow(2).getCell(5).value).toBe("养老服务");
    expect(book.worksheets[0]?.getRow(2).getCell(7).value).toBe("已办结");
  });

  it("refuses a declined request without its reason and a service need without a kind, writing nothing", async () => {
    const bad = await visit(world.sessions.member, {
      householdId: households.a101,
      serviceNeeds: [{ kind: "massage", description: "想要按摩" }],
    });
    expect(bad.statusCode).toBe(400);
    expect(errorsOf(bad)).toEqual([{ field: "serviceNeeds.0.kind", code: expect.any(String) }]);
    expect(await count("visits")).toBe(0);
    expect(await count("service_requests")).toBe(0);

    const recorded = (
      await visit(world.sessions.member, {
        householdId: households.a102,
        serviceNeeds: [{ kind: "employment", description: "求职" }],
      })
    ).json<Visit>();
    const id = recorded.serviceRequestIds[0] ?? "";
    const unexplained = await send(world.sessions.leader, "POST", `/api/service-requests/${id}/moves`, {
      status: "declined",
      version: 1,
    });
    expect(unexplained.statusCode).toBe(400);
    expect(errorsOf(unexplained)).toEqual([{ field: "note", code: "reason_required" }]);
    // Another community's staff do not see it at all.
    const elsewhere = await signInNewUser(context, {
      username: "social.elsewhere",
      roles: ["social_worker"],
      scope: { regions: ["430405009010"], grids: [] },
    });
    expect((await send(elsewhere, "GET", `/api/service-requests/${id}`)).statusCode).toBe(404);
  });

  it("records a visit that does the household's tasks and turns a need into a case, linked both ways, in the leader's inbox", async () => {
    await plan();
    const response = await visit(world.sessions.member, {
      householdId: households.a101,
      residentId: residents.zhang,
      findings: "老人腿脚不便，一日三餐困难",
      needs: [{ categoryCode: "community.livelihood.elderly_care", description: "独居老人希望社区提供助餐服务" }],
    });
    expect(response.statusCode, response.body).toBe(201);
    const recorded = response.json<Visit>();
    expect(recorded.completedTaskIds).toHaveLength(2);
    expect(recorded.caseIds).toHaveLength(1);
    expect((await ok<Visit>(world.sessions.leader, "GET", `/api/visits/${recorded.id}`)).caseIds).toEqual(recorded.caseIds);

    const raised = await ok<CaseDetail>(world.sessions.leader, "GET", `/api/cases/${recorded.caseIds[0]}`);
    expect(raised).toMatchObject({
      visitId: recorded.id,
      status: "reported",
      channel: "grid_member",
      regionCode: kuihuali,
      gridCode: gridOne,
      compoundName: "新葵花苑小区",
      description: "独居老人希望社区提供助餐服务",
    });
    const inbox = await ok<CasePage>(world.sessions.leader, "GET", "/api/cases?view=grid");
    expect(inbox.items.map((item) => item.id)).toEqual(recorded.caseIds);

    const coverage = await ok<VisitCoverage>(world.sessions.leader, "GET", `/api/visit-coverage?regionCode=${kuihuali}`);
    expect(coverage.items).toEqual([{ gridCode: gridOne, due: 4, visited: 2, notReached: 2, overdue: 0 }]);
    const exported = await send(world.sessions.leader, "GET", `/api/visit-coverage/export?regionCode=${kuihuali}`);
    expect(exported.headers["content-type"]).toContain("spreadsheetml");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(exported.rawPayload as never);
    expect(book.worksheets[0]?.getSheetValues().slice(1)).toEqual([
      [undefined, "网格", "应走访", "已走访", "未走访", "已逾期"],
      [undefined, gridOne, 4, 2, 2, 0],
    ]);
    const chiefView = await ok<VisitCoverage>(world.sessions.chief, "GET", `/api/visit-coverage?regionCode=${kuihuali}`);
    expect(chiefView.items).toEqual([
      { gridCode: gridOne, due: 4, visited: 2, notReached: 2, overdue: 0 },
      { gridCode: gridTwo, due: 1, visited: 0, notReached: 1, overdue: 0 },
    ]);
    // The map's figures: per compound, households reached at least once of those with a task.
    const byCompound = (view: VisitCoverage) =>
      view.compounds
        .map(({ name, households, reached }) => ({ name, households, reached }))
        .sort((a, b) => a.households - b.households);
    expect(byCompound(coverage)).toEqual([{ name: "新葵花苑小区", households: 2, reached: 1 }]);
    expect(byCompound(chiefView)).toEqual([
      { name: "葵花里小区", households: 1, reached: 0 },
      { name: "新葵花苑小区", households: 2, reached: 1 },
    ]);
  });

  it("shows a register note only to the register's readers", async () => {
    await plan();
    const task = (await myTasks(world.sessions.member)).items.find((item) => item.target === "register");
    const response = await visit(world.sessions.police, {
      householdId: households.a102,
      taskId: task?.id,
      metWith: "李秀兰及其母亲",
      registerNote: "近期情绪稳定，按时参加社区康复",
    });
    expect(response.statusCode, response.body).toBe(201);
    const { id, residentId } = response.json<Visit>();
    expect(residentId).toBe(residents.li);
    expect((await ok<Visit>(world.sessions.police, "GET", `/api/visits/${id}`)).registerNote).toBe(
      "近期情绪稳定，按时参加社区康复",
    );
    const seenByChief = await ok<Visit>(world.sessions.chief, "GET", `/api/visits/${id}`);
    expect((await ok<Visit>(world.sessions.police, "GET", `/api/visits/${id}`)).register).toBe("drug_rehabilitation");
    expect(seenByChief).toMatchObject({ register: null, registerNote: null });
    expect(JSON.stringify(seenByChief)).not.toMatch(/情绪稳定|drug_rehabilitation/);
    expect((await send(world.sessions.memberTwo, "GET", `/api/visits/${id}`)).statusCode).toBe(404);
  });

  it("refuses a visit outside the member's grid, in the future, or with a bad need, writing nothing", async () => {
    await plan();
    const outside = await visit(world.sessions.member, { householdId: households.b101 });
    expect(outside.statusCode).toBe(400);
    expect(errorsOf(outside)).toEqual([{ field: "householdId", code: "outside_your_grid" }]);
    const future = await visit(world.sessions.member, {
      householdId: households.a101,
      visitedAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    expect(errorsOf(future)).toEqual([{ field: "visitedAt", code: "in_future" }]);
    const badNeed = await visit(world.sessions.member, {
      householdId: households.a101,
      needs: [
        { categoryCode: "community.livelihood.elderly_care", description: "助餐" },
        { categoryCode: "community.livelihood", description: "分类不是小类" },
      ],
    });
    expect(badNeed.statusCode).toBe(400);
    expect(errorsOf(badNeed)).toEqual([{ field: "needs.1.categoryCode", code: "unknown_category" }]);
    const note = await visit(world.sessions.member, { householdId: households.a101, registerNote: "无关的备注" });
    expect(errorsOf(note)).toEqual([{ field: "registerNote", code: "needs_a_register_task" }]);
    const stranger = await visit(world.sessions.member, { householdId: households.a101, residentId: residents.li });
    expect(errorsOf(stranger)).toEqual([{ field: "residentId", code: "not_in_household" }]);
    expect(await count("visits")).toBe(0);
    expect(await count("cases")).toBe(0);
    expect(await count("visit_tasks where visit_id is not null")).toBe(0);

    const rule = await send(world.sessions.chief, "POST", "/api/visit-rules", {
      regionCode: kuihuali,
      name: "没有标签",
      target: "tag",
      frequency: "weekly",
    });
    expect(rule.statusCode).toBe(400);
    expect(errorsOf(rule)).toEqual([{ field: "tag", code: "custom" }]);
    const member = await send(world.sessions.member, "POST", "/api/visit-plans", { regionCode: kuihuali, on: today });
    expect(member.statusCode).toBe(403);
  });
});
