import { tmpdir } from "node:os";
import { join } from "node:path";
import type { CaseDetail, CasePage, Category, DuplicateList, Problem, ReportedCase, TrackedCase } from "@linli/contracts";
import { sql } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { rowsOf } from "../../db/migrate.js";
import { DirectoryFileStore } from "../../platform/files/file-store.js";
import { buildCaseWorld, type CaseWorld, clearCases, points } from "../../test/cases.js";
import { kuihuali } from "../../test/people.js";
import { sessionHeaders, useTestApp } from "../../test/test-app.js";
import { asSuperuser } from "../../test/test-database.js";
import { CasePhotoService } from "./case-photo.service.js";

const context = useTestApp();
let world: CaseWorld;

beforeAll(async () => {
  world = await buildCaseWorld(context);
});
beforeEach(() => clearCases(context.database));

const send = (session: string | null, method: "GET" | "POST" | "PATCH", url: string, payload?: object, headers = {}) =>
  context.app.inject({
    method,
    url,
    headers: { ...(session ? sessionHeaders(session) : {}), ...headers },
    ...(payload ? { payload } : {}),
  });
const errorsOf = (response: { json: () => unknown }) =>
  (response.json() as Problem).errors?.map(({ field, code }) => ({ field, code }));
const lamp = (extra: object = {}) => ({
  categoryCode: "component.public_facilities.street_lamp",
  description: "3栋门口路灯不亮",
  ...points.inManaged,
  ...extra,
});
const report = async (session: string | null, payload: object, headers = {}) => {
  const response = await send(session, "POST", session ? "/api/cases" : "/api/public/cases", payload, headers);
  expect(response.statusCode, response.body).toBe(201);
  return response.json<ReportedCase>();
};
const step = async (session: string, id: string, body: object) => {
  const current = (await send(session, "GET", `/api/cases/${id}`)).json<CaseDetail>();
  return send(session, "POST", `/api/cases/${id}/transitions`, { version: current.version, ...body });
};
const stepOk = async (session: string, id: string, body: object) => {
  const response = await step(session, id, body);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<CaseDetail>();
};
const countCases = async () =>
  rowsOf<{ count: number }>(await context.database.handle.db.execute(sql`select count(*)::int as count from cases`))[0]?.count;

