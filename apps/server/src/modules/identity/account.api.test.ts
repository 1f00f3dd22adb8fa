import type { Problem } from "@linli/contracts";
import { asc } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { auditEvents } from "../../db/schema.js";
import { buildUser } from "../../test/builders.js";
import { sessionHeaders, signIn, signInNewUser, useTestApp } from "../../test/test-app.js";

let admin: string;

const context = useTestApp();
beforeEach(async () => {
  await context.database.reset();
  admin = await signInNewUser(context, { username: "sysadmin", roles: ["system_admin"] });
});

const as = sessionHeaders;
const fieldErrors = (response: { json: () => unknown }) =>
  (response.json() as Problem).errors?.map(({ in: where, field, code }) => ({ in: where, field, code }));

async function createAccount(body: object) {
  return context.app.inject({ method: "POST", url: "/api/users", headers: as(admin), payload: body });
}

describe("creating an account", () => {
  it("returns a one-time password that signs in, and audits who created it", async () => {
    const created = await createAccount({ username: "li.na", displayName: "李娜", roles: ["grid_leader"] });
    expect(created.statusCode).toBe(201);
    const { user, password } = created.json<{ user: { id: string }; password: string }>();
    expect(created.json()).toMatchObject({
      user: { username: "li.na", displayName: "李娜", roles: ["grid_leader"], disabled: false },
    });
    expect(await signIn(context.app, "li.na", password)).toMatch(/^linli_session=/);
    const audit = await context.database.handle.db.select().from(auditEvents).orderBy(asc(auditEvents.id));
    expect(audit.find((row) => row.action === "identity.user_created")).toMatchObject({
      actorUsername: "sysadmin",
      entityId: user.id,
    });
  });

  it.each([
    [{ username: "sysadmin", displayName: "重名", roles: [] }, 409, { in: "body", field: "username", code: "taken" }],
    [
      { username: "x", displayName: "兼任", roles: ["system_admin", "audit_admin"] },
      400,
      { in: "body", field: "roles", code: "separation_of_duties" },
    ],
    [{ username: "has space", displayName: "坏名", roles: [] }, 400, { in: "body", field: "username", code: "invalid_format" }],
    [
      { username: "y", displayName: "重复", roles: ["resident", "resident"] },
      400,
      { in: "body", field: "roles", code: "custom" },
    ],
    [{ username: "z", displayName: "未知", roles: ["emperor"] }, 400, { in: "body", field: "roles.0", code: "invalid_value" }],
  ])("refuses %j with %i naming the field", async (body, status, field) => {
    const before = await context.database.handle.db.select().from(auditEvents);
    const response = await createAccount(body);
    expect(response.statusCode).toBe(status);
    expect(fieldErrors(response)).toContainEqual(field);
    expect(await context.database.handle.db.select().from(auditEvents)).toHaveLength(before.length);
  });

  it("is forbidden to an account without identity.users.manage, and the attempt is audited", async () => {
    const { password } = await buildUser(context.database.handle.db, { username: "security", roles: ["security_admin"] });
    const cookie = await signIn(context.app, "security", password);
    const response = await context.app.inject({
      method: "POST",
      url: "/api/users",
      headers: as(cookie),
      payload: { username: "n", displayName: "n", roles: [] },
    });
    expect(response.statusCode).toBe(403);
    const rows = await context.database.handle.db.select().from(auditEvents);
    expect(rows.filter((row) => row.action === "security.forbidden")).toMatchObject([
      { actorUsername: "security", actorRoles: ["security_admin"], entityId: "POST /api/users", result: "forbidden" },
    ]);
  });
});

describe("an issued one-time password", () => {
  it("holds its holder to choosing their own before anything else; the same one again is refused", async () => {
    const created = await createAccount({
      username: "zhou.admin",
      displayName: "周管理员",
      roles: ["township_admin"],
      scope: { regions: ["430405001"], grids: [] },
    });
    const issued = created.json<{ password: string }>().password;
    const cookie = await signIn(context.app, "zhou.admin", issued);
    const held = await context.app.inject({ url: "/api/users", headers: as(cookie) });
    expect(held.statusCode).toBe(403);
    expect(held.json()).toMatchObject({ code: "password_change_required" });
    const change = (newPassword: string) =>
      context.app.inject({
        method: "POST",
        url: "/api/me/password",
        headers: as(cookie),
        payload: { currentPassword: issued, newPassword },
      });
    expect(fieldErrors(await change(issued))).toEqual([{ in: "body", field: "newPassword", code: "unchanged" }]);
    expect((await change("雁城春水-绿-2026")).statusCode).toBe(204);
    expect((await context.app.inject({ url: "/api/users", headers: as(cookie) })).statusCode).toBe(200);
  });
});

