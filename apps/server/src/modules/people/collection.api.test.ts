import type { Problem, Resident, ResidentDetail, ResidentPage, Submission, SubmissionPage } from "@linli/contracts";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { buildPeopleWorld, clearPeople, idNumbers, type PeopleWorld } from "../../test/people.js";
import { sessionHeaders, useTestApp } from "../../test/test-app.js";

const context = useTestApp();
let world: PeopleWorld;

beforeAll(async () => {
  world = await buildPeopleWorld(context);
});
beforeEach(() => clearPeople(context.database));

const send = (session: string, method: "GET" | "POST", url: string, payload?: object) =>
  context.app.inject({ method, url, headers: sessionHeaders(session), ...(payload ? { payload } : {}) });
const errorsOf = (response: { json: () => unknown }) =>
  (response.json() as Problem).errors?.map(({ field, code }) => ({ field, code }));
const submit = async (payload: object, session = world.sessions.member) => {
  const response = await send(session, "POST", "/api/collection/submissions", payload);
  expect(response.statusCode, response.body).toBe(201);
  return response.json<Submission>();
};
const residentNames = async (session = world.sessions.chief) =>
  (await send(session, "GET", "/api/residents")).json<ResidentPage>().items.map((resident) => resident.name);

describe("collection (信息采集)", () => {
  it("a grid member's new resident waits, masked, until the grid leader accepts it; then it applies with both names in its history", async () => {
    const submission = await submit({
      kind: "register",
      resident: {
        name: "王晓梅",
        idNumber: idNumbers.wang,
        phone: "13700001111",
        dwellingId: world.dwellings.a101.id,
        tags: ["left_behind_child"],
      },
    });
    expect(submission).toMatchObject({ kind: "register", status: "pending", residentId: null, submittedBy: "member.one" });
    expect(submission.changes).toContainEqual({ field: "idNumber", from: null, to: "430406********0027" });
    expect(submission.changes).toContainEqual({ field: "phone", from: null, to: "137****1111" });
    expect(JSON.stringify(submission)).not.toContain(idNumbers.wang);
    expect(await residentNames()).toEqual([]);

    const queue = (await send(world.sessions.leader, "GET", "/api/collection/submissions?status=pending")).json<SubmissionPage>();
    expect(queue.items.map((item) => item.residentName)).toEqual(["王晓梅"]);
    expect((await send(world.sessions.member, "POST", `/api/collection/submissions/${submission.id}/accept`)).statusCode).toBe(
      403,
    );

    const accepted = await send(world.sessions.leader, "POST", `/api/collection/submissions/${submission.id}/accept`);
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json<Submission>()).toMatchObject({ status: "accepted", reviewedBy: "leader.one" });
    const residentId = accepted.json<Submission>().residentId as string;
    const resident = (await send(world.sessions.chief, "GET", `/api/residents/${residentId}`)).json<ResidentDetail>();
    expect(resident).toMatchObject({ name: "王晓梅", idNumber: "430406********0027", gender: "female", birthDate: "2010-08-08" });
    expect(resident.history.map(({ kind, actor, approvedBy }) => ({ kind, actor, approvedBy }))).toEqual([
      { kind: "registered", actor: "member.one", approvedBy: "leader.one" },
    ]);
    const again = await send(world.sessions.leader, "POST", `/api/collection/submissions/${submission.id}/accept`);
    expect(errorsOf(again)).toEqual([{ field: "id", code: "already_reviewed" }]);
  });

  it("a correction shows its diff; returned with a comment, it changes nothing and the member sees why", async () => {
    const created = await send(world.sessions.chief, "POST", "/api/residents", {
      name: "赵大爷",
      idNumber: idNumbers.zhao,
      dwellingId: world.dwellings.a102.id,
    });
    const resident = created.json<Resident>();
    const submission = await submit({
      kind: "correct",
      residentId: resident.id,
      changes: { version: resident.version, phone: "13911112222", tags: ["elderly_living_alone"] },
    });
    expect(submission.changes).toEqual([
      { field: "phone", from: null, to: "139****2222" },
      { field: "tags", from: [], to: ["elderly_living_alone"] },
    ]);
    const returned = await send(world.sessions.leader, "POST", `/api/collection/submissions/${submission.id}/return`, {
      comment: "电话号码请与本人再核对",
    });
    expect(returned.json<Submission>()).toMatchObject({ status: "returned", comment: "电话号码请与本人再核对" });
    const mine = (await send(world.sessions.member, "GET", "/api/collection/submissions?mine=true")).json<SubmissionPage>();
    expect(mine.items.map(({ status, comment }) => ({ status, comment }))).toEqual([
      { status: "returned", comment: "电话号码请与本人再核对" },
    ]);
    const unchanged = (await send(world.sessions.chief, "GET", `/api/residents/${resident.id}`)).json<ResidentDetail>();
    expect(unchanged).toMatchObject({ phone: null, tags: [], version: 1 });
  });

  it("keeps a grid member to their own grid, and refuses an empty correction or a stale one at accept time", async () => {
    const elsewhere = await send(world.sessions.member, "POST", "/api/collection/submissions", {
      kind: "register",
      resident: { name: "外网格", dwellingId: world.dwellings.b101.id },
    });
    expect(errorsOf(elsewhere)).toEqual([{ field: "dwellingId", code: "unknown_dwelling" }]);

    const resident = (
      await send(world.sessions.chief, "POST", "/api/residents", {
        name: "陈",
        idNumber: idNumbers.chen,
        dwellingId: world.dwellings.a201.id,
      })
    ).json<Resident>();
    const empty = await send(world.sessions.member, "POST", "/api/collection/submissions", {
      kind: "correct",
      residentId: resident.id,
      changes: { version: 1, name: "陈" },
    });
    expect(errorsOf(empty)).toEqual([{ field: "changes", code: "no_changes" }]);

    const submission = await submit({ kind: "correct", residentId: resident.id, changes: { version: 1, ethnicity: "汉族" } });
    await send(world.sessions.chief, "POST", `/api/residents/${resident.id}/move-out`, { date: "2025-01-01" });
    const stale = await send(world.sessions.leader, "POST", `/api/collection/submissions/${submission.id}/accept`);
    expect(stale.statusCode).toBe(409);
    expect(errorsOf(stale)).toEqual([{ field: "version", code: "stale_version" }]);
    const still = (await send(world.sessions.leader, "GET", "/api/collection/submissions?status=pending")).json<SubmissionPage>();
    expect(still.items.map((item) => item.id)).toEqual([submission.id]);
  });
});
