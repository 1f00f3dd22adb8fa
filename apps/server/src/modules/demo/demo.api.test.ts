import type {
  BuildingList,
  CompoundDetail,
  CompoundPage,
  DisputeList,
  FraudCampaign,
  FraudProgress,
  FraudWarning,
  FraudYear,
  GridDetail,
  GridList,
  Location,
  Meeting,
  MeetingList,
  Motion,
  ResolutionList,
  VisitTask,
} from "@linli/contracts";
import { beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../config.js";
import { createServices } from "../../services.js";
import { testPrivacyKeys } from "../../test/keys.js";
import { sessionHeaders, signIn, useTestApp } from "../../test/test-app.js";
import { type DemoReport, DemoService } from "./demo.service.js";
import { demoPassword } from "./demo-data.js";

const context = useTestApp();
const kuihuali = "430405009009";
let report: DemoReport;
let chief: string;

beforeAll(async () => {
  const services = createServices(context.database.handle.db, { ...loadConfig({}), keys: testPrivacyKeys });
  report = await new DemoService(services, (clock) =>
    createServices(context.database.handle.db, { ...loadConfig({}), keys: testPrivacyKeys }, clock),
  ).load();
  chief = await signIn(context.app, "demo.chief", demoPassword);
}, 120_000);

const get = async <T>(url: string, session = chief) =>
  (await context.app.inject({ url, headers: sessionHeaders(session) })).json<T>();

describe("the demo", () => {
  it("holds the seed's four communities with compounds, grids, dwellings and one account per role", () => {
    expect(report).toMatchObject({
      communities: 4,
      compounds: 9,
      grids: 9,
      dwellings: 552,
      accounts: 38,
      residents: 1904,
      cases: 3,
    });
  });

  it("plans each community's visits, so the grid member has today's round", async () => {
    expect(report.visitTasks).toBeGreaterThan(0);
    const member = await signIn(context.app, "demo.member", demoPassword);
    const tasks = await get<{ items: VisitTask[] }>("/api/visit-tasks?view=mine", member);
    expect(tasks.items.length).toBeGreaterThan(0);
    expect(tasks.items.every((task) => task.gridCode === `${kuihuali}001` && task.status === "open")).toBe(true);
    expect(new Set(tasks.items.map((task) => task.ruleName))).toContain("每户每季度走访");
  });

  it("runs the city's anti-fraud campaign: each community's warnings with its grid member, one already delivered; the yearly figures", async () => {
    expect(report.fraudWarnings).toBe(16);
    const member = await signIn(context.app, "demo.member", demoPassword);
    const mine = await get<{ items: FraudWarning[] }>("/api/fraud-warnings?view=mine", member);
    expect(mine.items.map((warning) => warning.status).sort()).toEqual(["dissuaded", "open", "open", "open"]);
    const street = await signIn(context.app, "demo.street", demoPassword);
    const [campaign] = (await get<{ items: FraudCampaign[] }>("/api/fraud-campaigns", street)).items;
    // The city's campaign, counted within the street's own area.
    expect(campaign).toMatchObject({ regionCode: "4304", warnings: 4, done: 1 });
    const progress = await get<FraudProgress>(`/api/fraud-campaigns/${campaign?.id}/progress`, street);
    // The street's administrator sees their own township's row only.
    expect(progress.items.map(({ regionCode, total, dissuaded }) => ({ regionCode, total, dissuaded }))).toEqual([
      { regionCode: "430405009", total: 4, dissuaded: 1 },
    ]);
    const county = await signIn(context.app, "demo.county", demoPassword);
    const [latest] = (await get<{ items: FraudYear[] }>("/api/fraud-years?regionCode=430405", county)).items;
    expect(latest).toMatchObject({
      year: 2026,
      casesSolved: 151,
      change: { casesSolved: 459.3, arrests: 301.1, fundsStoppedYuan: 170.1 },
    });
  });

  it("shows the discipline officer's integrity visits to nobody else", async () => {
    expect(report.integrityVisits).toBe(2);
    const officer = await signIn(context.app, "demo.discipline", demoPassword);
    expect((await get<{ items: unknown[] }>("/api/integrity-visits", officer)).items).toHaveLength(2);
    const county = await signIn(context.app, "demo.county", demoPassword);
    expect((await context.app.inject({ url: "/api/integrity-visits", headers: sessionHeaders(county) })).statusCode).toBe(403);
  });

  it("keeps 葵花里's dispute register: one settled by agreement, one being mediated, one referred", async () => {
    expect(report.disputes).toBe(3);
    const register = await get<DisputeList>("/api/disputes");
    expect(register.items.map((dispute) => [dispute.kind, dispute.outcome, dispute.sessions])).toEqual([
      ["property_service", null, 1],
      ["neighbour", "agreement", 1],
      ["family", "referred_committee", 1],
    ]);
  });

  it("tells 新葵花苑小区's story: 三无 in 2018, then a property company, smart access control and a 24-hour watch", async () => {
    const page = await get<CompoundPage>(`/api/compounds?region=${kuihuali}`);
    expect(page.items.map((compound) => [compound.name, compound.threeNo])).toEqual([
      ["广东路铁路宿舍", true],
      ["新葵花苑小区", false],
      ["葵花里一区", false],
    ]);
    const id = page.items.find((compound) => compound.name === "新葵花苑小区")?.id;
    const detail = await get<CompoundDetail>(`/api/compounds/${id}`);
    expect(detail.history.map((entry) => [entry.effectiveFrom, entry.threeNo, entry.smartAccess, entry.watch24h])).toEqual([
      ["2022-01-01", false, true, true],
      ["2021-09-15", false, true, false],
      ["2021-06-01", false, false, false],
      ["2018-03-01", true, false, false],
    ]);
    expect(detail.profile?.propertyCompany).toBe("衡阳市新葵花物业服务有限公司");
    const buildings = await get<BuildingList>(`/api/compounds/${id}/buildings`);
    expect(buildings.items.map((building) => [building.name, building.entrances.length, building.dwellingsCount])).toEqual([
      ["1栋", 2, 24],
      ["2栋", 2, 24],
      ["3栋", 2, 24],
    ]);
  });

  it("keeps the owners' meetings that decided it, their votes and resolutions, and a vote open today", async () => {
    expect(report.meetings).toBe(4);
    const meetings = await get<MeetingList>("/api/meetings");
    expect(meetings.items.map((meeting) => [meeting.title, meeting.status])).toEqual([
      ["新葵花苑小区业主大会（维修资金）", "noticed"],
      ["新葵花苑小区三方联席会议", "held"],
      ["新葵花苑小区业主大会", "held"],
      ["新葵花苑小区屋场恳谈会", "held"],
    ]);
    const assembly = await get<Meeting>(`/api/meetings/${meetings.items[2]?.id}`);
    const [hire] = assembly.motionList;
    expect(hire).toMatchObject({ status: "closed", passed: true, tally: { quorum: { met: true }, majority: { met: true } } });
    const resolutions = await get<ResolutionList>("/api/resolutions?status=done");
    expect(resolutions.items.map((resolution) => [resolution.adoptedOn, resolution.actions.length])).toEqual([
      ["2021-08-20", 2],
      ["2021-05-22", 1],
    ]);
    const compound = await get<CompoundDetail>(`/api/compounds/${hire?.compoundId}`);
    expect(compound.history[2]?.decisionRef).toBe(
      "新葵花苑小区业主大会决议（2021-05-22）：选聘衡阳市新葵花物业服务有限公司为小区物业服务企业",
    );
    // 演示·居民 owns a dwelling there and may vote on the phone in today's poll.
    const resident = await signIn(context.app, "demo.resident", demoPassword);
    const mine = await get<MeetingList>("/api/meetings", resident);
    const open = await get<Meeting>(`/api/meetings/${mine.items[0]?.id}`, resident);
    expect(open.compoundName).toBe("新葵花苑小区");
    expect(
      (
        await get<{ dwellings: { label: string; owners: { residentId: string }[] }[] }>(
          `/api/compounds/${hire?.compoundId}/owner-roll`,
        )
      ).dwellings[0]?.label,
    ).toBe("1栋 1单元 101");
    // Using the maintenance funds is an ordinary matter (Civil Code art. 278, item 5), and the agenda says so.
    expect(open.motionList[0]).toMatchObject({
      status: "open",
      matter: "use_maintenance_fund",
      rule: "owners_ordinary",
      ruleCorrection: null,
      myBallot: { eligible: true, choice: null },
    });
    expect(open.agenda).toContain("民法典第二百七十八条第一款第五项");
    expect(open.agenda).toContain("过半数同意");
    expect(open.agenda).not.toContain("四分之三");
    expect((await get<Motion>(`/api/motions/${open.motionList[0]?.id}`)).participation).toMatchObject({
      owners: 20,
      rollOwners: 72,
    });
  });

  it("draws a grid per compound, staffed, and finds a point in 新葵花苑小区 in its grid", async () => {
    const grids = await get<GridList>(`/api/grids?region=${kuihuali}`);
    expect(grids.items.map((grid) => grid.name)).toEqual(["新葵花苑小区网格", "葵花里一区网格", "广东路铁路宿舍网格"]);
    expect(grids.items.every((grid) => grid.boundary !== null)).toBe(true);
    const first = await get<GridDetail>(`/api/grids/${kuihuali}001`);
    expect(first.staff.map((term) => `${term.post} ${term.displayName}`).sort()).toEqual([
      "grid_leader 陈志强",
      "grid_member 黄德明",
    ]);
    const place = await get<Location>("/api/locate?lon=112.63&lat=26.894");
    expect(place.grid?.code).toBe(`${kuihuali}001`);
    expect(place.compound?.name).toBe("新葵花苑小区");
  });

  it("lets the grid member sign in with the demo password and see only their grid", async () => {
    const member = await signIn(context.app, "demo.member", demoPassword);
    const grids = await get<GridList>("/api/grids", member);
    expect(grids.items.map((grid) => grid.code)).toEqual([`${kuihuali}001`]);
  });
});
