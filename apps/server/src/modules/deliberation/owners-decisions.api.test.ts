import { readFileSync } from "node:fs";
import type { Election, Motion, OwnerRoll, Problem } from "@linli/contracts";
import { sql } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { rowsOf } from "../../db/migrate.js";
import { buildOwnersWorld, clearDeliberation, type OwnersWorld } from "../../test/owners.js";
import { kuihuali } from "../../test/people.js";
import { errorsOf, requestsOf, useTestApp } from "../../test/test-app.js";

/**
 * The owners' decisions of Civil Code art. 278 as its text reads: using the maintenance funds is
 * an ordinary matter, the roll counts an owner once however they hold their dwellings, and a poll
 * closes when it was announced to close unless a recorded decision closes it. (Electing the
 * owners' committee: owners-election.api.test.ts.)
 */
const context = useTestApp();
let owners: OwnersWorld;
const inHours = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const { send, ok } = requestsOf(context);
const db = () => context.database.handle.db;
const chief = () => owners.world.sessions.chief;
const auditActions = async (entityId: string) =>
  rowsOf<{ action: string }>(
    await db().execute(sql`select action from audit_events where entity_id = ${entityId} order by occurred_at, id`),
  ).map((row) => row.action);

async function openMotion(overrides: object, closesAt = inHours(24)): Promise<Motion> {
  const meeting = await owners.noticedAssembly();
  const motion = await ok<Motion>(chief(), "POST", `/api/meetings/${meeting.id}/motions`, {
    title: "使用专项维修资金维修1栋屋面防水",
    matter: "use_maintenance_fund",
    rule: "owners_ordinary",
    ...overrides,
  });
  return ok<Motion>(chief(), "POST", `/api/motions/${motion.id}/open`, { version: motion.version, closesAt });
}

const paper = (motion: Motion, dwelling: keyof OwnersWorld["dwellings"], choice: string, number: string) =>
  ok(chief(), "POST", `/api/motions/${motion.id}/ballots`, {
    choice,
    dwellingId: owners.dwellings[dwelling].id,
    paperNumber: number,
  });
const current = (motion: Motion) => ok<Motion>(chief(), "GET", `/api/motions/${motion.id}`);
const earlyClose = { reason: "全体业主已投票完毕", decidedBy: "新葵花苑小区业主委员会" };

beforeAll(async () => {
  owners = await buildOwnersWorld(context, "owner2");
});

beforeEach(async () => {
  await clearDeliberation(context.database);
  await owners.setOwners();
});

describe("the roll of owners (法释〔2009〕7号 art. 9)", () => {
  it("counts an owner with a dwelling alone and another with a co-owner once, with both areas", async () => {
    const roll = await ok<OwnerRoll>(chief(), "GET", `/api/compounds/${owners.compoundId}/owner-roll`);
    // 张's 101 and 张+李's 102 are one owner of 160 m²; 王, 陈 and 赵 are one each.
    expect(roll).toMatchObject({ owners: 4, area: 320 });
    const motion = await openMotion({});
    expect(motion.participation).toEqual({ owners: 0, area: 0, rollOwners: 4, rollArea: 320 });
    // 张 votes for the unit; 李, its co-owner, is the same owner and replaces that ballot rather than adding one.
    await ok(owners.sessions.zhang, "POST", `/api/motions/${motion.id}/ballots`, { choice: "for" });
    await ok(owners.sessions.li, "POST", `/api/motions/${motion.id}/ballots`, { choice: "against" });
    expect((await current(motion)).participation).toMatchObject({ owners: 1, area: 160 });
  });
});

