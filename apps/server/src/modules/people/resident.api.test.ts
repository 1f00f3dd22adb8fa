import type { Problem, Resident, ResidentDetail, ResidentPage, Revealed } from "@linli/contracts";
import { sql } from "drizzle-orm";
import fc from "fast-check";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { rowsOf } from "../../db/migrate.js";
import { idNumberArbitrary, mobileArbitrary } from "../../test/arbitraries.js";
import { buildPeopleWorld, clearPeople, idNumbers, type PeopleWorld } from "../../test/people.js";
import { sessionHeaders, useTestApp } from "../../test/test-app.js";

const context = useTestApp();
let world: PeopleWorld;

beforeAll(async () => {
  world = await buildPeopleWorld(context);
});
beforeEach(() => clearPeople(context.database));

const send = (session: string, method: "GET" | "POST" | "PATCH" | "PUT", url: string, payload?: object) =>
  context.app.inject({ method, url, headers: sessionHeaders(session), ...(payload ? { payload } : {}) });
const errorsOf = (response: { json: () => unknown }) =>
  (response.json() as Problem).errors?.map(({ field, code }) => ({ field, code }));
const residentCount = async () =>
  rowsOf<{ count: number }>(await context.database.handle.db.execute(sql`select count(*)::int as count from residents`))[0]
    ?.count;

const register = async (payload: object, session = world.sessions.chief) => {
  const response = await send(session, "POST", "/api/residents", { dwellingId: world.dwellings.a101.id, ...payload });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<Resident>();
};