describe("cases (事件工单)", () => {
  it("numbers cases with six digits at least, and keeps every digit past the millionth case", async () => {
    await asSuperuser(context.database.handle.db, sql`select setval('case_number_seq', 999998)`);
    const numbers = [];
    for (let index = 0; index < 3; index += 1) numbers.push((await report(null, lamp())).case.number);
    expect(numbers.map((number) => number.split("-")[1])).toEqual(["999999", "1000000", "1000001"]);
  });

  it("goes from a resident's report to the reporter's rating, each step by the party it belongs to", async () => {
    const { case: reported, trackingCode } = await report(null, lamp({ reporterPhone: "13812345678", address: "新葵花苑3栋" }));
    expect(reported).toMatchObject({
      status: "reported",
      channel: "resident",
      regionCode: kuihuali,
      gridCode: `${kuihuali}001`,
      compoundName: "新葵花苑小区",
      pooled: false,
      party: { kind: "property_company", name: "衡阳葵花物业管理有限公司" },
      stage: "register",
      reporterPhone: "138****5678",
    });
    expect(trackingCode).toMatch(/^[0-9A-Z]{12}$/);
    expect(JSON.stringify(reported)).not.toContain("13812345678");

    const inbox = (await send(world.sessions.leader, "GET", "/api/cases?view=grid")).json<CasePage>();
    expect(inbox.items.map((item) => item.number)).toEqual([reported.number]);
    const seen = (await send(world.sessions.leader, "GET", `/api/cases/${reported.id}`)).json<CaseDetail>();
    expect(seen.allowed).toEqual(["register", "reject", "merge", "dispatch"]);
    // The answer to the report was built without reading the case back: it shows what was stored.
    expect({ ...seen, allowed: [] }).toEqual(reported);

    await stepOk(world.sessions.leader, reported.id, { transition: "dispatch", note: "请物业尽快修复" });
    const mine = (await send(world.sessions.property, "GET", "/api/cases?view=mine")).json<CasePage>();
    expect(mine.items.map((item) => item.status)).toEqual(["dispatched"]);
    await stepOk(world.sessions.property, reported.id, { transition: "start" });
    await stepOk(world.sessions.property, reported.id, { transition: "handle", note: "已更换灯泡" });
    await stepOk(world.sessions.leader, reported.id, { transition: "verify", note: "现场核查已亮" });
    const closed = await stepOk(world.sessions.leader, reported.id, { transition: "close" });
    expect(closed).toMatchObject({ status: "closed", stage: null, dueAt: null });

    const rated = await send(null, "POST", `/api/track/${trackingCode}/rating`, { rating: 5, comment: "修得很快" });
    expect(rated.statusCode, rated.body).toBe(200);
    expect(rated.json<TrackedCase>()).toMatchObject({ status: "rated", rating: 5, canRate: false, canReopen: true });
    const timeline = (await send(world.sessions.chief, "GET", `/api/cases/${reported.id}`)).json<CaseDetail>().events;
    expect(timeline.map(({ kind, toStatus, actor }) => ({ kind, toStatus, actor }))).toEqual([
      { kind: "reported", toStatus: "reported", actor: null },
      { kind: "dispatch", toStatus: "dispatched", actor: "leader.case" },
      { kind: "start", toStatus: "in_progress", actor: "property.case" },
      { kind: "handle", toStatus: "handled", actor: "property.case" },
      { kind: "verify", toStatus: "verified", actor: "leader.case" },
      { kind: "close", toStatus: "closed", actor: "leader.case" },
      { kind: "rate", toStatus: "rated", actor: null },
    ]);
  });

  it("answers a step the caller may not take with 409 and the steps they may, and hides cases outside their scope", async () => {
    const { case: reported } = await report(world.sessions.member, lamp());
    expect(reported.channel).toBe("grid_member");
    const byMember = await step(world.sessions.member, reported.id, { transition: "dispatch" });
    expect(byMember.statusCode).toBe(409);
    expect(byMember.json<Problem>()).toMatchObject({ code: "transition_not_allowed", allowed: [] });
    await stepOk(world.sessions.leader, reported.id, { transition: "dispatch" });
    const verifyEarly = await step(world.sessions.property, reported.id, { transition: "verify" });
    expect(verifyEarly.statusCode).toBe(409);
    expect(verifyEarly.json<Problem>().allowed).toEqual(["decline", "start", "handle"]);
    expect(errorsOf(verifyEarly)).toEqual([{ field: "transition", code: "not_allowed" }]);
    expect((await send(world.sessions.leaderTwo, "GET", `/api/cases/${reported.id}`)).statusCode).toBe(404);
    const elsewhere = { transition: "close", version: 1 };
    expect((await send(world.sessions.leaderTwo, "POST", `/api/cases/${reported.id}/transitions`, elsewhere)).statusCode).toBe(
      404,
    );
    const stale = await send(world.sessions.property, "POST", `/api/cases/${reported.id}/transitions`, {
      transition: "start",
      version: 1,
    });
    expect(errorsOf(stale)).toEqual([{ field: "version", code: "stale_version" }]);
  });

  it("routes by place and category: no property company → the community; a department's matter → the department; nowhere → the pool", async () => {
    const unmanaged = await report(world.sessions.member, lamp(points.inUnmanaged));
    expect(unmanaged.case).toMatchObject({ gridCode: `${kuihuali}002`, party: { kind: "community", name: "葵花里社区居委会" } });
    const street = await report(world.sessions.member, lamp(points.inGridOneStreet));
    expect(street.case).toMatchObject({ gridCode: `${kuihuali}001`, compoundName: null, party: { kind: "community" } });
    const hydrant = await report(world.sessions.member, {
      categoryCode: "component.public_facilities.fire_hydrant",
      description: "消防栓漏水",
      compoundId: world.compounds.managed.id,
    });
    expect(hydrant.case.party).toEqual({ kind: "department", name: "消防救援站" });

    const pooled = await report(null, lamp({ ...points.nowhere, regionCode: kuihuali }));
    expect(pooled.case).toMatchObject({ regionCode: kuihuali, gridCode: null, pooled: true });
    const chiefSees = (await send(world.sessions.chief, "GET", `/api/cases/${pooled.case.id}`)).statusCode;
    expect(chiefSees).toBe(200);

    const nowhere = await send(null, "POST", "/api/public/cases", lamp(points.nowhere));
    expect(errorsOf(nowhere)).toEqual([{ field: "longitude", code: "unplaced" }]);
    const unknown = await send(null, "POST", "/api/public/cases", lamp({ categoryCode: "component.public_facilities" }));
    expect(errorsOf(unknown)).toEqual([{ field: "categoryCode", code: "unknown_category" }]);
    const cover = await send(null, "POST", "/api/public/cases", {
      categoryCode: "component.public_facilities.manhole_cover",
      description: "井盖",
      ...points.inManaged,
      answers: { cover_state: "stolen" },
    });
    expect(errorsOf(cover)).toEqual([{ field: "answers.cover_state", code: "unknown_value" }]);
    expect(await countCases()).toBe(4);
  });

  it("lets the grid leader re-route with a reason, and a handler decline a case that is not theirs", async () => {
    const { case: reported } = await report(world.sessions.member, lamp());
    await stepOk(world.sessions.leader, reported.id, { transition: "dispatch" });
    const declined = await stepOk(world.sessions.property, reported.id, { transition: "decline", note: "路灯属市政" });
    expect(declined.status).toBe("registered");
    const noReason = await step(world.sessions.leader, reported.id, { transition: "dispatch", handlerUserId: world.ids.member });
    expect(errorsOf(noReason)).toEqual([{ field: "handlerUserId", code: "handler_not_eligible" }]);
    const candidates = (await send(world.sessions.leader, "GET", `/api/cases/${reported.id}/handler-candidates`)).json();
    expect(candidates.routed).toEqual({ kind: "property_company", name: "衡阳葵花物业管理有限公司" });
    expect(candidates.candidates).toContainEqual({
      id: world.ids.property,
      displayName: "property.case",
      partyKinds: ["property_company"],
    });
    expect(candidates.candidates.map((account: { id: string }) => account.id)).not.toContain(world.ids.member);
    expect((await send(world.sessions.property, "GET", `/api/cases/${reported.id}/handler-candidates`)).statusCode).toBe(403);
    await stepOk(world.sessions.leader, reported.id, { transition: "dispatch", handlerUserId: world.ids.property });
    const rerouted = await stepOk(world.sessions.leader, reported.id, {
      transition: "reroute",
      party: { kind: "owners_committee", name: "新葵花苑小区业主委员会" },
      note: "由业委会协调",
    });
    expect(rerouted).toMatchObject({ status: "dispatched", party: { kind: "owners_committee" }, handler: null });
    expect((await send(world.sessions.committee, "GET", `/api/cases/${reported.id}`)).json<CaseDetail>().allowed).toEqual([
      "decline",
      "start",
      "handle",
    ]);
  });

  it("creates once per Idempotency-Key, and refuses the key for a different request", async () => {
    const key = { "idempotency-key": "report-0001-abcdef" };
    const first = await report(null, lamp(), key);
    const again = await send(null, "POST", "/api/public/cases", lamp(), key);
    expect(again.statusCode).toBe(201);
    expect(again.headers["idempotent-replayed"]).toBe("true");
    expect(again.json<ReportedCase>()).toMatchObject({ case: { id: first.case.id }, trackingCode: first.trackingCode });
    const different = await send(null, "POST", "/api/public/cases", lamp({ description: "另一件事" }), key);
    expect(different.statusCode).toBe(422);
    expect(errorsOf(different)).toEqual([{ field: "idempotency-key", code: "key_reused" }]);
    const concurrent = await Promise.all(
      Array.from({ length: 6 }, () =>
        send(null, "POST", "/api/public/cases", lamp(), { "idempotency-key": "report-0002-abcdef" }),
      ),
    );
    expect(new Set(concurrent.map((response) => response.json<ReportedCase>().case.id)).size).toBe(1);
    expect(await countCases()).toBe(2);
  });

  it("offers open cases of the sub-category nearby as duplicates, and a grid leader merges them", async () => {
    const { case: first } = await report(null, lamp());
    const near = { longitude: points.inManaged.longitude + 0.0002, latitude: points.inManaged.latitude };
    const query = (categoryCode: string, longitude: number) =>
      send(null, "GET", `/api/public/case-duplicates?categoryCode=${categoryCode}&lon=${longitude}&lat=${near.latitude}`);
    const offered = (await query("component.public_facilities.street_lamp", near.longitude)).json<DuplicateList>();
    expect(offered).toMatchObject({ radiusMetres: 50, windowHours: 72, items: [{ id: first.id }] });
    expect(offered.items[0]?.distanceMetres).toBeGreaterThan(15);
    expect((await query("component.public_facilities.street_lamp", near.longitude + 0.001)).json<DuplicateList>().items).toEqual(
      [],
    );
    expect((await query("component.cityscape.litter_bin", near.longitude)).json<DuplicateList>().items).toEqual([]);

    const { case: second } = await report(null, lamp(near));
    const merged = await stepOk(world.sessions.leader, second.id, { transition: "merge", into: first.id });
    expect(merged).toMatchObject({ status: "merged", mergedInto: first.id, stage: null });
    const target = (await send(world.sessions.leader, "GET", `/api/cases/${first.id}`)).json<CaseDetail>();
    expect(target.events.map((event) => event.kind)).toEqual(["reported", "merged_in"]);
    const intoClosed = await step(world.sessions.leader, first.id, { transition: "merge", into: second.id });
    expect(errorsOf(intoClosed)).toEqual([{ field: "into", code: "not_open" }]);
  });

  it("lets the reporter reopen within seven days of closing, not after", async () => {
    const { case: reported, trackingCode } = await report(null, lamp());
    await stepOk(world.sessions.leader, reported.id, { transition: "dispatch" });
    await stepOk(world.sessions.property, reported.id, { transition: "handle", note: "已修" });
    await stepOk(world.sessions.leader, reported.id, { transition: "verify" });
    await stepOk(world.sessions.leader, reported.id, { transition: "close" });
    const reopened = await send(null, "POST", `/api/track/${trackingCode}/reopen`, { note: "晚上又不亮了" });
    expect(reopened.json<TrackedCase>()).toMatchObject({ status: "registered", canReopen: false });
    await stepOk(world.sessions.leader, reported.id, { transition: "dispatch" });
    await stepOk(world.sessions.property, reported.id, { transition: "handle", note: "更换线路" });
    await stepOk(world.sessions.leader, reported.id, { transition: "verify" });
    await stepOk(world.sessions.leader, reported.id, { transition: "close" });
    await context.database.handle.db.execute(
      sql`update cases set closed_at = now() - interval '8 days' where id = ${reported.id}`,
    );
    const late = await send(null, "POST", `/api/track/${trackingCode}/reopen`, { note: "又坏了" });
    expect(late.statusCode).toBe(409);
    expect((await send(null, "GET", "/api/track/000000000000")).statusCode).toBe(404);
  });

  it("stores photos whose bytes are JPEG, PNG or WebP, attaches them to the case and shows them only to who may see it", async () => {
    const png = Buffer.from(
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
      "base64",
    );
    const upload = (body: Buffer, type: string) =>
      context.app.inject({ method: "POST", url: "/api/case-photos", headers: { "content-type": type }, payload: body });
    const uploaded = await upload(png, "image/jpeg");
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    expect(uploaded.json()).toMatchObject({ contentType: "image/png", byteSize: png.length });
    const executable = Buffer.concat([Buffer.from("MZ"), Buffer.alloc(200, 0x90)]);
    const refused = await upload(executable, "image/png");
    expect(refused.statusCode).toBe(415);
    expect(errorsOf(refused)).toEqual([{ field: "photo", code: "not_an_image" }]);

    const photoId = uploaded.json<{ id: string }>().id;
    const { case: reported } = await report(null, lamp({ photoIds: [photoId] }));
    expect(reported.photoIds).toEqual([photoId]);
    const shown = await send(world.sessions.leader, "GET", `/api/case-photos/${photoId}`);
    expect(shown.statusCode).toBe(200);
    expect(shown.headers["content-type"]).toBe("image/png");
    expect(shown.rawPayload.equals(png)).toBe(true);
    expect((await send(world.sessions.leaderTwo, "GET", `/api/case-photos/${photoId}`)).statusCode).toBe(404);
    const reused = await send(null, "POST", "/api/public/cases", lamp({ photoIds: [photoId] }));
    expect(errorsOf(reused)).toEqual([{ field: "photoIds.0", code: "unknown_photo" }]);
    expect(await countCases()).toBe(1);
  });

  it("forgets a photo never attached to a case after a day, its bytes too, and keeps attached ones", async () => {
    const jpeg = Buffer.concat([
      Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]),
      Buffer.alloc(64),
    ]);
    const upload = async () => {
      const response = await context.app.inject({
        method: "POST",
        url: "/api/case-photos",
        headers: { "content-type": "image/jpeg" },
        payload: jpeg,
      });
      expect(response.statusCode, response.body).toBe(201);
      return response.json<{ id: string }>().id;
    };
    const [kept, left, recent] = [await upload(), await upload(), await upload()];
    await report(null, lamp({ photoIds: [kept] }));
    const { db } = context.database.handle;
    await db.execute(sql`update case_photos set created_at = now() - interval '25 hours' where id in (${kept}, ${left})`);
    const keyOf = async (id: string) =>
      rowsOf<{ key: string }>(await db.execute(sql`select storage_key as key from case_photos where id = ${id}`))[0]?.key;
    const store = new DirectoryFileStore(join(tmpdir(), "linli-test-files"));
    const leftKey = (await keyOf(left)) ?? "";
    expect(await store.get(leftKey)).toEqual(jpeg);

    expect(await new CasePhotoService(db, store).forgetUnattached(new Date())).toBe(1);
    expect(await keyOf(left)).toBeUndefined();
    expect(await store.get(leftKey)).toBeUndefined();
    expect(await store.get((await keyOf(kept)) ?? "")).toEqual(jpeg);
    expect(await store.get((await keyOf(recent)) ?? "")).toEqual(jpeg);
  });

  it("keeps an open case's limits when an admin edits its category", async () => {
    const { case: before } = await report(null, lamp());
    const categories = (await send(null, "GET", "/api/case-categories")).json<{ items: Category[] }>().items;
    const category = categories.find((item) => item.code === "component.public_facilities.street_lamp") as Category;
    expect(category).toMatchObject({ party: "property_company", limits: { register: 2, dispatch: 2, handle: 48, verify: 24 } });
    const byLeader = await send(world.sessions.leader, "PATCH", `/api/case-categories/${category.code}`, { version: 1 });
    expect(byLeader.statusCode).toBe(403);
    const edited = await send(world.sessions.city, "PATCH", `/api/case-categories/${category.code}`, {
      version: category.version,
      limits: { register: 1, dispatch: 1, handle: 8, verify: 4 },
    });
    expect(edited.json<Category>()).toMatchObject({ version: category.version + 1, limits: { register: 1 } });
    const stale = await send(world.sessions.city, "PATCH", `/api/case-categories/${category.code}`, {
      version: category.version,
      active: false,
    });
    expect(errorsOf(stale)).toEqual([{ field: "version", code: "stale_version" }]);

    const { case: after } = await report(null, lamp());
    const hoursAllowed = (detail: CaseDetail) =>
      (new Date(detail.dueAt as string).getTime() - new Date(detail.reportedAt).getTime()) / 3_600_000;
    const reread = (await send(world.sessions.leader, "GET", `/api/cases/${before.id}`)).json<CaseDetail>();
    expect(hoursAllowed(reread)).toBe(2);
    expect(hoursAllowed(after)).toBe(1);
    // The next stage of the old case is timed by the limits it was opened under too.
    expect(
      hoursAllowed({
        ...(await stepOk(world.sessions.leader, before.id, { transition: "register" })),
        reportedAt: new Date().toISOString(),
      }),
    ).toBeCloseTo(2, 1);
  });
});