describe("CSRF protection", () => {
  it("refuses a state change that lacks this session's token, and names the header", async () => {
    const body = { username: "csrf.victim", displayName: "x", roles: ["system_admin"] };
    const bare = await context.app.inject({ method: "POST", url: "/api/users", headers: { cookie: admin }, payload: body });
    expect(bare.statusCode).toBe(403);
    expect(bare.json()).toMatchObject({ code: "csrf_failed" });
    expect(fieldErrors(bare)).toEqual([{ in: "header", field: "x-csrf-token", code: "invalid" }]);
    // A token from an earlier session of the same account is not accepted either.
    const earlier = sessionHeaders(admin)["x-csrf-token"];
    const { password } = await buildUser(context.database.handle.db, { username: "sysadmin2", roles: ["system_admin"] });
    const later = await signIn(context.app, "sysadmin2", password);
    const replayed = await context.app.inject({
      method: "POST",
      url: "/api/users",
      headers: { cookie: later, "x-csrf-token": earlier },
      payload: body,
    });
    expect(replayed.statusCode).toBe(403);
    const users = (await context.app.inject({ url: "/api/users?q=csrf", headers: { cookie: admin } })).json<{
      items: unknown[];
    }>();
    expect(users.items).toEqual([]); // reading needs no token; nothing was created
    const refusals = (await context.database.handle.db.select().from(auditEvents)).filter(
      (row) => row.action === "security.csrf_refused",
    );
    expect(refusals.map((row) => [row.actorUsername, row.entityId, row.result])).toEqual([
      ["sysadmin", "POST /api/users", "csrf_failed"],
      ["sysadmin2", "POST /api/users", "csrf_failed"],
    ]);
  });

  it("sets the token as a readable cookie at sign-in, and clears it at sign-out", async () => {
    const { password } = await buildUser(context.database.handle.db, { username: "reader" });
    const response = await context.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { username: "reader", password },
    });
    const session = response.cookies.find((c) => c.name === "linli_session");
    const csrf = response.cookies.find((c) => c.name === "linli_csrf");
    expect(csrf).toMatchObject({ sameSite: "Strict", path: "/" });
    expect(csrf?.httpOnly).toBeFalsy(); // the page must be able to read it
    expect(csrf?.value).toBe(sessionHeaders(`linli_session=${session?.value}`)["x-csrf-token"]);
    const out = await context.app.inject({
      method: "POST",
      url: "/api/auth/logout",
      headers: { cookie: `linli_session=${session?.value}` },
    });
    expect(out.cookies.find((c) => c.name === "linli_csrf")?.value).toBe("");
  });
});

describe("disabling an account", () => {
  it("ends all its sessions at once and refuses sign-in until it is enabled again", async () => {
    const { user, password } = await buildUser(context.database.handle.db, { username: "wang" });
    const phone = await signIn(context.app, "wang", password);
    const laptop = await signIn(context.app, "wang", password);
    const disabled = await context.app.inject({ method: "POST", url: `/api/users/${user.id}/disable`, headers: as(admin) });
    expect(disabled.json()).toMatchObject({ username: "wang", disabled: true });
    for (const cookie of [phone, laptop])
      expect((await context.app.inject({ url: "/api/me", headers: as(cookie) })).statusCode).toBe(401);
    await expect(signIn(context.app, "wang", password)).rejects.toThrow(/401/);
    await context.app.inject({ method: "POST", url: `/api/users/${user.id}/enable`, headers: as(admin) });
    expect(await signIn(context.app, "wang", password)).toMatch(/^linli_session=/);
  });

  it("refuses one's own account, an unknown id and a malformed id", async () => {
    const me = (await context.app.inject({ url: "/api/me", headers: as(admin) })).json<{ id: string }>();
    const self = await context.app.inject({ method: "POST", url: `/api/users/${me.id}/disable`, headers: as(admin) });
    expect(fieldErrors(self)).toEqual([{ in: "params", field: "id", code: "self" }]);
    const unknown = await context.app.inject({
      method: "POST",
      url: "/api/users/01a2258f-bd97-74a6-8f0f-68ce3c9c8a1f/disable",
      headers: as(admin),
    });
    expect(unknown.statusCode).toBe(404);
    const malformed = await context.app.inject({ method: "POST", url: "/api/users/42/disable", headers: as(admin) });
    expect(fieldErrors(malformed)).toEqual([{ in: "params", field: "id", code: "invalid_format" }]);
  });
});

