import type {
  CompoundDetail,
  Meeting,
  MeetingList,
  Motion,
  NotificationList,
  OwnerRoll,
  Problem,
  Resolution,
  ResolutionList,
  TallyView,
} from "@linli/contracts";
import { sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import fc from "fast-check";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { rowsOf } from "../../db/migrate.js";
import { localDate } from "../../platform/time/local-date.js";
import { clearDeliberation } from "../../test/owners.js";
import { buildPeopleWorld, clearPeople, idNumbers, kuihuali, type PeopleWorld } from "../../test/people.js";
import { sessionHeaders, signInNewUser, useTestApp } from "../../test/test-app.js";
import { tallyOwners } from "./tally.js";

const context = useTestApp();
let world: PeopleWorld;
let compoundA: string;
let compoundB: string;
const people: Record<"zhang" | "li" | "wang" | "chen", string> = { zhang: "", li: "", wang: "", chen: "" };
const residentSessions: Record<"zhang" | "li" | "unverified", string> = { zhang: "", li: "", unverified: "" };
const today = localDate(new Date());
const inHours = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();

type Method = "GET" | "POST" | "PUT";
const send = (session: string, method: Method, url: string, payload?: object) =>
  context.app.inject({ method, url, headers: sessionHeaders(session), ...(payload ? { payload } : {}) });
const ok = async <T>(session: string, method: Method, url: string, payload?: object) => {
  const response = await send(session, method, url, payload);
  expect(response.statusCode, response.body).toBeLessThan(300);
  return (response.body ? response.json() : undefined) as T;
};
const problems = (response: { json: () => unknown }) =>
  (response.json() as Problem).errors?.map(({ field, code }) => `${field} ${code}`);
const db = () => context.database.handle.db;
/** The first sheet of a downloaded workbook, as rows of cell texts (row 1 is the header). */
async function sheetRows(url: string): Promise<Record<number, string[]>> {
  const response = await send(world.sessions.chief, "GET", url);
  expect(response.statusCode, response.body).toBe(200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(response.rawPayload as unknown as ExcelJS.Buffer);
  const rows: Record<number, string[]> = {};
  workbook.worksheets[0]?.eachRow((row, number) => {
    rows[number] = (row.values as unknown[]).slice(1).map((value) => String(value ?? ""));
  });
  return rows;
}
const count = async (query: string) => rowsOf<{ n: number }>(await db().execute(sql.raw(query)))[0]?.n;

async function resident(name: string, idNumber: string, dwellingId: string): Promise<string> {
  return (await ok<{ id: string }>(world.sessions.chief, "POST", "/api/residents", { name, idNumber, dwellingId })).id;
}

/** A resident's account, verified against the registry record by the chief (who checked the ID card). */
async function residentAccount(username: string, residentId?: string): Promise<string> {
  const session = await signInNewUser(context, {
    username,
    roles: ["resident"],
    scope: { regions: [kuihuali], grids: [] },
    displayName: username,
  });
  if (residentId) {
    const [user] = rowsOf<{ id: string }>(await db().execute(sql`select id from users where username = ${username}`));
    await ok(world.sessions.township, "PUT", `/api/residents/${residentId}/account`, { userId: user?.id });
  }
  return session;
}

const assembly = (overrides: object = {}) => ({
  regionCode: kuihuali,
  compoundId: compoundA,
  kind: "owners_assembly",
  title: "新葵花苑小区业主大会",
  host: "新葵花苑小区业主委员会",
  startsAt: inHours(2),
  place: "小区广场",
  agenda: "一、选聘物业服务企业；二、安装智能门禁",
  invitees: ["compound_residents", "owners_committee", "community"],
  ...overrides,
});

async function noticedMeeting(overrides: object = {}): Promise<Meeting> {
  const meeting = await ok<Meeting>(world.sessions.chief, "POST", "/api/meetings", assembly(overrides));
  return ok<Meeting>(world.sessions.chief, "POST", `/api/meetings/${meeting.id}/notice`, { version: meeting.version });
}

async function openMotion(meetingId: string, overrides: object = {}): Promise<Motion> {
  const motion = await ok<Motion>(world.sessions.chief, "POST", `/api/meetings/${meetingId}/motions`, {
    title: "选聘衡阳安居物业服务有限公司为小区物业服务企业",
    matter: "hire_property_company",
    rule: "owners_ordinary",
    ...overrides,
  });
  return ok<Motion>(world.sessions.chief, "POST", `/api/motions/${motion.id}/open`, {
    version: motion.version,
    closesAt: inHours(24),
  });
}

/** The polls here close before their announced time, on the organisers' recorded decision. */
const earlyClose = { reason: "到会业主已全部投票", decidedBy: "新葵花苑小区业主委员会" };
const close = async (motion: Motion) =>
  ok<Motion>(world.sessions.chief, "POST", `/api/motions/${motion.id}/close`, {
    version: (await ok<Motion>(world.sessions.chief, "GET", `/api/motions/${motion.id}`)).version,
    earlyClose,
  });

beforeAll(async () => {
  world = await buildPeopleWorld(context);
  compoundA = world.dwellings.a101.compoundId;
  compoundB = world.dwellings.b101.compoundId;
  await clearPeople(context.database);
  people.zhang = await resident("张建国", idNumbers.zhang, world.dwellings.a101.id);
  people.li = await resident("李秀英", idNumbers.li, world.dwellings.a102.id);
  people.wang = await resident("王小明", idNumbers.wang, world.dwellings.a201.id);
  people.chen = await resident("陈静", idNumbers.chen, world.dwellings.b101.id);
  residentSessions.zhang = await residentAccount("owner.zhang", people.zhang);
  residentSessions.li = await residentAccount("owner.li", people.li);
  residentSessions.unverified = await residentAccount("owner.unverified");
});

beforeEach(async () => {
  await clearDeliberation(context.database);
  await db().execute(sql`delete from compound_profiles`);
  // One owner per dwelling of 新葵花苑小区 (80 m² each).
  for (const [dwelling, owner] of [
    ["a101", "zhang"],
    ["a102", "li"],
    ["a201", "wang"],
  ] as const)
    await ok(world.sessions.chief, "PUT", `/api/dwellings/${world.dwellings[dwelling].id}/owners`, {
      residentIds: [people[owner]],
    });
});

describe("owners' votes (业主表决) under Civil Code art. 278", () => {
  it("runs a vote from the notice to a resolution whose action changes the compound's 三化 profile", async () => {
    const meeting = await ok<Meeting>(world.sessions.chief, "POST", "/api/meetings", assembly());
    expect(meeting).toMatchObject({
      status: "planned",
      signInCode: expect.stringMatching(/^\d{6}$/),
      compoundName: "新葵花苑小区",
    });
    // Before the notice the owners do not see it.
    expect((await ok<MeetingList>(residentSessions.zhang, "GET", "/api/meetings")).items).toEqual([]);
    const motion = await ok<Motion>(world.sessions.chief, "POST", `/api/meetings/${meeting.id}/motions`, {
      title: "选聘衡阳安居物业服务有限公司",
      matter: "hire_property_company",
      rule: "owners_ordinary",
    });
    const early = await send(world.sessions.chief, "POST", `/api/motions/${motion.id}/open`, {
      version: motion.version,
      closesAt: inHours(24),
    });
    expect([early.statusCode, problems(early)]).toEqual([409, ["id not_noticed"]]);
    const noticed = await ok<Meeting>(world.sessions.chief, "POST", `/api/meetings/${meeting.id}/notice`, {
      version: meeting.version,
    });
    expect(noticed.status).toBe("noticed");
    // The notice reaches the owners' verified accounts, not an account nobody has verified.
    const inbox = await ok<NotificationList>(residentSessions.zhang, "GET", "/api/notifications");
    expect(inbox.items.map((item) => [item.kind, item.meetingId, item.subject?.startsWith("新葵花苑小区业主大会（")])).toEqual([
      ["meeting_noticed", meeting.id, true],
    ]);
    expect((await ok<NotificationList>(residentSessions.unverified, "GET", "/api/notifications")).items).toEqual([]);

    // The owner sees the noticed meeting on the phone, without the sign-in code or the attendance list.
    const seen = await ok<Meeting>(residentSessions.zhang, "GET", `/api/meetings/${meeting.id}`);
    expect(seen).toMatchObject({ title: "新葵花苑小区业主大会", signInCode: null, attendees: [] });
    expect(seen.motionList.map((item) => [item.title, item.status, item.myBallot])).toEqual([
      ["选聘衡阳安居物业服务有限公司", "draft", null],
    ]);

    const opened = await ok<Motion>(world.sessions.chief, "POST", `/api/motions/${motion.id}/open`, {
      version: motion.version,
      closesAt: inHours(24),
    });
    expect(opened.participation).toEqual({ owners: 0, area: 0, rollOwners: 3, rollArea: 240 });

    // 张建国 votes on the phone, then changes his mind while the poll is open.
    const first = await ok<{ replaced: boolean }>(residentSessions.zhang, "POST", `/api/motions/${motion.id}/ballots`, {
      choice: "against",
    });
    expect(first.replaced).toBe(false);
    const second = await ok<{ replaced: boolean }>(residentSessions.zhang, "POST", `/api/motions/${motion.id}/ballots`, {
      choice: "for",
    });
    expect(second.replaced).toBe(true);
    expect((await ok<Motion>(residentSessions.zhang, "GET", `/api/motions/${motion.id}`)).myBallot).toEqual({
      eligible: true,
      choice: "for",
    });
    // 李秀英's paper ballot No. 001, recorded by the staff.
    await ok(world.sessions.chief, "POST", `/api/motions/${motion.id}/ballots`, {
      choice: "for",
      dwellingId: world.dwellings.a102.id,
      paperNumber: "001",
    });
    const reused = await send(world.sessions.chief, "POST", `/api/motions/${motion.id}/ballots`, {
      choice: "for",
      dwellingId: world.dwellings.a201.id,
      paperNumber: "001",
    });
    expect([reused.statusCode, problems(reused)]).toEqual([400, ["paperNumber taken"]]);
    // Live participation shows how many voted, never how.
    const live = await ok<Motion>(world.sessions.chief, "GET", `/api/motions/${motion.id}`);
    expect(live).toMatchObject({ participation: { owners: 2, area: 160, rollOwners: 3, rollArea: 240 }, tally: null });

    // Two of three owners holding exactly two thirds of the area: the quorum is reached.
    const closed = await close(motion);
    expect(closed).toMatchObject({ status: "closed", passed: true });
    expect(closed.tally).toMatchObject({
      quorum: { area: { part: 160, whole: 240, met: true }, owners: { part: 2, whole: 3, met: true }, met: true },
      majority: { area: { part: 160, whole: 160, met: true }, owners: { part: 2, whole: 2, met: true }, met: true },
    });
    expect(await ok<TallyView>(world.sessions.chief, "GET", `/api/motions/${motion.id}/recount`)).toEqual(closed.tally);
    const late = await send(residentSessions.li, "POST", `/api/motions/${motion.id}/ballots`, { choice: "against" });
    expect([late.statusCode, problems(late)]).toEqual([409, ["id poll_closed"]]);

    // The passed motion is a resolution; its action, done, records the property company on the compound.
    expect(closed.resolutionId).toEqual(expect.any(String));
    // A company without hiring one (or hiring one without naming it) would leave the profile inconsistent.
    const nameless = await send(world.sessions.chief, "POST", `/api/resolutions/${closed.resolutionId}/actions`, {
      title: "x",
      assigneeKind: "owners_committee",
      assigneeName: "x",
      dueOn: today,
      profileChange: { propertyCompany: "衡阳安居物业服务有限公司" },
    });
    expect(problems(nameless)).toEqual(["profileChange.propertyCompany only_with_property_company"]);
    const resolution = await ok<Resolution>(world.sessions.chief, "POST", `/api/resolutions/${closed.resolutionId}/actions`, {
      title: "与衡阳安居物业签订物业服务合同",
      assigneeKind: "owners_committee",
      assigneeName: "新葵花苑小区业主委员会",
      dueOn: today,
      profileChange: { propertyManagement: "property_company", propertyCompany: "衡阳安居物业服务有限公司" },
    });
    expect(resolution).toMatchObject({ status: "open", meetingTitle: "新葵花苑小区业主大会", compoundName: "新葵花苑小区" });
    const [action] = resolution.actions;
    await ok(world.sessions.chief, "POST", `/api/resolution-actions/${action?.id}/progress`, { note: "合同文本已送物业公司" });
    const future = await send(world.sessions.chief, "POST", `/api/resolution-actions/${action?.id}/complete`, {
      version: action?.version,
      completedOn: localDate(new Date(Date.now() + 3 * 86_400_000)),
    });
    expect(problems(future)).toEqual(["completedOn in_future"]);
    const done = await ok<Resolution>(world.sessions.chief, "POST", `/api/resolution-actions/${action?.id}/complete`, {
      version: action?.version,
      completedOn: today,
    });
    expect(done.status).toBe("done");
    expect(done.actions[0]?.progress.map((entry) => entry.note)).toEqual(["合同文本已送物业公司"]);
    const compound = await ok<CompoundDetail>(world.sessions.chief, "GET", `/api/compounds/${compoundA}`);
    expect(compound.profile).toMatchObject({
      propertyManagement: "property_company",
      propertyCompany: "衡阳安居物业服务有限公司",
      decisionRef: `新葵花苑小区业主大会决议（${today}）：选聘衡阳安居物业服务有限公司`,
    });
    expect(
      (await ok<ResolutionList>(world.sessions.chief, "GET", "/api/resolutions?status=done")).items.map((item) => item.id),
    ).toEqual([closed.resolutionId]);
    const board = await sheetRows("/api/resolutions/export?status=done");
    expect(board[1]).toEqual(["决议", "通过日期", "会议", "落实事项", "责任方", "期限", "状态", "完成日期", "最新进展"]);
    expect(board[2]).toEqual([
      "选聘衡阳安居物业服务有限公司",
      today,
      "新葵花苑小区业主大会",
      "与衡阳安居物业签订物业服务合同",
      "业委会 新葵花苑小区业主委员会",
      today,
      "已完成",
      today,
      "合同文本已送物业公司",
    ]);
    const meetingsSheet = await sheetRows("/api/meetings/export");
    expect(meetingsSheet[2]?.slice(1, 4)).toEqual(["新葵花苑小区业主大会", "业主大会", "新葵花苑小区业主委员会"]);
  });

  it("fails a vote without the quorum and makes no resolution", async () => {
    const meeting = await noticedMeeting();
    const motion = await openMotion(meeting.id);
    await ok(residentSessions.zhang, "POST", `/api/motions/${motion.id}/ballots`, { choice: "for" });
    const closed = await close(motion);
    expect(closed).toMatchObject({ passed: false, resolutionId: null });
    expect(closed.tally?.quorum).toMatchObject({ owners: { part: 1, whole: 3, met: false }, met: false });
    expect(await count("select count(*)::int as n from resolutions")).toBe(0);
  });

  it("counts one buyer's several dwellings as one owner with their areas added", async () => {
    await ok(world.sessions.chief, "PUT", `/api/dwellings/${world.dwellings.a201.id}/owners`, { residentIds: [people.zhang] });
    const roll = await ok<OwnerRoll>(world.sessions.chief, "GET", `/api/compounds/${compoundA}/owner-roll`);
    expect(roll).toMatchObject({ owners: 2, area: 240, missingArea: 0, missingOwners: 0 });
    const meeting = await noticedMeeting();
    const motion = await openMotion(meeting.id);
    expect(motion.participation).toEqual({ owners: 0, area: 0, rollOwners: 2, rollArea: 240 });
    await ok(residentSessions.zhang, "POST", `/api/motions/${motion.id}/ballots`, { choice: "for" });
    const live = await ok<Motion>(world.sessions.chief, "GET", `/api/motions/${motion.id}`);
    expect(live.participation).toMatchObject({ owners: 1, area: 160 });
  });

  it("keeps one ballot per owner under concurrent submissions, replacing or refusing as the motion says", async () => {
    const meeting = await noticedMeeting();
    const replacing = await openMotion(meeting.id);
    const choices = ["for", "against", "abstain", "for", "against", "for", "abstain", "for"] as const;
    const replaced = await Promise.all(
      choices.map((choice) => send(residentSessions.zhang, "POST", `/api/motions/${replacing.id}/ballots`, { choice })),
    );
    expect(replaced.map((response) => response.statusCode)).toEqual(choices.map(() => 200));
    expect(await count(`select count(*)::int as n from motion_ballots where motion_id = '${replacing.id}'`)).toBe(1);
    expect(await count(`select replaced as n from motion_ballots where motion_id = '${replacing.id}'`)).toBe(choices.length - 1);

    const refusing = await openMotion(meeting.id, { title: "安装智能门禁系统", matter: "common_facilities", revote: "refuse" });
    const refused = await Promise.all(
      choices.map((choice) => send(residentSessions.zhang, "POST", `/api/motions/${refusing.id}/ballots`, { choice })),
    );
    expect(refused.map((response) => response.statusCode).sort()).toEqual([200, ...choices.slice(1).map(() => 409)]);
    expect(refused.filter((response) => response.statusCode === 409).map(problems)).toEqual(
      choices.slice(1).map(() => ["id already_voted"]),
    );
    expect(await count(`select count(*)::int as n from motion_ballots where motion_id = '${refusing.id}'`)).toBe(1);
  });

  it("stores a tally that a recount from the ballots reproduces, and that the art. 278 arithmetic agrees with", async () => {
    const choice = fc.option(fc.constantFrom("for" as const, "against" as const, "abstain" as const), { nil: undefined });
    await fc.assert(
      fc.asyncProperty(fc.tuple(choice, choice, choice), fc.boolean(), async (picks, special) => {
        const meeting = await noticedMeeting();
        const motion = await openMotion(
          meeting.id,
          special ? { title: "续筹专项维修资金", matter: "raise_maintenance_fund", rule: "owners_special" } : {},
        );
        const dwellings = [world.dwellings.a101, world.dwellings.a102, world.dwellings.a201];
        for (const [index, pick] of picks.entries())
          if (pick)
            await ok(world.sessions.chief, "POST", `/api/motions/${motion.id}/ballots`, {
              choice: pick,
              dwellingId: dwellings[index]?.id,
              paperNumber: `P${index}`,
            });
        const closed = await close(motion);
        const expected = tallyOwners(
          special ? "owners_special" : "owners_ordinary",
          [0, 1, 2].map((unit) => ({ unit, areaCents: 8_000 })),
          picks.flatMap((pick, unit) => (pick ? [{ unit, choice: pick }] : [])),
        );
        expect(closed.passed).toBe(expected.passed);
        expect(closed.tally?.quorum?.met).toBe(expected.quorum.met);
        expect(closed.tally?.majority?.met).toBe(expected.majority.met);
        expect(await ok<TallyView>(world.sessions.chief, "GET", `/api/motions/${motion.id}/recount`)).toEqual(closed.tally);
      }),
      { numRuns: 8 },
    );
  });
});

describe("refusals (bad input), nothing half-written", () => {
  it("refuses a motion whose rule is missing or too weak for its matter", async () => {
    const meeting = await noticedMeeting();
    const url = `/api/meetings/${meeting.id}/motions`;
    const noRule = await send(world.sessions.chief, "POST", url, { title: "x", matter: "other" });
    expect(problems(noRule)).toEqual(["rule required"]);
    const weak = await send(world.sessions.chief, "POST", url, {
      title: "x",
      matter: "raise_maintenance_fund",
      rule: "owners_ordinary",
    });
    expect(problems(weak)).toEqual(["rule needs_three_quarters"]);
    const hands = await send(world.sessions.chief, "POST", url, {
      title: "x",
      matter: "hire_property_company",
      rule: "simple_majority",
    });
    expect(problems(hands)).toEqual(["rule needs_owners_vote"]);
    const custom = await send(world.sessions.chief, "POST", url, { title: "x", matter: "other", rule: "custom" });
    expect(problems(custom)).toEqual(["threshold required"]);
    expect(await count("select count(*)::int as n from motions")).toBe(0);
  });

  it("will not open an owners' vote while a dwelling lacks its floor area or its owners, and names them", async () => {
    await ok(world.admin, "POST", "/api/dwellings", { buildingId: world.dwellings.b101.buildingId, number: "102" });
    const meeting = await noticedMeeting({ compoundId: compoundB, title: "葵花里小区业主大会" });
    const motion = await ok<Motion>(world.sessions.chief, "POST", `/api/meetings/${meeting.id}/motions`, {
      title: "选举业主委员会",
      matter: "elect_owners_committee",
      rule: "owners_ordinary",
    });
    const refused = await send(world.sessions.chief, "POST", `/api/motions/${motion.id}/open`, {
      version: motion.version,
      closesAt: inHours(3),
    });
    expect(refused.statusCode).toBe(409);
    const body = refused.json<Problem>();
    expect(body.errors?.map((error) => [error.code, error.message])).toEqual([
      ["missing_owners", "房屋 2栋 101 未登记业主"],
      ["missing_floor_area", "房屋 2栋 102 缺少专有部分面积"],
      ["missing_owners", "房屋 2栋 102 未登记业主"],
    ]);
    expect((await ok<Motion>(world.sessions.chief, "GET", `/api/motions/${motion.id}`)).status).toBe("draft");
    expect(await count("select count(*)::int as n from motion_roll")).toBe(0);
    const roll = await ok<OwnerRoll>(world.sessions.chief, "GET", `/api/compounds/${compoundB}/owner-roll`);
    expect(roll).toMatchObject({ missingArea: 1, missingOwners: 2 });
    const sheet = await sheetRows(`/api/compounds/${compoundB}/owner-roll/export`);
    expect([sheet[2], sheet[3]]).toEqual([
      ["2栋 101", "80", "未登记"],
      ["2栋 102", "缺", "未登记"],
    ]);
  });

  it("refuses a ballot from an account not verified, an owner not on the roll, or a resident of another compound", async () => {
    const meeting = await noticedMeeting();
    const motion = await openMotion(meeting.id);
    const unverified = await send(residentSessions.unverified, "POST", `/api/motions/${motion.id}/ballots`, { choice: "for" });
    // An account that is not verified sees no compound's meetings at all.
    expect(unverified.statusCode).toBe(404);
    // 李秀英 sold her flat: she is no longer an owner when the roll is frozen.
    await ok(world.sessions.chief, "PUT", `/api/dwellings/${world.dwellings.a102.id}/owners`, { residentIds: [people.chen] });
    const later = await openMotion(meeting.id, { title: "制定管理规约", matter: "owners_rules" });
    const notOwner = await send(residentSessions.li, "POST", `/api/motions/${later.id}/ballots`, { choice: "for" });
    expect([notOwner.statusCode, problems(notOwner)]).toEqual([403, ["choice not_on_roll"]]);
    const stranger = await residentAccount("owner.chen", people.chen);
    // 陈静 lives in 葵花里小区 and owns 1栋102 now, so she sees 新葵花苑's meeting and votes on the later motion only.
    expect((await send(stranger, "POST", `/api/motions/${later.id}/ballots`, { choice: "for" })).statusCode).toBe(200);
    expect((await send(stranger, "POST", `/api/motions/${motion.id}/ballots`, { choice: "for" })).statusCode).toBe(403);
    const paperOutside = await send(world.sessions.chief, "POST", `/api/motions/${motion.id}/ballots`, {
      choice: "for",
      dwellingId: world.dwellings.b101.id,
      paperNumber: "009",
    });
    expect(problems(paperOutside)).toEqual(["dwellingId not_on_roll"]);
    expect(await count(`select count(*)::int as n from motion_ballots where motion_id = '${motion.id}'`)).toBe(0);
  });

  it("counts a show of hands from the organisers' figures, and a custom share", async () => {
    const meeting = await noticedMeeting({
      kind: "neighbourhood_meeting",
      title: "屋场恳谈会",
      invitees: ["compound_residents", "community"],
    });
    const hands = await openMotion(meeting.id, { title: "夏季纳凉晚会在小区广场举办", matter: "other", rule: "simple_majority" });
    const ballot = await send(residentSessions.zhang, "POST", `/api/motions/${hands.id}/ballots`, { choice: "for" });
    expect(problems(ballot)).toEqual(["id show_of_hands"]);
    const noCounts = await send(world.sessions.chief, "POST", `/api/motions/${hands.id}/close`, {
      version: hands.version,
      earlyClose,
    });
    expect(problems(noCounts)).toEqual(["hands required"]);
    const closed = await ok<Motion>(world.sessions.chief, "POST", `/api/motions/${hands.id}/close`, {
      version: hands.version,
      hands: { for: 21, against: 9, abstain: 3 },
      earlyClose,
    });
    expect(closed).toMatchObject({
      passed: true,
      tally: { hands: { for: 21, against: 9, abstain: 3, majority: { part: 21, whole: 33, met: true } } },
    });
    const twoThirds = await openMotion(meeting.id, {
      title: "增设电动车充电桩",
      matter: "other",
      rule: "custom",
      threshold: { numerator: 2, denominator: 3 },
    });
    const custom = await ok<Motion>(world.sessions.chief, "POST", `/api/motions/${twoThirds.id}/close`, {
      version: twoThirds.version,
      hands: { for: 20, against: 9, abstain: 2 },
      earlyClose,
    });
    expect(custom.passed).toBe(false);
  });
});

describe("meetings (屋场恳谈会)", () => {
  it("signs people in by the staff and by the meeting's code on its day, and records the minutes", async () => {
    const meeting = await noticedMeeting({ startsAt: new Date(Date.now() - 60_000).toISOString() });
    const wrong = await send(residentSessions.zhang, "POST", `/api/meetings/${meeting.id}/sign-in`, { code: "000000x" });
    expect(problems(wrong)).toEqual(["code wrong_code"]);
    await ok(residentSessions.zhang, "POST", `/api/meetings/${meeting.id}/sign-in`, { code: meeting.signInCode });
    await ok(residentSessions.zhang, "POST", `/api/meetings/${meeting.id}/sign-in`, { code: meeting.signInCode });
    await ok(world.sessions.chief, "POST", `/api/meetings/${meeting.id}/attendance`, { residentId: people.li });
    await ok(world.sessions.chief, "POST", `/api/meetings/${meeting.id}/attendance`, {
      name: "刘经理",
      party: "property_company",
    });
    const again = await send(world.sessions.chief, "POST", `/api/meetings/${meeting.id}/attendance`, { residentId: people.li });
    expect(problems(again)).toEqual(["residentId already_signed_in"]);
    const minuted = await ok<Meeting>(world.sessions.chief, "PUT", `/api/meetings/${meeting.id}/minutes`, {
      version: meeting.version,
      minutes: "到会业主与物业代表就门禁方案充分协商，一致同意提交业主表决。",
    });
    expect(minuted.status).toBe("held");
    expect(minuted.attendees.map((attendee) => [attendee.name, attendee.party, attendee.method])).toEqual([
      ["张建国", "resident", "code"],
      ["李秀英", "resident", "staff"],
      ["刘经理", "property_company", "staff"],
    ]);
    // The signed sign-in sheet, photographed: stored, listed on the meeting, readable by an invited owner.
    const png = Buffer.from(
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
      "base64",
    );
    const upload = (body: Buffer, type: string) =>
      context.app.inject({
        method: "POST",
        url: `/api/meetings/${meeting.id}/files?name=${encodeURIComponent("签到表.png")}`,
        headers: { ...sessionHeaders(world.sessions.chief), "content-type": type },
        payload: body,
      });
    const stored = await upload(png, "image/png");
    expect(stored.statusCode, stored.body).toBe(201);
    const notAFile = await upload(Buffer.from("<script>alert(1)</script>"), "image/png");
    expect([notAFile.statusCode, problems(notAFile)]).toEqual([415, ["file not_a_minutes_file"]]);
    const withFile = await ok<Meeting>(residentSessions.zhang, "GET", `/api/meetings/${meeting.id}`);
    expect(withFile.files.map((file) => [file.fileName, file.contentType])).toEqual([["签到表.png", "image/png"]]);
    const read = await send(residentSessions.zhang, "GET", `/api/meeting-files/${withFile.files[0]?.id}`);
    expect([read.statusCode, read.headers["content-type"], read.rawPayload.equals(png)]).toEqual([200, "image/png", true]);
    const cancel = await send(world.sessions.chief, "POST", `/api/meetings/${meeting.id}/cancel`, { version: minuted.version });
    expect(problems(cancel)).toEqual(["id already_held"]);
  });

  it("shows a resident only the noticed meetings of the compounds where they live or own", async () => {
    await noticedMeeting();
    await noticedMeeting({ compoundId: compoundB, title: "葵花里小区屋场恳谈会", kind: "neighbourhood_meeting" });
    await ok<Meeting>(world.sessions.chief, "POST", "/api/meetings", assembly({ title: "尚未通知的会议" }));
    const mine = await ok<MeetingList>(residentSessions.zhang, "GET", "/api/meetings");
    expect(mine.items.map((item) => item.title)).toEqual(["新葵花苑小区业主大会"]);
    const staff = await ok<MeetingList>(world.sessions.chief, "GET", "/api/meetings");
    expect(staff.items).toHaveLength(3);
    expect(await send(world.sessions.member, "GET", "/api/meetings")).toMatchObject({ statusCode: 403 });
  });
});