describe("maintenance funds: using them is an ordinary matter (art. 278, item 5)", () => {
  it("passes a use of the funds with more than half, and still asks three quarters for raising them", async () => {
    const use = await openMotion({});
    expect(use.rule).toBe("owners_ordinary");
    // All four owners take part; 张 (160 m²), 王 (80) and 陈 (45) for, 赵 (35) against:
    // 3/4 of the owners and 285/320 of the area — above one half, as the ordinary rule needs.
    await paper(use, "a101", "for", "W1");
    await paper(use, "a201", "for", "W2");
    await paper(use, "n301", "for", "W3");
    await paper(use, "n302", "against", "W4");
    const closed = await ok<Motion>(chief(), "POST", `/api/motions/${use.id}/close`, {
      version: (await current(use)).version,
      earlyClose,
    });
    expect(closed).toMatchObject({ passed: true, ruleCorrection: null, tally: { rule: "owners_ordinary" } });
    expect(closed.resolutionId).not.toBeNull();

    const meeting = await owners.noticedAssembly();
    const raise = await send(chief(), "POST", `/api/meetings/${meeting.id}/motions`, {
      title: "续筹专项维修资金",
      matter: "raise_maintenance_fund",
      rule: "owners_ordinary",
    });
    expect([raise.statusCode, errorsOf(raise)]).toEqual([400, ["rule needs_three_quarters"]]);
    const show = await send(chief(), "POST", `/api/meetings/${meeting.id}/motions`, {
      title: "使用专项维修资金",
      matter: "use_maintenance_fund",
      rule: "simple_majority",
    });
    expect(errorsOf(show)).toEqual(["rule needs_owners_vote"]);
  });

  it("keeps the stored result of a motion counted under the old three-quarters rule, and says the rule was corrected", async () => {
    const strict = await openMotion({ rule: "owners_special", title: "使用维修资金修缮外墙" });
    // 张 (160 m²) and 王 (80) for, 陈 (45) against: 3 of 4 owners and 285 of 320 m² took part (the quorum);
    // for: 2 of 3 owners — short of three quarters, more than half — and 240 of 285 m² (84 %).
    await paper(strict, "a101", "for", "R1");
    await paper(strict, "a201", "for", "R2");
    await paper(strict, "n301", "against", "R3");
    const failed = await ok<Motion>(chief(), "POST", `/api/motions/${strict.id}/close`, {
      version: (await current(strict)).version,
      earlyClose,
    });
    expect(failed).toMatchObject({ passed: false, resolutionId: null, ruleCorrection: null });

    // The migration that corrected the rule marks what was counted under it; the stored result stands.
    const migration = readFileSync(new URL("../../../drizzle/0028_deliberation_rules.sql", import.meta.url), "utf8");
    await db().execute(sql.raw(migration.slice(migration.indexOf('UPDATE "motions"'))));
    const marked = await current(strict);
    expect(marked).toMatchObject({
      passed: false,
      rule: "owners_special",
      ruleCorrection: { code: "use_maintenance_fund_is_ordinary", passedUnderCorrectedRule: true },
    });
    expect(marked.tally?.rule).toBe("owners_special");
    expect(await ok(chief(), "GET", `/api/motions/${strict.id}/recount`)).toEqual(marked.tally);
    // A motion on another matter is not marked.
    const other = await openMotion({ rule: "owners_special", matter: "rebuild", title: "改建车棚" });
    await db().execute(sql.raw(migration.slice(migration.indexOf('UPDATE "motions"'))));
    expect((await current(other)).ruleCorrection).toBeNull();
  });
});

describe("polls close when they said they would", () => {
  it("refuses to close a motion early without a recorded decision, and shows and audits the one that closes it", async () => {
    const motion = await openMotion({});
    await paper(motion, "a101", "for", "E1");
    const version = (await current(motion)).version;
    const refused = await send(chief(), "POST", `/api/motions/${motion.id}/close`, { version });
    expect([refused.statusCode, errorsOf(refused)]).toEqual([400, ["earlyClose before_closing_time"]]);
    expect(refused.json<Problem>().errors?.[0]?.message).toMatch(/^表决公告的截止时间为 \d{4}-\d\d-\d\d \d\d:\d\d，/);
    expect((await current(motion)).status).toBe("open");
    const closed = await ok<Motion>(chief(), "POST", `/api/motions/${motion.id}/close`, { version, earlyClose });
    expect(closed.status).toBe("closed");
    expect(closed.earlyClose).toEqual({ ...earlyClose, recordedBy: "chief", closedAt: closed.closedAt });
    expect(await auditActions(motion.id)).toContain("deliberation.motion_closed_early");
    expect(await auditActions(motion.id)).not.toContain("deliberation.motion_closed");
  });

  it("closes at its announced time without any decision, and refuses one that is not needed", async () => {
    const motion = await openMotion({}, new Date(Date.now() + 1_500).toISOString());
    await sleep(1_600);
    const version = (await current(motion)).version;
    const needless = await send(chief(), "POST", `/api/motions/${motion.id}/close`, { version, earlyClose });
    expect(errorsOf(needless)).toEqual(["earlyClose not_early"]);
    const closed = await ok<Motion>(chief(), "POST", `/api/motions/${motion.id}/close`, { version });
    expect(closed).toMatchObject({ status: "closed", earlyClose: null });
    expect(await auditActions(motion.id)).toContain("deliberation.motion_closed");
  });

  it("holds an election to its announced time the same way", async () => {
    const election = await ok<Election>(chief(), "POST", "/api/elections", {
      regionCode: kuihuali,
      organisation: "葵花里社区个体劳动者协会",
      organisationKind: "association",
      title: "理事会换届选举",
      positions: [{ name: "会长", seats: 1, candidates: [{ name: "周建华" }] }],
    });
    await ok(chief(), "POST", `/api/elections/${election.id}/roll`, { residentIds: [owners.people.zhang] });
    const opened = await ok<Election>(chief(), "POST", `/api/elections/${election.id}/open`, {
      version: election.version,
      closesAt: inHours(4),
    });
    const refused = await send(chief(), "POST", `/api/elections/${election.id}/close`, { version: opened.version });
    expect(errorsOf(refused)).toEqual(["earlyClose before_closing_time"]);
    const closed = await ok<Election>(chief(), "POST", `/api/elections/${election.id}/close`, {
      version: opened.version,
      earlyClose: { reason: "选民已全部投票", decidedBy: "协会选举委员会" },
    });
    expect(closed.earlyClose).toMatchObject({ reason: "选民已全部投票", decidedBy: "协会选举委员会", recordedBy: "chief" });
    expect(await auditActions(election.id)).toContain("deliberation.election_closed_early");
  });
});