describe("roles", () => {
  it("take effect on the account's next request", async () => {
    const { user, password } = await buildUser(context.database.handle.db, { username: "zhao", roles: ["grid_member"] });
    const cookie = await signIn(context.app, "zhao", password);
    expect((await context.app.inject({ url: "/api/users", headers: as(cookie) })).statusCode).toBe(403);
    const changed = await context.app.inject({
      method: "PUT",
      url: `/api/users/${user.id}/roles`,
      headers: as(admin),
      payload: { roles: ["township_admin"] },
    });
    expect(changed.json()).toMatchObject({ roles: ["township_admin"] });
    expect((await context.app.inject({ url: "/api/users", headers: as(cookie) })).statusCode).toBe(200);
  });

  it("that require a second factor hold the session to enrolment until it has one", async () => {
    const { user, password } = await buildUser(context.database.handle.db, { username: "qian", roles: ["grid_member"] });
    const cookie = await signIn(context.app, "qian", password);
    await context.app.inject({
      method: "PUT",
      url: `/api/users/${user.id}/roles`,
      headers: as(admin),
      payload: { roles: ["county_admin"] },
    });
    const held = await context.app.inject({ url: "/api/users", headers: as(cookie) });
    expect(held.statusCode).toBe(403);
    expect(held.json()).toMatchObject({ code: "two_factor_enrollment_required" });
    expect((await context.app.inject({ url: "/api/me", headers: as(cookie) })).json()).toMatchObject({
      twoFactor: { enabled: false, required: true },
    });
  });

  it("keep the three administrator posts apart, and cannot be changed on one's own account", async () => {
    const { user } = await buildUser(context.database.handle.db, { username: "qian" });
    const combined = await context.app.inject({
      method: "PUT",
      url: `/api/users/${user.id}/roles`,
      headers: as(admin),
      payload: { roles: ["security_admin", "system_admin"] },
    });
    expect(fieldErrors(combined)).toEqual([{ in: "body", field: "roles", code: "separation_of_duties" }]);
    const me = (await context.app.inject({ url: "/api/me", headers: as(admin) })).json<{ id: string }>();
    const self = await context.app.inject({
      method: "PUT",
      url: `/api/users/${me.id}/roles`,
      headers: as(admin),
      payload: { roles: [] },
    });
    expect(fieldErrors(self)).toEqual([{ in: "params", field: "id", code: "self" }]);
  });
});

describe("passwords", () => {
  it("reset: the old one stops working, the new one works, a lockout is lifted, sessions end", async () => {
    const { user, password } = await buildUser(context.database.handle.db, { username: "sun" });
    const old = await signIn(context.app, "sun", password);
    for (let i = 0; i < 5; i++)
      await context.app.inject({ method: "POST", url: "/api/auth/login", payload: { username: "sun", password: "guess" } });
    const reset = await context.app.inject({ method: "POST", url: `/api/users/${user.id}/reset-password`, headers: as(admin) });
    const issued = reset.json<{ password: string }>().password;
    expect((await context.app.inject({ url: "/api/me", headers: as(old) })).statusCode).toBe(401);
    await expect(signIn(context.app, "sun", password)).rejects.toThrow(/401/);
    expect(await signIn(context.app, "sun", issued)).toMatch(/^linli_session=/);
  });

  it("changing one's own: checks the current one and the policy, then ends the other sessions only", async () => {
    const { password } = await buildUser(context.database.handle.db, { username: "zhou.min" });
    const here = await signIn(context.app, "zhou.min", password);
    const elsewhere = await signIn(context.app, "zhou.min", password);
    const change = (body: object) =>
      context.app.inject({ method: "POST", url: "/api/me/password", headers: as(here), payload: body });
    expect(fieldErrors(await change({ currentPassword: "wrong", newPassword: "a-good-long-one" }))).toEqual([
      { in: "body", field: "currentPassword", code: "incorrect" },
    ]);
    const weak = await context.app.inject({
      method: "POST",
      url: "/api/me/password",
      headers: { ...as(here), "accept-language": "en" },
      payload: { currentPassword: password, newPassword: "woaini1314" },
    });
    expect(weak.json<Problem>().errors).toEqual([
      { in: "body", field: "newPassword", code: "too_common", message: "is too common to be safe" },
    ]);
    expect(fieldErrors(await change({ currentPassword: password, newPassword: "short" }))).toEqual([
      { in: "body", field: "newPassword", code: "too_short_password" },
    ]);
    expect((await change({ currentPassword: password, newPassword: "雁城春水-2026" })).statusCode).toBe(204);
    expect((await context.app.inject({ url: "/api/me", headers: as(here) })).statusCode).toBe(200);
    expect((await context.app.inject({ url: "/api/me", headers: as(elsewhere) })).statusCode).toBe(401);
    expect(await signIn(context.app, "zhou.min", "雁城春水-2026")).toMatch(/^linli_session=/);
  });
});

