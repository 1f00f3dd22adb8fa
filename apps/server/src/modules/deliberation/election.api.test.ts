import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Election, ElectionRoll, Problem } from "@linli/contracts";
import { sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { rowsOf } from "../../db/migrate.js";
import { buildPeopleWorld, clearPeople, idNumbers, kuihuali, type PeopleWorld } from "../../test/people.js";
import { sessionHeaders, signInNewUser, useTestApp } from "../../test/test-app.js";

const context = useTestApp();
let world: PeopleWorld;
const people: Record<"zhang" | "li" | "wang" | "chen", string> = { zhang: "", li: "", wang: "", chen: "" };
const voters: Record<"zhang" | "li" | "unverified", string> = { zhang: "", li: "", unverified: "" };
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
  (response.json() as Problem).errors?.map(({ field, code }) => `${field.replace(/[0-9a-f-]{36}/, "<position>")} ${code}`);
const db = () => context.database.handle.db;

async function resident(name: string, idNumber: string, dwellingId: string): Promise<string> {
  return (await ok<{ id: string }>(world.sessions.chief, "POST", "/api/residents", { name, idNumber, dwellingId })).id;
}

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

/** The seed's shape, smaller: a president by majority, two executive vice-presidents, three council members. */
const association = {
  regionCode: kuihuali,
  organisation: "葵花里社区个体劳动者协会",
  organisationKind: "association",
  title: "第三届理事会换届选举",
  positions: [
    { name: "会长", seats: 1, majorityRequired: true, candidates: [{ name: "周建华" }, { name: "吴美玲" }] },
    { name: "常务副会长", seats: 2, candidates: [{ name: "郑国强" }, { name: "王芳" }, { name: "冯志远" }] },
    { name: "理事", seats: 3, candidates: [{ name: "陈立" }, { name: "褚红" }, { name: "卫东" }, { name: "蒋平" }] },
  ],
};

/** The polls here close before their announced time, on the organisers' recorded decision. */
const earlyClose = { reason: "选民已全部投票", decidedBy: "协会选举委员会" };

const ids = (election: Election) => {
  const [president, vice, council] = election.positions;
  const candidate = (position: Election["positions"][number] | undefined, name: string) =>
    position?.candidates.find((entry) => entry.name === name)?.id as string;
  return { president, vice, council, candidate };
};

async function openElection(roll: object): Promise<Election> {
  const election = await ok<Election>(world.sessions.chief, "POST", "/api/elections", association);
  await ok(world.sessions.chief, "POST", `/api/elections/${election.id}/roll`, roll);
  return ok<Election>(world.sessions.chief, "POST", `/api/elections/${election.id}/open`, {
    version: election.version,
    closesAt: inHours(4),
  });
}

beforeAll(async () => {
  world = await buildPeopleWorld(context);
  await clearPeople(context.database);
  people.zhang = await resident("张建国", idNumbers.zhang, world.dwellings.a101.id);
  people.li = await resident("李秀英", idNumbers.li, world.dwellings.a102.id);
  people.wang = await resident("王小明", idNumbers.wang, world.dwellings.a201.id);
  people.chen = await resident("陈静", idNumbers.chen, world.dwellings.b101.id);
  voters.zhang = await residentAccount("voter.zhang", people.zhang);
  voters.li = await residentAccount("voter.li", people.li);
  voters.unverified = await residentAccount("voter.unverified");
});

beforeEach(async () => {
  await db().transaction(async (tx) => {
    for (const table of ["election_ballots", "election_voters", "election_candidates", "election_positions", "elections"])
      await tx.execute(sql.raw(`delete from ${table}`));
  });
});

describe("elections (选举) by secret ballot", () => {
  it("takes phone and paper ballots from the roll and counts them, reporting a tie for the last seat", async () => {
    const election = await openElection({
      residentIds: [people.zhang, people.li],
      members: [
        { rollNumber: "M001", name: "赵六" },
        { rollNumber: "M002", name: "孙七" },
      ],
    });
    expect(election).toMatchObject({ status: "open", roll: 4, voted: 0 });
    const { president, vice, council, candidate } = ids(election);
    const url = `/api/elections/${election.id}/ballots`;
    const ballot = (picks: Record<string, string[]>) => ({ choices: picks });

    // The residents see the election because they are on its roll.
    expect((await ok<Election>(voters.zhang, "GET", `/api/elections/${election.id}`)).myVote).toEqual({
      onRoll: true,
      voted: false,
    });
    await ok(
      voters.zhang,
      "POST",
      url,
      ballot({
        [president?.id as string]: [candidate(president, "周建华")],
        [vice?.id as string]: [candidate(vice, "郑国强"), candidate(vice, "王芳")],
        [council?.id as string]: [candidate(council, "陈立"), candidate(council, "褚红"), candidate(council, "卫东")],
      }),
    );
    const twice = await send(voters.zhang, "POST", url, ballot({}));
    expect([twice.statusCode, problems(twice)]).toEqual([409, ["id already_voted"]]);

    const tooMany = await send(
      voters.li,
      "POST",
      url,
      ballot({ [vice?.id as string]: vice?.candidates.map((entry) => entry.id) ?? [] }),
    );
    expect(problems(tooMany)).toEqual(["choices.<position> too_many_choices"]);
    const wrongCandidate = await send(voters.li, "POST", url, ballot({ [president?.id as string]: [candidate(vice, "王芳")] }));
    expect(problems(wrongCandidate)).toEqual(["choices.<position> unknown_candidate"]);
    await ok(
      voters.li,
      "POST",
      url,
      ballot({
        [president?.id as string]: [candidate(president, "周建华")],
        [vice?.id as string]: [candidate(vice, "郑国强"), candidate(vice, "冯志远")],
        [council?.id as string]: [candidate(council, "陈立"), candidate(council, "褚红"), candidate(council, "蒋平")],
      }),
    );
    expect((await send(voters.unverified, "POST", url, ballot({}))).statusCode).toBe(404);

    // At the polling station: no paper ballot is entered before one was handed out, nor more than were.
    const paper = (picks: Record<string, string[]>) => ({ choices: picks, paper: true });
    const early = await send(world.sessions.chief, "POST", url, paper({}));
    expect([early.statusCode, problems(early)]).toEqual([409, ["id more_ballots_than_issued"]]);
    const roll = await ok<ElectionRoll>(world.sessions.chief, "GET", `/api/elections/${election.id}/roll`);
    const zhao = roll.items.find((entry) => entry.name === "赵六");
    await ok(world.sessions.chief, "POST", `/api/elections/${election.id}/roll/${zhao?.id}/paper-ballot`);
    const again = await send(world.sessions.chief, "POST", `/api/elections/${election.id}/roll/${zhao?.id}/paper-ballot`);
    expect(problems(again)).toEqual(["voterId already_voted"]);
    await ok(
      world.sessions.chief,
      "POST",
      url,
      paper({
        [president?.id as string]: [candidate(president, "吴美玲")],
        [vice?.id as string]: [candidate(vice, "郑国强")],
        [council?.id as string]: [candidate(council, "陈立"), candidate(council, "卫东")],
      }),
    );
    expect((await send(world.sessions.chief, "POST", url, paper({}))).statusCode).toBe(409);
    const marked = await ok<ElectionRoll>(world.sessions.chief, "GET", `/api/elections/${election.id}/roll`);
    expect(marked.items.map((entry) => [entry.name, entry.voted, entry.channel])).toEqual([
      ["赵六", true, "paper"],
      ["孙七", false, null],
      ["张建国", true, "phone"],
      ["李秀英", true, "phone"],
    ]);

    const current = await ok<Election>(world.sessions.chief, "GET", `/api/elections/${election.id}`);
    expect(current).toMatchObject({ voted: 3, ballots: 3, paperBallotsIssued: 1, paperBallotsEntered: 1 });
    expect(current.positions[0]?.candidates.every((entry) => entry.votes === null)).toBe(true);
    const closed = await ok<Election>(world.sessions.chief, "POST", `/api/elections/${election.id}/close`, {
      version: current.version,
      earlyClose,
    });
    const sheet = closed.positions.map((position) => [
      position.name,
      position.count,
      position.candidates.map((entry) => `${entry.name} ${entry.votes} ${entry.outcome}`),
    ]);
    expect(sheet).toEqual([
      ["会长", { ballots: 3, blank: 0, elected: 1, tiedSeats: 0 }, ["周建华 2 elected", "吴美玲 1 short_of_majority"]],
      ["常务副会长", { ballots: 3, blank: 0, elected: 1, tiedSeats: 1 }, ["郑国强 3 elected", "王芳 1 tied", "冯志远 1 tied"]],
      [
        "理事",
        // 褚红 and 卫东 tie, but there are seats for both.
        { ballots: 3, blank: 0, elected: 3, tiedSeats: 0 },
        ["陈立 3 elected", "褚红 2 elected", "卫东 2 elected", "蒋平 1 not_elected"],
      ],
    ]);
    const download = await send(world.sessions.chief, "GET", `/api/elections/${election.id}/result/export`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(download.rawPayload as unknown as ExcelJS.Buffer);
    expect(book.worksheets[0]?.getRow(2).values).toEqual([undefined, "会长", 1, "周建华", 2, 3, "当选"]);
    expect(book.worksheets[0]?.getRow(5).values).toEqual([undefined, "常务副会长", 2, "王芳", 1, 3, "票数相同，需另行选举"]);
    const late = await send(world.sessions.chief, "POST", `/api/elections/${election.id}/roll/${roll.items[1]?.id}/paper-ballot`);
    expect(problems(late)).toEqual(["id poll_closed"]);
  });

  it("keeps one ballot per voter under concurrent submissions", async () => {
    const election = await openElection({ residentIds: [people.zhang] });
    const { president, candidate } = ids(election);
    const responses = await Promise.all(
      Array.from({ length: 6 }, () =>
        send(voters.zhang, "POST", `/api/elections/${election.id}/ballots`, {
          choices: { [president?.id as string]: [candidate(president, "周建华")] },
        }),
      ),
    );
    expect(responses.map((response) => response.statusCode).sort()).toEqual([204, 409, 409, 409, 409, 409]);
    const after = await ok<Election>(world.sessions.chief, "GET", `/api/elections/${election.id}`);
    expect(after).toMatchObject({ voted: 1, ballots: 1 });
  });

  it("imports members from a file, all rows or none, naming each bad row", async () => {
    const election = await ok<Election>(world.sessions.chief, "POST", "/api/elections", association);
    const upload = (csv: string) =>
      context.app.inject({
        method: "POST",
        url: `/api/elections/${election.id}/roll/import`,
        headers: { ...sessionHeaders(world.sessions.chief), "content-type": "text/csv" },
        payload: Buffer.from(`\uFEFF${csv}`),
      });
    const bad = await upload("编号,姓名\nM001,赵六\nM001,孙七\nM003,\n");
    expect(problems(bad)).toEqual(["rows.3.rollNumber same_person_as_row", "rows.4.name required"]);
    expect((await ok<ElectionRoll>(world.sessions.chief, "GET", `/api/elections/${election.id}/roll`)).items).toEqual([]);
    const good = await upload("编号,姓名\nM001,赵六\nM002,孙七\n");
    expect(good.json()).toMatchObject({ added: 2, roll: 2 });
    const download = await send(world.sessions.chief, "GET", `/api/elections/${election.id}/roll/export`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(download.rawPayload as unknown as ExcelJS.Buffer);
    expect(book.getWorksheet("选民名册")?.getRow(3).values).toEqual([undefined, "M002", "孙七", ""]);
  });

  it("draws the adults living in the community from the registry, once each", async () => {
    const election = await ok<Election>(world.sessions.chief, "POST", "/api/elections", {
      ...association,
      organisationKind: "residents_committee",
      organisation: "葵花里社区居民委员会",
    });
    const first = await ok<{ added: number; roll: number }>(world.sessions.chief, "POST", `/api/elections/${election.id}/roll`, {
      drawAdultsOf: "community",
    });
    // 王小明 (born 2010) is a minor.
    expect(first).toMatchObject({ added: 3, roll: 3 });
    const again = await ok<{ added: number; alreadyOnRoll: number }>(
      world.sessions.chief,
      "POST",
      `/api/elections/${election.id}/roll`,
      {
        residentIds: [people.zhang],
      },
    );
    expect(again).toMatchObject({ added: 0, alreadyOnRoll: 1 });
    const roll = await ok<ElectionRoll>(world.sessions.chief, "GET", `/api/elections/${election.id}/roll`);
    expect(roll.items.map((entry) => entry.name).sort()).toEqual(["张建国", "李秀英", "陈静"].sort());
    const notOwner = await send(voters.zhang, "GET", `/api/elections/${election.id}`);
    expect(notOwner.statusCode).toBe(404);
  });
});

describe("ballot secrecy", () => {
  it("stores a ballot with nothing but a random id, its election and its choices", async () => {
    const columns = rowsOf<{ name: string }>(
      await db().execute(
        sql`select column_name as name from information_schema.columns where table_name = 'election_ballots' order by column_name`,
      ),
    );
    // The area is the weight an owners' election counts (empty in any other).
    expect(columns.map((column) => column.name)).toEqual(["area_cents", "choices", "election_id", "id"]);
    const election = await openElection({ residentIds: [people.zhang, people.li] });
    await ok(voters.zhang, "POST", `/api/elections/${election.id}/ballots`, { choices: {} });
    await ok(voters.li, "POST", `/api/elections/${election.id}/ballots`, { choices: {} });
    const before = rowsOf<{ id: string }>(await db().execute(sql`select id::text from election_ballots`));
    // Version 4 (random), not version 7 (time-ordered, which would date the ballot).
    expect(before.map((row) => row.id[14])).toEqual(["4", "4"]);
    const current = await ok<Election>(world.sessions.chief, "GET", `/api/elections/${election.id}`);
    await ok(world.sessions.chief, "POST", `/api/elections/${election.id}/close`, { version: current.version, earlyClose });
    const after = rowsOf<{ id: string }>(await db().execute(sql`select id::text from election_ballots`));
    // The close rewrites the box under new ids, in random order.
    expect(after).toHaveLength(2);
    expect(after.some((row) => before.some((old) => old.id === row.id))).toBe(false);
  });

  it("has no statement in the code that reads the ballots together with the roll", () => {
    const root = fileURLToPath(new URL("../..", import.meta.url));
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        // The test helpers (test/) empty the tables between tests; they are not the application.
        if (statSync(path).isDirectory()) {
          if (name !== "test") walk(path);
        } else if (name.endsWith(".ts") && !name.endsWith(".test.ts")) files.push(path);
      }
    };
    walk(root);
    const ballots = /election_ballots|electionBallots/;
    const roll = /election_voters|electionVoters/;
    const touching = files.filter((file) => ballots.test(readFileSync(file, "utf8")));
    // Only the schema and the election repository name the ballot box.
    expect(touching.map((file) => file.slice(root.length)).sort()).toEqual([
      "db/schema.ts",
      "modules/deliberation/election.repository.ts",
    ]);
    const repository = readFileSync(touching.find((file) => file.endsWith("election.repository.ts")) as string, "utf8");
    // Each method of the repository is one statement; none names both tables.
    const methods = repository.split(/\n {2}async /).slice(1);
    expect(methods.length).toBeGreaterThan(10);
    const both = methods.filter((method) => ballots.test(method) && roll.test(method));
    expect(both.map((method) => method.slice(0, method.indexOf("(")))).toEqual([]);
  });
});
