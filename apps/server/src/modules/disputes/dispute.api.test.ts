import type { Dispute, DisputeList, DisputeStats, Problem } from "@linli/contracts";
import { sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { rowsOf } from "../../db/migrate.js";
import { localDate } from "../../platform/time/local-date.js";
import { buildPeopleWorld, clearPeople, gridOne, gridTwo, idNumbers, kuihuali, type PeopleWorld } from "../../test/people.js";
import { sessionHeaders, useTestApp } from "../../test/test-app.js";

const context = useTestApp();
let world: PeopleWorld;
let zhang: string;
const today = localDate(new Date());
const daysFromToday = (days: number) => localDate(new Date(Date.now() + days * 86_400_000));

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

const quarrel = (overrides: object = {}) => ({
  regionCode: kuihuali,
  kind: "neighbour",
  summary: "楼上装修噪音扰民，双方多次争吵",
  parties: [
    { name: "张建国", side: "applicant", residentId: zhang },
    { name: "刘某", side: "respondent" },
  ],
  mediators: ["网格员 黄德明", "人民调解员 周阿姨"],
  reportedOn: daysFromToday(-3),
  ...overrides,
});

beforeAll(async () => {
  world = await buildPeopleWorld(context);
});

beforeEach(async () => {
  const { db } = context.database.handle;
  for (const table of ["dispute_sessions", "disputes"]) await db.execute(sql.raw(`delete from ${table}`));
  await clearPeople(context.database);
  zhang = (
    await ok<{ id: string }>(world.sessions.chief, "POST", "/api/residents", {
      name: "张建国",
      idNumber: idNumbers.zhang,
      dwellingId: world.dwellings.a101.id,
    })
  ).id;
});

describe("disputes (矛盾纠纷)", () => {
  it("takes a dispute in, records its sessions, and closes it with an agreement and a follow-up date", async () => {
    // The grid member registers it in their own grid without naming the grid.
    const dispute = await ok<Dispute>(world.sessions.member, "POST", "/api/disputes", quarrel());
    expect(dispute).toMatchObject({ gridCode: gridOne, status: "open", outcome: null, sessions: [] });

    const early = await send(world.sessions.member, "POST", `/api/disputes/${dispute.id}/sessions`, {
      heldOn: daysFromToday(-5),
      notes: "x",
    });
    expect(problems(early)).toEqual(["heldOn before_reported"]);
    const noSession = await send(world.sessions.member, "POST", `/api/disputes/${dispute.id}/close`, {
      version: dispute.version,
      outcome: "agreement",
    });
    expect(problems(noSession)).toEqual(["outcome needs_a_session", "followUpOn required"]);

    const mediated = await ok<Dispute>(world.sessions.member, "POST", `/api/disputes/${dispute.id}/sessions`, {
      heldOn: today,
      notes: "双方同意装修只在 8:00–12:00、14:00–18:00 进行",
    });
    expect(mediated.sessions.map((session) => [session.heldOn, session.recordedBy])).toEqual([[today, "member.one"]]);
    const closed = await ok<Dispute>(world.sessions.member, "POST", `/api/disputes/${dispute.id}/close`, {
      version: mediated.version,
      outcome: "agreement",
      resolution: "签订调解协议",
      followUpOn: daysFromToday(30),
    });
    expect(closed).toMatchObject({ status: "closed", outcome: "agreement", closedOn: today, followUpOn: daysFromToday(30) });
    const again = await send(world.sessions.member, "POST", `/api/disputes/${dispute.id}/sessions`, {
      heldOn: today,
      notes: "x",
    });
    expect(again.statusCode).toBe(409);

    // The other grid's member does not see it; the community's chief does.
    expect((await send(world.sessions.memberTwo, "GET", `/api/disputes/${dispute.id}`)).statusCode).toBe(404);
    const list = await ok<DisputeList>(world.sessions.chief, "GET", `/api/disputes?regionCode=${kuihuali}`);
    expect(list.items.map((item) => [item.id, item.sessions])).toEqual([[dispute.id, 1]]);
  });

  it("refuses a dispute without two parties, a party not in the registry, a future date, a grid outside the member's", async () => {
    const refused = await send(
      world.sessions.member,
      "POST",
      "/api/disputes",
      quarrel({ parties: [{ name: "张建国", side: "applicant" }] }),
    );
    expect(refused.statusCode).toBe(400);
    expect(problems(refused)).toEqual(["parties too_small_array"]);
    const stranger = await send(
      world.sessions.member,
      "POST",
      "/api/disputes",
      quarrel({
        parties: [
          { name: "张建国", side: "applicant", residentId: "0190f0f0-0000-7000-8000-0000000000aa" },
          { name: "王某", side: "respondent", residentId: zhang },
        ],
      }),
    );
    expect(problems(stranger)).toEqual(["parties.0.residentId unknown_resident", "parties.1.name name_mismatch"]);
    expect(
      problems(await send(world.sessions.member, "POST", "/api/disputes", quarrel({ reportedOn: daysFromToday(2) }))),
    ).toEqual(["reportedOn in_future"]);
    expect((await send(world.sessions.member, "POST", "/api/disputes", quarrel({ gridCode: gridTwo }))).statusCode).toBe(403);
    expect(await count("disputes")).toBe(0);
  });

  it("counts per community the disputes received and the mediation success rate, withdrawals left out", async () => {
    const open = (kind = "neighbour") =>
      ok<Dispute>(world.sessions.chief, "POST", "/api/disputes", quarrel({ kind, gridCode: gridOne }));
    const close = async (outcome: string) => {
      const dispute = await open();
      const mediated = await ok<Dispute>(world.sessions.chief, "POST", `/api/disputes/${dispute.id}/sessions`, {
        heldOn: today,
        notes: "调解",
      });
      return ok<Dispute>(world.sessions.chief, "POST", `/api/disputes/${dispute.id}/close`, {
        version: mediated.version,
        outcome,
        ...(outcome === "agreement" ? { followUpOn: today } : {}),
      });
    };
    await close("agreement");
    await close("agreement");
    await close("agreement");
    await close("referred_court");
    await close("withdrawn");
    await open("family");

    const stats = await ok<DisputeStats>(
      world.sessions.township,
      "GET",
      `/api/disputes/stats?regionCode=${kuihuali.slice(0, 9)}&from=${daysFromToday(-30)}&to=${today}`,
    );
    expect(stats.items).toEqual([
      {
        regionCode: kuihuali,
        regionName: expect.any(String),
        received: 6,
        open: 1,
        agreement: 3,
        referred: 1,
        withdrawn: 1,
        successRate: 75,
        followUpsDue: 3,
      },
    ]);
    const tooLong = await send(
      world.sessions.township,
      "GET",
      `/api/disputes/stats?regionCode=${kuihuali}&from=2020-01-01&to=${today}`,
    );
    expect(problems(tooLong)).toEqual(["to range_too_long"]);

    const response = await send(world.sessions.chief, "GET", "/api/disputes/export?status=closed");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(response.rawPayload as unknown as ExcelJS.Buffer);
    const rows = book.worksheets[0]?.getSheetValues().slice(2) as unknown[][];
    expect(rows.map((row) => row[9]).sort()).toEqual(["引导诉讼", "申请人撤回", "调解成功", "调解成功", "调解成功"]);
    expect(rows[0]?.[5]).toBe("张建国、刘某");
  });
});
