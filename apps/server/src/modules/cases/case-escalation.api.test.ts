import type { CaseDetail, Evaluation, NotificationList, ReportedCase } from "@linli/contracts";
import { sql } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../config.js";
import { createServices } from "../../services.js";
import { buildCaseWorld, type CaseWorld, clearCases, points } from "../../test/cases.js";
import { testPrivacyKeys } from "../../test/keys.js";
import { sessionHeaders, useTestApp } from "../../test/test-app.js";

const context = useTestApp();
let world: CaseWorld;

beforeAll(async () => {
  world = await buildCaseWorld(context);
});
beforeEach(() => clearCases(context.database));

const send = (session: string | null, method: "GET" | "POST", url: string, payload?: object) =>
  context.app.inject({ method, url, headers: session ? sessionHeaders(session) : {}, ...(payload ? { payload } : {}) });
const report = async (extra: object = {}) => {
  const response = await send(world.sessions.member, "POST", "/api/cases", {
    categoryCode: "component.public_facilities.street_lamp",
    description: "路灯不亮",
    ...points.inManaged,
    ...extra,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<ReportedCase>().case;
};
const step = async (session: string, id: string, body: object) => {
  const current = (await send(session, "GET", `/api/cases/${id}`)).json<CaseDetail>();
  const response = await send(session, "POST", `/api/cases/${id}/transitions`, { version: current.version, ...body });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<CaseDetail>();
};
const escalation = () => createServices(context.database.handle.db, { ...loadConfig({}), keys: testPrivacyKeys }).caseEscalation;
/** Moves a case's due time into the past by `hours`. */
const overdueBy = (id: string, hours: number) =>
  context.database.handle.db.execute(
    sql`update cases set due_at = now() - make_interval(secs => ${hours * 3600}) where id = ${id}`,
  );
const notificationsOf = async (session: string) => (await send(session, "GET", "/api/notifications")).json<NotificationList>();

describe("督办: escalation of overdue cases", () => {
  it("escalates to the community director once overdue, to the township once overdue by the limit again, and never twice", async () => {
    const late = await report();
    const onTime = await report();
    await overdueBy(late.id, 1);
    expect(await escalation().run()).toBe(1);
    expect(await escalation().run()).toBe(0);

    const chief = await notificationsOf(world.sessions.chief);
    expect(chief).toMatchObject({ unread: 1, items: [{ kind: "case_escalated", caseId: late.id, level: 1, read: false }] });
    expect((await notificationsOf(world.sessions.township)).items).toEqual([]);
    const detail = (await send(world.sessions.leader, "GET", `/api/cases/${late.id}`)).json<CaseDetail>();
    expect(detail).toMatchObject({ escalationLevel: 1, overdue: true });
    expect(detail.events.map((event) => event.kind)).toEqual(["reported", "escalated"]);
    const board = (await send(world.sessions.chief, "GET", "/api/cases?view=overdue")).json<{ items: { id: string }[] }>();
    expect(board.items.map((item) => item.id)).toEqual([late.id]);
    expect((await send(world.sessions.chief, "GET", `/api/cases/${onTime.id}`)).json<CaseDetail>().escalationLevel).toBe(0);

    // The register stage allows 2 hours: overdue by more than that again goes to the township.
    await overdueBy(late.id, 3);
    expect(await escalation().run()).toBe(1);
    expect(await escalation().run()).toBe(0);
    expect((await notificationsOf(world.sessions.township)).items).toMatchObject([{ caseId: late.id, level: 2 }]);

    const [first] = (await notificationsOf(world.sessions.chief)).items;
    expect((await send(world.sessions.chief, "POST", `/api/notifications/${first?.id}/read`)).statusCode).toBe(204);
    expect((await notificationsOf(world.sessions.chief)).unread).toBe(0);
    expect((await send(world.sessions.township, "POST", `/api/notifications/${first?.id}/read`)).statusCode).toBe(404);
  });

  it("starts the clock afresh, without escalation, when the case moves to its next stage", async () => {
    const late = await report();
    await overdueBy(late.id, 1);
    await escalation().run();
    const dispatched = await step(world.sessions.leader, late.id, { transition: "dispatch", handlerUserId: world.ids.property });
    expect(dispatched).toMatchObject({ stage: "handle", escalationLevel: 0, overdue: false });
    const hours = (new Date(dispatched.dueAt as string).getTime() - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(47.9);
    expect((await notificationsOf(world.sessions.property)).items).toMatchObject([{ kind: "case_dispatched", caseId: late.id }]);
  });

  it("runs from two instances at once without escalating a case twice", async () => {
    const cases = await Promise.all(Array.from({ length: 6 }, () => report()));
    for (const item of cases) await overdueBy(item.id, 1);
    const counts = await Promise.all([escalation().run(), escalation().run()]);
    expect(counts[0] + counts[1]).toBe(6);
    expect((await notificationsOf(world.sessions.chief)).unread).toBe(6);
  });
});

describe("综合评价: evaluation", () => {
  it("computes on-time handling, closure, rework and satisfaction per party and in total, and exports them", async () => {
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const done = await report();
    await step(world.sessions.leader, done.id, { transition: "dispatch" });
    await step(world.sessions.property, done.id, { transition: "handle", note: "已修" });
    await step(world.sessions.leader, done.id, { transition: "send_back", note: "仍不亮" });
    await step(world.sessions.property, done.id, { transition: "handle", note: "换了线路" });
    await step(world.sessions.leader, done.id, { transition: "verify" });
    await step(world.sessions.leader, done.id, { transition: "close" });
    expect((await send(world.sessions.member, "POST", `/api/cases/${done.id}/rating`, { rating: 4 })).statusCode).toBe(200);

    const late = await report();
    await step(world.sessions.leader, late.id, { transition: "dispatch" });
    await overdueBy(late.id, 1);
    await step(world.sessions.property, late.id, { transition: "handle", note: "晚了" });
    await report(points.inUnmanaged);

    const response = await send(world.sessions.chief, "GET", `/api/cases/evaluation?groupBy=party&from=${today}&to=${today}`);
    expect(response.statusCode, response.body).toBe(200);
    const evaluation = response.json<Evaluation>();
    expect(
      evaluation.rows.map(({ name, cases, dispatched, handledOnTime, onTimeRate, closed, reworkRate, satisfactionRate }) => ({
        name,
        cases,
        dispatched,
        handledOnTime,
        onTimeRate,
        closed,
        reworkRate,
        satisfactionRate,
      })),
    ).toEqual([
      {
        name: "葵花里社区居委会",
        cases: 1,
        dispatched: 0,
        handledOnTime: 0,
        onTimeRate: null,
        closed: 0,
        reworkRate: null,
        satisfactionRate: null,
      },
      {
        name: "衡阳葵花物业管理有限公司",
        cases: 2,
        dispatched: 2,
        handledOnTime: 1,
        onTimeRate: 0.5,
        closed: 1,
        reworkRate: 0.5,
        satisfactionRate: 1,
      },
    ]);
    expect(evaluation.total).toMatchObject({ cases: 3, registered: 2, closed: 1, closureRate: 0.5, rated: 1, satisfied: 1 });
    expect(evaluation.total.averageHours.handle).not.toBeNull();

    const byGridTwo = (
      await send(world.sessions.leaderTwo, "GET", `/api/cases/evaluation?groupBy=grid&from=${today}&to=${today}`)
    ).json<Evaluation>();
    expect(byGridTwo.rows.map((row) => [row.name, row.cases])).toEqual([["第2网格", 1]]);
    const tooLong = await send(world.sessions.chief, "GET", "/api/cases/evaluation?from=2025-01-01&to=2026-06-30");
    expect(tooLong.statusCode).toBe(400);

    const workbook = await send(world.sessions.chief, "GET", `/api/cases/evaluation/export?from=${today}&to=${today}`);
    expect(workbook.statusCode).toBe(200);
    expect(workbook.headers["content-type"]).toContain("spreadsheetml");
    const ExcelJS = (await import("exceljs")).default;
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(workbook.rawPayload as never);
    const sheet = book.getWorksheet("综合评价");
    expect(sheet?.getRow(1).getCell(6).value).toBe("按期处置率");
    expect(sheet?.getRow(4).values).toContain("合计");
  });
});