describe("registering a resident", () => {
  it("reads gender and birth date from the ID number and masks ID and phone in every answer", async () => {
    const zhang = await register({ name: "张建国", idNumber: idNumbers.zhang, phone: "138 0013 1234", tags: ["party_member"] });
    expect(zhang).toMatchObject({
      name: "张建国",
      idNumber: "430405********0017",
      gender: "male",
      birthDate: "1980-01-01",
      phone: "138****1234",
      relation: "head",
      livingStatus: "present",
      gridCode: "430405009009001",
      address: "新葵花苑小区1栋1单元101",
      tags: ["party_member"],
    });
    const detail = await send(world.sessions.member, "GET", `/api/residents/${zhang.id}`);
    expect(detail.body).not.toContain(idNumbers.zhang);
    expect(detail.body).not.toContain("13800131234");
    const history = detail.json<ResidentDetail>().history;
    expect(history.map((event) => [event.kind, event.actor])).toEqual([["registered", "chief"]]);
    expect(history[0]?.changes.map((change) => change.field)).toEqual([
      "name",
      "idNumber",
      "gender",
      "birthDate",
      "phone",
      "registration",
      "relation",
      "livingStatus",
      "address",
      "tags",
    ]);
  });

  it("keeps only sealed values, a blind index and masks in the database, never the plain numbers", async () => {
    await register({ name: "张建国", idNumber: idNumbers.zhang, phone: "13800131234" });
    const rows = rowsOf<Record<string, unknown>>(await context.database.handle.db.execute(sql`select * from residents`));
    const stored = JSON.stringify(rows);
    expect(stored).not.toContain(idNumbers.zhang);
    expect(stored).not.toContain("13800131234");
    expect(stored).not.toContain("19800101"); // the birth date digits of the ID number
    expect(rows[0]?.id_number_sealed).toMatch(/^f1\.test2026\./);
  });

  it.each([
    ["a wrong check character", { idNumber: "430405198001010018" }, "idNumber", "id_check_digit"],
    ["an impossible birth date", { idNumber: "430405198002300016" }, "idNumber", "id_birth_date"],
    ["an unknown region", { idNumber: "999999198001010011" }, "idNumber", "id_region"],
    ["too short", { idNumber: "43040519800101001" }, "idNumber", "id_length"],
    ["a phone with letters", { phone: "138abc01234" }, "phone", "not_a_mobile"],
    ["a birth date in the future", { birthDate: "2999-01-01" }, "birthDate", "in_future"],
    ["a home region for a local", { homeRegionCode: "110105" }, "homeRegionCode", "only_for_migrants"],
  ])("refuses %s, naming the field, and writes nothing", async (_case, fields, field, code) => {
    const response = await send(world.sessions.chief, "POST", "/api/residents", {
      name: "测试",
      dwellingId: world.dwellings.a101.id,
      ...fields,
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers["content-type"]).toContain("application/problem+json");
    expect(errorsOf(response)).toEqual([{ field, code }]);
    expect(await residentCount()).toBe(0);
  });

  it("registers a person once in the whole database: the second entry links the first when the caller may see it", async () => {
    const first = await register({ name: "张建国", idNumber: idNumbers.zhang });
    const again = await send(world.sessions.chief, "POST", "/api/residents", {
      name: "张建国",
      idNumber: ` ${idNumbers.zhang.slice(0, 6)} ${idNumbers.zhang.slice(6)}`,
      dwellingId: world.dwellings.b101.id,
    });
    expect(again.statusCode).toBe(409);
    expect(errorsOf(again)).toEqual([{ field: "idNumber", code: "id_taken" }]);
    expect(again.json<Problem>().existing).toEqual({ type: "resident", id: first.id, href: `/api/residents/${first.id}` });

    // The grid member of grid 002 cannot see grid 001's resident: refused, with no link to follow.
    const elsewhere = await send(world.sessions.memberTwo, "POST", "/api/collection/submissions", {
      kind: "register",
      resident: { name: "张建国", idNumber: idNumbers.zhang, dwellingId: world.dwellings.b101.id },
    });
    expect(elsewhere.statusCode).toBe(409);
    expect(elsewhere.json<Problem>().existing).toBeUndefined();
    expect(await residentCount()).toBe(1);
  });

  it("is refused to a grid member (who submits instead) and outside the caller's scope", async () => {
    const member = await send(world.sessions.member, "POST", "/api/residents", {
      name: "王",
      dwellingId: world.dwellings.a101.id,
    });
    expect(member.statusCode).toBe(403);
    const leaderElsewhere = await send(world.sessions.leader, "POST", "/api/residents", {
      name: "王",
      dwellingId: world.dwellings.b101.id,
    });
    expect(errorsOf(leaderElsewhere)).toEqual([{ field: "dwellingId", code: "unknown_dwelling" }]);
  });
});

describe("finding residents", () => {
  beforeEach(async () => {
    await register({ name: "张建国", idNumber: idNumbers.zhang, phone: "13800131234", tags: ["party_member"] });
    await register({
      name: "张建华",
      idNumber: idNumbers.li,
      dwellingId: world.dwellings.a102.id,
      tags: ["elderly_living_alone"],
    });
    await register({ name: "李秀英", phone: "13912345678", dwellingId: world.dwellings.b101.id });
  });
  const names = async (query: string, session = world.sessions.chief) => {
    const response = await send(session, "GET", `/api/residents?${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json<ResidentPage>().items.map((resident) => resident.name);
  };

  it("by name: exact, prefix or similar", async () => {
    // By code point (华 U+534E before 国 U+56FD), the same on every database.
    expect(await names(`q=${encodeURIComponent("张建国")}`)).toEqual(["张建华", "张建国"]);
    expect(await names(`q=${encodeURIComponent("张")}`)).toEqual(["张建华", "张建国"]);
    expect(await names(`q=${encodeURIComponent("李秀")}`)).toEqual(["李秀英"]);
  });

  it("by full ID or phone number through the blind index, never by a part of one", async () => {
    expect(await names(`q=${idNumbers.li}`)).toEqual(["张建华"]);
    expect(await names("q=139-1234-5678")).toEqual(["李秀英"]);
    expect(await names("q=1391234")).toEqual([]);
  });

  it("by ID number alone answers the whole resident, as a name search shows them, inside the caller's scope only", async () => {
    const byId = (await send(world.sessions.chief, "GET", `/api/residents?q=${idNumbers.li}`)).json<ResidentPage>().items;
    const byName = (
      await send(world.sessions.chief, "GET", `/api/residents?q=${encodeURIComponent("张建华")}`)
    ).json<ResidentPage>().items;
    expect(byId).toEqual(byName.filter((resident) => resident.name === "张建华"));
    expect(byId[0]?.tags).toEqual(["elderly_living_alone"]);
    expect(await names(`q=${idNumbers.li}`, world.sessions.member)).toEqual(["张建华"]);
    expect(await names(`q=${idNumbers.li}`, world.sessions.memberTwo)).toEqual([]);
    // With another filter it is the general search, which holds the same rules.
    expect(await names(`q=${idNumbers.li}&tag=party_member`)).toEqual([]);
  });

  it("by address and tag, inside the caller's scope only, a page at a time", async () => {
    expect(await names(`address=${encodeURIComponent("2栋")}`)).toEqual(["李秀英"]);
    expect(await names("tag=elderly_living_alone")).toEqual(["张建华"]);
    expect(await names("", world.sessions.member)).toEqual(["张建华", "张建国"]);
    const first = (await send(world.sessions.chief, "GET", "/api/residents?limit=2")).json<ResidentPage>();
    const second = (
      await send(world.sessions.chief, "GET", `/api/residents?limit=2&cursor=${first.nextCursor}`)
    ).json<ResidentPage>();
    expect([...first.items, ...second.items].map((resident) => resident.name).sort()).toEqual(["张建华", "张建国", "李秀英"]);
    expect(second.nextCursor).toBeNull();
  });
});

describe("masking on the server (property)", () => {
  it("no answer about a resident, nor an export, shows an ID number's birth date or more than seven digits of a phone", async () => {
    await fc.assert(
      fc.asyncProperty(idNumberArbitrary, mobileArbitrary, async (idNumber, phone) => {
        await clearPeople(context.database);
        const created = await send(world.sessions.chief, "POST", "/api/residents", {
          name: "测试",
          idNumber,
          phone,
          dwellingId: world.dwellings.a101.id,
        });
        const answers = [
          created.body,
          (await send(world.sessions.chief, "GET", `/api/residents/${created.json<Resident>().id}`)).body,
          (await send(world.sessions.chief, "GET", `/api/residents?q=${idNumber}`)).body,
          (await send(world.sessions.chief, "GET", `/api/residents?q=${phone}`)).body,
        ];
        for (const body of answers) {
          expect(body).not.toContain(idNumber.slice(6, 14));
          for (let start = 0; start + 8 <= phone.length; start += 1) expect(body).not.toContain(phone.slice(start, start + 8));
        }
        expect(JSON.parse(answers[2] as string).items).toHaveLength(1);
      }),
      { numRuns: 25 },
    );
  });
});

describe("revealing an ID or phone number", () => {
  it("needs people.reveal and a reason, and leaves an audit row with the reason before the value", async () => {
    const zhang = await register({ name: "张建国", idNumber: idNumbers.zhang, phone: "13800131234" });
    const url = `/api/residents/${zhang.id}/reveal`;
    expect((await send(world.sessions.leader, "POST", url, { fields: ["idNumber"], reason: "核实身份信息" })).statusCode).toBe(
      403,
    );
    expect(errorsOf(await send(world.sessions.chief, "POST", url, { fields: ["idNumber"] }))).toEqual([
      { field: "reason", code: "required" },
    ]);
    const revealed = await send(world.sessions.chief, "POST", url, {
      fields: ["idNumber", "phone"],
      reason: "办理低保需核实身份",
    });
    expect(revealed.json<Revealed>()).toEqual({ idNumber: idNumbers.zhang, phone: "13800131234" });
    const audit = rowsOf<{ action: string; actor_username: string; reason: string; entity_id: string }>(
      await context.database.handle.db.execute(
        sql`select action, actor_username, reason, entity_id from audit_events where action like 'people.%revealed' order by action`,
      ),
    );
    expect(audit).toEqual([
      { action: "people.id_number_revealed", actor_username: "chief", reason: "办理低保需核实身份", entity_id: zhang.id },
      { action: "people.phone_revealed", actor_username: "chief", reason: "办理低保需核实身份", entity_id: zhang.id },
    ]);
  });
});

describe("correcting and moving", () => {
  it("corrects only what changed, refuses a stale version, and keeps the history", async () => {
    const zhang = await register({ name: "张建国", idNumber: idNumbers.zhang });
    const corrected = await send(world.sessions.chief, "PATCH", `/api/residents/${zhang.id}`, {
      version: 1,
      phone: "13800131234",
      ethnicity: "汉族",
      name: "张建国",
    });
    expect(corrected.json<Resident>()).toMatchObject({ phone: "138****1234", ethnicity: "汉族", version: 2 });
    const stale = await send(world.sessions.chief, "PATCH", `/api/residents/${zhang.id}`, { version: 1, ethnicity: "回族" });
    expect(stale.statusCode).toBe(409);
    expect(errorsOf(stale)).toEqual([{ field: "version", code: "stale_version" }]);
    const detail = (await send(world.sessions.chief, "GET", `/api/residents/${zhang.id}`)).json<ResidentDetail>();
    expect(detail.history.at(-1)).toMatchObject({
      kind: "corrected",
      changes: [
        { field: "phone", from: null, to: "138****1234" },
        { field: "ethnicity", from: null, to: "汉族" },
      ],
    });
  });

  it("moves in and out, splits and merges households, records death: every step stays in the history", async () => {
    const head = await register({ name: "张建国", idNumber: idNumbers.zhang });
    const spouse = await register({ name: "李秀英", householdId: head.householdId, relation: "spouse" });
    const son = await register({ name: "张小明", householdId: head.householdId, relation: "child", birthDate: "2005-04-01" });

    const split = await send(world.sessions.chief, "POST", `/api/households/${head.householdId}/split`, {
      memberIds: [son.id],
      headId: son.id,
      dwellingId: world.dwellings.a102.id,
      date: "2025-03-01",
    });
    expect(split.statusCode, split.body).toBe(200);
    const sonsHousehold = split.json<{ id: string; members: Resident[]; address: string }>();
    expect(sonsHousehold.members.map((member) => [member.name, member.relation])).toEqual([["张小明", "head"]]);
    expect(sonsHousehold.address).toBe("新葵花苑小区1栋1单元102");

    const merged = await send(world.sessions.chief, "POST", `/api/households/${sonsHousehold.id}/merge`, {
      intoHouseholdId: head.householdId,
      date: "2025-06-01",
    });
    expect(merged.json<{ members: Resident[] }>().members.map((member) => member.name)).toEqual(["张建国", "李秀英", "张小明"]);

    const died = await send(world.sessions.chief, "POST", `/api/residents/${head.id}/death`, { date: "2025-09-01" });
    expect(died.json<Resident>()).toMatchObject({ livingStatus: "deceased", householdId: null });
    const movedOut = await send(world.sessions.chief, "POST", `/api/residents/${spouse.id}/move-out`, {
      date: "2025-10-01",
      note: "迁往长沙",
    });
    expect(movedOut.json<Resident>()).toMatchObject({ livingStatus: "moved_out" });
    const moveDead = await send(world.sessions.chief, "POST", `/api/residents/${head.id}/move-in`, {
      dwellingId: world.dwellings.a201.id,
      date: "2025-10-02",
    });
    expect(errorsOf(moveDead)).toEqual([{ field: "livingStatus", code: "deceased" }]);

    const household = (await send(world.sessions.chief, "GET", `/api/households/${head.householdId}`)).json<{
      members: Resident[];
      headResidentId: string | null;
      history: { kind: string; residentName: string }[];
    }>();
    expect(household.members.map((member) => member.name)).toEqual(["张小明"]);
    expect(household.headResidentId).toBeNull();
    expect(household.history.map((event) => [event.kind, event.residentName])).toEqual([
      ["registered", "张建国"],
      ["registered", "李秀英"],
      ["registered", "张小明"],
      ["household_split", "张小明"],
      ["household_merged", "张小明"],
      ["died", "张建国"],
      ["moved_out", "李秀英"],
    ]);
  });
});