describe("scope and rank of account managers", () => {
  let township: string;
  beforeEach(async () => {
    township = await signInNewUser(context, {
      username: "jiefang.admin",
      roles: ["township_admin"],
      scope: { regions: ["430405001"], grids: [] },
    });
  });

  const createAs = (cookie: string, body: object) =>
    context.app.inject({ method: "POST", url: "/api/users", headers: as(cookie), payload: body });

  it("creates staff of the township inside its scope, and sees only them", async () => {
    const created = await createAs(township, {
      username: "wang.gm",
      displayName: "王网格员",
      roles: ["grid_member"],
      scope: { regions: [], grids: ["430405001001001"] },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ user: { scope: { regions: [], grids: ["430405001001001"] } } });
    await buildUser(context.database.handle.db, {
      username: "other.gm",
      roles: ["grid_member"],
      scope: { regions: ["430406001001"], grids: [] },
    });
    const list = await context.app.inject({ url: "/api/users", headers: as(township) });
    expect(list.json<{ items: { username: string }[] }>().items.map((u) => u.username)).toEqual(["jiefang.admin", "wang.gm"]);
  });

  it.each([
    [{ roles: ["county_admin"], scope: { regions: ["430405001"], grids: [] } }, "roles", "not_grantable"],
    [{ roles: ["grid_member"], scope: { regions: ["430406001"], grids: [] } }, "scope", "outside_scope"],
    [{ roles: ["grid_member"], scope: { regions: ["430405"], grids: [] } }, "scope", "outside_scope"],
    [{ roles: ["grid_member"], scope: { regions: [], grids: [] } }, "scope", "outside_scope"],
  ])("refuses to grant %j beyond its own reach", async (grant, field, code) => {
    const response = await createAs(township, { username: "x.y", displayName: "越权", ...grant });
    expect(response.statusCode).toBe(400);
    expect(fieldErrors(response)).toEqual([{ in: "body", field, code }]);
    const list = await context.app.inject({ url: "/api/users?q=x.y", headers: as(admin) });
    expect(list.json<{ items: unknown[] }>().items).toEqual([]);
  });

  it("cannot change a peer administrator of the same township (403), nor one outside it (404)", async () => {
    const { user: peer } = await buildUser(context.database.handle.db, {
      roles: ["township_admin"],
      scope: { regions: ["430405001"], grids: [] },
    });
    const { user: outsider } = await buildUser(context.database.handle.db, {
      roles: ["grid_member"],
      scope: { regions: ["430405002"], grids: [] },
    });
    const reset = (id: string) =>
      context.app.inject({ method: "POST", url: `/api/users/${id}/reset-password`, headers: as(township) });
    expect((await reset(peer.id)).statusCode).toBe(403);
    expect((await reset(outsider.id)).statusCode).toBe(404);
  });

  it("narrows an account's scope and audits it; a scope beyond its own is refused", async () => {
    const { user } = await buildUser(context.database.handle.db, {
      roles: ["grid_member"],
      scope: { regions: ["430405001001"], grids: [] },
    });
    const setScope = (scope: object) =>
      context.app.inject({ method: "PUT", url: `/api/users/${user.id}/scope`, headers: as(township), payload: scope });
    const narrowed = await setScope({ regions: [], grids: ["430405001001002"] });
    expect(narrowed.statusCode).toBe(200);
    expect(narrowed.json()).toMatchObject({ scope: { regions: [], grids: ["430405001001002"] } });
    const widened = await setScope({ regions: ["4304"], grids: [] });
    expect(widened.statusCode).toBe(400);
    expect(fieldErrors(widened)).toEqual([{ in: "body", field: "scope", code: "outside_scope" }]);
    const audit = await context.database.handle.db.select().from(auditEvents).orderBy(asc(auditEvents.id));
    expect(audit.filter((row) => row.action === "identity.scope_changed")).toHaveLength(1);
  });
});
