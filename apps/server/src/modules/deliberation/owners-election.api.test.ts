import type { Election } from "@linli/contracts";
import { sql } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { rowsOf } from "../../db/migrate.js";
import { buildOwnersWorld, clearDeliberation, type OwnersWorld } from "../../test/owners.js";
import { kuihuali } from "../../test/people.js";
import { errorsOf, requestsOf, useTestApp } from "../../test/test-app.js";

/**
 * Electing the owners' committee is an owners' common decision (Civil Code art. 278, item 3):
 * the roll is the owners' register, the quorum two thirds of the area and of the owners, and an
 * elected member needs more than half of the participating area and of the participating owners.
 */
const context = useTestApp();
let owners: OwnersWorld;
const inHours = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();

const { send, ok } = requestsOf(context);
const db = () => context.database.handle.db;
const chief = () => owners.world.sessions.chief;

beforeAll(async () => {
  owners = await buildOwnersWorld(context, "owner3");
});

beforeEach(async () => {
  await clearDeliberation(context.database);
  await owners.setOwners();
});

describe("electing the owners' committee is an owners' decision (art. 278, item 3)", () => {
  const committee = (threshold?: object) => ({
    regionCode: kuihuali,
    compoundId: owners.compoundId,
    organisation: "新葵花苑小区业主委员会",
    organisationKind: "owners_committee",
    title: "第二届业主委员会选举",
    ...(threshold ? { threshold } : {}),
    positions: [
      { name: "主任", seats: 1, candidates: [{ name: "甲" }, { name: "乙" }] },
      { name: "委员", seats: 2, candidates: [{ name: "丙" }, { name: "丁" }, { name: "戊" }] },
    ],
  });

  async function openCommittee(threshold?: object): Promise<Election> {
    const election = await ok<Election>(chief(), "POST", "/api/elections", committee(threshold));
    return ok<Election>(chief(), "POST", `/api/elections/${election.id}/open`, {
      version: election.version,
      closesAt: inHours(4),
    });
  }

  /** Each unit's ballot: `chair` for 主任, `members` for 委员. Units 1 (张/李) by phone, the others on paper. */
  async function vote(election: Election, ballots: Partial<Record<1 | 2 | 3 | 4, { chair: string[]; members: string[] }>>) {
    const [chair, members] = election.positions;
    const idOf = (name: string) =>
      [...(chair?.candidates ?? []), ...(members?.candidates ?? [])].find((entry) => entry.name === name)?.id as string;
    const choices = (ballot: { chair: string[]; members: string[] }) => ({
      [chair?.id as string]: ballot.chair.map(idOf),
      [members?.id as string]: ballot.members.map(idOf),
    });
    const roll = (await ok<{ items: { id: string; name: string }[] }>(chief(), "GET", `/api/elections/${election.id}/roll`))
      .items;
    const voterOf = (name: string) => roll.find((entry) => entry.name === name)?.id as string;
    for (const [unit, ballot] of Object.entries(ballots)) {
      if (!ballot) continue;
      if (unit === "1") {
        await ok(owners.sessions.zhang, "POST", `/api/elections/${election.id}/ballots`, { choices: choices(ballot) });
        continue;
      }
      const voterId = voterOf({ "2": "王小明", "3": "陈静", "4": "赵德胜" }[unit] as string);
      await ok(chief(), "POST", `/api/elections/${election.id}/roll/${voterId}/paper-ballot`);
      await ok(chief(), "POST", `/api/elections/${election.id}/ballots`, { choices: choices(ballot), paper: true, voterId });
    }
  }

  const close = async (election: Election) =>
    ok<Election>(chief(), "POST", `/api/elections/${election.id}/close`, {
      version: (await ok<Election>(chief(), "GET", `/api/elections/${election.id}`)).version,
      earlyClose: { reason: "投票结束", decidedBy: "业主大会筹备组" },
    });
  const outcomes = (election: Election) =>
    Object.fromEntries(election.positions.flatMap((position) => position.candidates.map((entry) => [entry.name, entry.outcome])));

  it("takes its roll from the owners' register when it opens, one entry per owner, and no other", async () => {
    const draft = await ok<Election>(chief(), "POST", "/api/elections", committee());
    expect(draft).toMatchObject({ counting: "owners", threshold: { numerator: 1, denominator: 2, strict: true }, roll: 0 });
    const drawn = await send(chief(), "POST", `/api/elections/${draft.id}/roll`, { drawAdultsOf: "compound" });
    expect([drawn.statusCode, errorsOf(drawn)]).toEqual([409, ["id owners_roll"]]);
    const opened = await ok<Election>(chief(), "POST", `/api/elections/${draft.id}/open`, {
      version: draft.version,
      closesAt: inHours(4),
    });
    expect(opened).toMatchObject({ roll: 4, rollArea: 320 });
    const roll = await ok<{ items: { name: string }[] }>(chief(), "GET", `/api/elections/${draft.id}/roll`);
    expect(roll.items.map((entry) => entry.name).sort()).toEqual(["张建国、李秀英", "王小明", "赵德胜", "陈静"].sort());
    // 李 is 张's co-owner: the same owner on the roll, who has voted once 张 has.
    await vote(opened, { 1: { chair: [], members: [] } });
    const again = await send(owners.sessions.li, "POST", `/api/elections/${draft.id}/ballots`, { choices: {} });
    expect([again.statusCode, errorsOf(again)]).toEqual([409, ["id already_voted"]]);
    expect((await ok<Election>(owners.sessions.li, "GET", `/api/elections/${draft.id}`)).myVote).toEqual({
      onRoll: true,
      voted: true,
    });
  });

  it("elects only a candidate with more than half of the participating owners and of their area", async () => {
    const election = await openCommittee();
    // Areas: unit 1 (张/李) 160 m², 2 (王) 80, 3 (陈) 45, 4 (赵) 35 — 320 in all; everyone takes part.
    await vote(election, {
      1: { chair: ["甲"], members: ["丙", "戊"] },
      2: { chair: ["甲"], members: ["丙", "丁"] },
      3: { chair: ["乙"], members: ["丁", "戊"] },
      4: { chair: ["乙"], members: ["丁", "戊"] },
    });
    const counted = await close(election);
    expect(counted.quorum).toEqual({
      area: { part: 320, whole: 320, met: true },
      owners: { part: 4, whole: 4, met: true },
      met: true,
    });
    expect(outcomes(counted)).toEqual({
      // 甲: 2 of 4 owners — exactly half, not more — though 240 of 320 m².
      甲: "short_of_majority",
      乙: "short_of_majority",
      // 丙: 2 owners (half), 240 m². 丁: 3 of 4 owners but 160 of 320 m² — exactly half of the area, not more.
      丙: "short_of_majority",
      丁: "short_of_majority",
      // 戊: 3 owners and 240 m²: more than half of both.
      戊: "elected",
    });
    const member = counted.positions[1]?.candidates.find((entry) => entry.name === "丁");
    expect(member).toMatchObject({ votes: 3, area: 160 });
  });

  it("elects nobody without the quorum of two thirds of the area as well as of the owners", async () => {
    const election = await openCommittee();
    // Units 2, 3 and 4: 3 of 4 owners (≥ 2/3) but 160 of 320 m² (< 2/3).
    await vote(election, {
      2: { chair: ["甲"], members: ["丁"] },
      3: { chair: ["甲"], members: ["丁"] },
      4: { chair: ["甲"], members: ["丁"] },
    });
    const counted = await close(election);
    expect(counted.quorum).toEqual({
      area: { part: 160, whole: 320, met: false },
      owners: { part: 3, whole: 4, met: true },
      met: false,
    });
    expect(outcomes(counted)).toMatchObject({ 甲: "no_quorum", 丁: "no_quorum" });
    expect(counted.positions.every((position) => position.count?.elected === 0)).toBe(true);
  });

  it("takes a stricter share from the owners' rules, never a looser one", async () => {
    const looser = await send(chief(), "POST", "/api/elections", committee({ numerator: 2, denominator: 5 }));
    expect([looser.statusCode, errorsOf(looser)]).toEqual([400, ["threshold looser_than_the_law"]]);
    const association = await send(chief(), "POST", "/api/elections", {
      ...committee({ numerator: 2, denominator: 3 }),
      organisationKind: "association",
    });
    expect(errorsOf(association)).toEqual(["threshold only_for_owners_election"]);
    const election = await openCommittee({ numerator: 3, denominator: 4 });
    expect(election.threshold).toEqual({ numerator: 3, denominator: 4, strict: false });
    // 戊: 3 of 4 owners (exactly 3/4: enough) and 240 of 320 m² (exactly 3/4: enough); 丁: 3 owners, 160 m² (1/2).
    await vote(election, {
      1: { chair: [], members: ["戊"] },
      2: { chair: [], members: ["丁", "戊"] },
      3: { chair: [], members: ["丁"] },
      4: { chair: [], members: ["丁", "戊"] },
    });
    const counted = await close(election);
    expect(outcomes(counted)).toMatchObject({ 戊: "elected", 丁: "short_of_majority" });
  });

  it("weighs a paper ballot by the owner it was handed to, once", async () => {
    const election = await openCommittee();
    const roll = (await ok<{ items: { id: string; name: string }[] }>(chief(), "GET", `/api/elections/${election.id}/roll`))
      .items;
    const wang = roll.find((entry) => entry.name === "王小明")?.id as string;
    const noIssue = await send(chief(), "POST", `/api/elections/${election.id}/ballots`, {
      choices: {},
      paper: true,
      voterId: wang,
    });
    expect(errorsOf(noIssue)).toEqual(["id more_ballots_than_issued"]);
    await ok(chief(), "POST", `/api/elections/${election.id}/roll/${wang}/paper-ballot`);
    const unnamed = await send(chief(), "POST", `/api/elections/${election.id}/ballots`, { choices: {}, paper: true });
    expect(errorsOf(unnamed)).toEqual(["voterId required"]);
    await ok(chief(), "POST", `/api/elections/${election.id}/ballots`, { choices: {}, paper: true, voterId: wang });
    const weights = rowsOf<{ area: string }>(
      await db().execute(sql`select area_cents::text as area from election_ballots where election_id = ${election.id}`),
    );
    expect(weights).toEqual([{ area: "8000" }]);
  });
});
