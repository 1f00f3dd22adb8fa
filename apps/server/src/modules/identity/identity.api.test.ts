import type { Problem } from "@linli/contracts";
import { asc, sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { rowsOf } from "../../db/migrate.js";
import { auditEvents } from "../../db/schema.js";
import { buildUser } from "../../test/builders.js";
import { buildTestApp, signIn, useTestApp } from "../../test/test-app.js";

const context = useTestApp({ config: { bodyLimitBytes: 4096 } });
beforeEach(() => context.database.reset());

async function sessionCount(): Promise<number> {
  const result = await context.database.handle.db.execute(sql`select count(*)::int as n from sessions`);
  return rowsOf<{ n: number }>(result)[0]?.n ?? -1;
}

function login(payload: string, headers: Record<string, string> = {}) {
  return context.app.inject({
    method: "POST",
    url: "/api/auth/login",
    headers: { "content-type": "application/json", ...headers },
    payload,
  });
}

describe("POST /api/auth/login", () => {
  it("signs in, sets an httpOnly SameSite=Lax cookie, and /api/me answers with the user", async () => {
    const { user, password } = await buildUser(context.database.handle.db, {
      username: "zhang.wei",
      displayName: "张伟",
      roles: ["system_admin"],
      twoFactor: false,
    });
    const response = await login(JSON.stringify({ username: "zhang.wei", password }));
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      id: user.id,
      username: "zhang.wei",
      displayName: "张伟",
      roles: ["system_admin"],
      permissions: ["identity.users.manage", "identity.users.read", "open311.clients.manage"],
      scope: { regions: ["*"], grids: [] },
      twoFactor: { enabled: false, required: true },
      mustChangePassword: false,
    });
    const cookie = response.cookies.find((c) => c.name === "linli_session");
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
    expect(cookie?.secure).toBeFalsy();
    const me = await context.app.inject({ url: "/api/me", headers: { cookie: `linli_session=${cookie?.value}` } });
    expect(me.json()).toMatchObject({ username: "zhang.wei" });
  });

  it("gives a new session id at each sign-in", async () => {
    const { password } = await buildUser(context.database.handle.db, { username: "li" });
    const first = await signIn(context.app, "li", password);
    const second = await signIn(context.app, "li", password);
    expect(first).not.toBe(second);
    expect(await sessionCount()).toBe(2);
  });

  it("refuses a wrong password and an unknown user alike, in the caller's language", async () => {
    await buildUser(context.database.handle.db, { username: "wang" });
    const wrong = await login(JSON.stringify({ username: "wang", password: "nope" }), { "accept-language": "en-GB,en;q=0.9" });
    const unknown = await login(JSON.stringify({ username: "nobody", password: "nope" }));
    expect(wrong.statusCode).toBe(401);
    expect(wrong.headers["content-type"]).toContain("application/problem+json");
    expect(wrong.json()).toMatchObject({ status: 401, code: "invalid_credentials", title: "Wrong username or password" });
    expect(unknown.json()).toMatchObject({ status: 401, code: "invalid_credentials", title: "用户名或密码错误" });
    expect(await sessionCount()).toBe(0);
  });

  it("throttles sign-in attempts from one address: 429 problem+json with Retry-After", async () => {
    const throttled = await buildTestApp(context.database.handle, { config: { loginAttemptsPerMinute: 3 } });
    const attempt = () =>
      throttled.inject({ method: "POST", url: "/api/auth/login", payload: { username: "nobody", password: "guess" } });
    for (let i = 0; i < 3; i++) expect((await attempt()).statusCode).toBe(401);
    const refused = await attempt();
    expect(refused.statusCode).toBe(429);
    expect(refused.headers["content-type"]).toContain("application/problem+json");
    expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
    expect(refused.json()).toMatchObject({ status: 429, code: "rate_limited", title: "尝试次数过多，请稍后再试" });
    // Audited once per address a minute, however many more arrive.
    expect((await attempt()).statusCode).toBe(429);
    const rows = await context.database.handle.db.select().from(auditEvents);
    expect(rows.filter((row) => row.action === "security.rate_limited").map((row) => row.entityId)).toEqual([
      "POST /api/auth/login",
    ]);
    await throttled.close();
  });

  it("refuses a disabled account", async () => {
    const { password } = await buildUser(context.database.handle.db, { username: "gone", disabledAt: new Date() });
    expect((await login(JSON.stringify({ username: "gone", password }))).statusCode).toBe(401);
  });
});

describe("bad input: a 4xx problem naming the field, and nothing written", () => {
  const cases: {
    name: string;
    payload: string;
    headers?: Record<string, string>;
    status: number;
    code: string;
    field: { in: string; field: string };
  }[] = [
    {
      name: "malformed JSON",
      payload: '{"username": "a", ',
      status: 400,
      code: "malformed_json",
      field: { in: "body", field: "body" },
    },
    { name: "an empty body", payload: "", status: 400, code: "validation_failed", field: { in: "body", field: "body" } },
    {
      name: "a wrong type",
      payload: '{"username": 42, "password": "x"}',
      status: 400,
      code: "validation_failed",
      field: { in: "body", field: "username" },
    },
    {
      name: "a missing field",
      payload: '{"username": "a"}',
      status: 400,
      code: "validation_failed",
      field: { in: "body", field: "password" },
    },
    {
      name: "an unknown field",
      payload: '{"username": "a", "password": "x", "isAdmin": true}',
      status: 400,
      code: "validation_failed",
      field: { in: "body", field: "isAdmin" },
    },
    {
      name: "a too-long field",
      payload: JSON.stringify({ username: "a".repeat(65), password: "x" }),
      status: 400,
      code: "validation_failed",
      field: { in: "body", field: "username" },
    },
    {
      name: "an array instead of an object",
      payload: "[]",
      status: 400,
      code: "validation_failed",
      field: { in: "body", field: "body" },
    },
    {
      name: "a prototype-poisoning body",
      payload: '{"username":"a","password":"x","__proto__":{"x":1}}',
      status: 400,
      code: "malformed_json",
      field: { in: "body", field: "body" },
    },
    {
      name: "an oversized body",
      payload: JSON.stringify({ username: "a", password: "x".repeat(5000) }),
      status: 413,
      code: "body_too_large",
      field: { in: "body", field: "body" },
    },
    {
      name: "a bad Accept-Language",
      payload: '{"username": "a", "password": "x"}',
      headers: { "accept-language": "en;q=7" },
      status: 400,
      code: "bad_accept_language",
      field: { in: "header", field: "accept-language" },
    },
    {
      name: "an unsupported content type",
      payload: "username=a",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      status: 415,
      code: "unsupported_media_type",
      field: { in: "header", field: "content-type" },
    },
  ];

  it.each(cases)("$name → $status $code", async ({ payload, headers, status, code, field }) => {
    await buildUser(context.database.handle.db, { username: "a", password: "x" });
    const response = await login(payload, headers);
    expect(response.statusCode).toBe(status);
    expect(response.headers["content-type"]).toContain("application/problem+json");
    const problem = response.json<Problem>();
    expect(problem).toMatchObject({ status, code });
    expect(problem.errors).toContainEqual(expect.objectContaining(field));
    expect(problem.errors?.every((e) => e.message.length > 0)).toBe(true);
    expect(await sessionCount()).toBe(0);
  });

  it("refuses a username that is not UTF-8 as malformed, and audits no sign-in", async () => {
    const body = Buffer.concat([Buffer.from('{"username":"a'), Buffer.from([0xff, 0xfe]), Buffer.from('","password":"x"}')]);
    const response = await context.app.inject({
      method: "POST",
      url: "/api/auth/login",
      headers: { "content-type": "application/json" },
      payload: body,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: "malformed_json", errors: [{ field: "body", code: "not_utf8" }] });
    const rows = await context.database.handle.db.select().from(auditEvents);
    expect(rows.filter((row) => row.action === "identity.sign_in")).toEqual([]);
  });

  it("explains a missing field in zh-CN by default and in English on request", async () => {
    const zh = await login('{"username": "a"}');
    const en = await login('{"username": "a"}', { "accept-language": "en" });
    expect(zh.json<Problem>().errors).toEqual([{ in: "body", field: "password", code: "required", message: "必填" }]);
    expect(en.json<Problem>().errors).toEqual([{ in: "body", field: "password", code: "required", message: "is required" }]);
    expect(en.headers["content-language"]).toBe("en");
  });
});

describe("audit trail of sign-in", () => {
  it("records every attempt, granted or refused, and every sign-out, with the caller's address", async () => {
    const { user, password } = await buildUser(context.database.handle.db, { username: "audited", roles: ["grid_leader"] });
    await login(JSON.stringify({ username: "audited", password: "wrong" }));
    await login(JSON.stringify({ username: "ghost", password: "wrong" }));
    const cookie = await signIn(context.app, "audited", password);
    await context.app.inject({ method: "POST", url: "/api/auth/logout", headers: { cookie } });
    const rows = await context.database.handle.db.select().from(auditEvents).orderBy(asc(auditEvents.id));
    expect(rows.map((row) => [row.action, row.actorUsername, row.result, row.entityId])).toEqual([
      ["identity.sign_in", "audited", "invalid_credentials", user.id],
      ["identity.sign_in", "ghost", "invalid_credentials", null],
      ["identity.sign_in", "audited", "success", user.id],
      ["identity.sign_out", "audited", "success", user.id],
    ]);
    expect(rows.every((row) => row.ip === "127.0.0.1")).toBe(true);
    expect(rows[2]?.actorRoles).toEqual(["grid_leader"]);
  });

  it("writes nothing for input that never reached sign-in", async () => {
    await login('{"username": "a"');
    await login('{"username": "a", "password": "x", "extra": 1}');
    expect(await context.database.handle.db.select().from(auditEvents)).toEqual([]);
  });
});

describe("sessions over HTTP", () => {
  it("sign-out ends the session and clears the cookie", async () => {
    const { password } = await buildUser(context.database.handle.db, { username: "zhao" });
    const cookie = await signIn(context.app, "zhao", password);
    const out = await context.app.inject({ method: "POST", url: "/api/auth/logout", headers: { cookie } });
    expect(out.statusCode).toBe(204);
    expect(out.cookies.find((c) => c.name === "linli_session")?.value).toBe("");
    expect((await context.app.inject({ url: "/api/me", headers: { cookie } })).statusCode).toBe(401);
    expect(await sessionCount()).toBe(0);
  });

  it("answers 401 problem+json without a session and with a forged one", async () => {
    for (const headers of [{}, { cookie: "linli_session=forged" }]) {
      const response = await context.app.inject({ url: "/api/me", headers });
      expect(response.statusCode).toBe(401);
      expect(response.json()).toMatchObject({ code: "unauthenticated" });
    }
  });
});

describe("GET /api/users", () => {
  it("pages through accounts by cursor, in the same order on every engine", async () => {
    const { password } = await buildUser(context.database.handle.db, { username: "admin", roles: ["system_admin"] });
    for (const username of ["Bob", "alice", "_x", "carol"]) await buildUser(context.database.handle.db, { username });
    const cookie = await signIn(context.app, "admin", password);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `limit=2&cursor=${cursor}` : "limit=2";
      const response = await context.app.inject({ url: `/api/users?${query}`, headers: { cookie } });
      expect(response.statusCode).toBe(200);
      const page = response.json<{ items: { username: string }[]; nextCursor: string | null }>();
      seen.push(...page.items.map((u) => u.username));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(["Bob", "_x", "admin", "alice", "carol"]);
  });

  it("filters by prefix, treating LIKE wildcards as text", async () => {
    const { password } = await buildUser(context.database.handle.db, { username: "admin", roles: ["system_admin"] });
    await buildUser(context.database.handle.db, { username: "a_b" });
    await buildUser(context.database.handle.db, { username: "axb" });
    await buildUser(context.database.handle.db, { username: "lin", displayName: "林小明" });
    const cookie = await signIn(context.app, "admin", password);
    const names = async (q: string) =>
      (await context.app.inject({ url: `/api/users?q=${encodeURIComponent(q)}`, headers: { cookie } }))
        .json<{ items: { username: string }[] }>()
        .items.map((u) => u.username);
    expect(await names("a_")).toEqual(["a_b"]);
    expect(await names("林")).toEqual(["lin"]);
  });

  it("refuses a malformed cursor and a bad limit, naming the field", async () => {
    const { password } = await buildUser(context.database.handle.db, { username: "admin", roles: ["system_admin"] });
    const cookie = await signIn(context.app, "admin", password);
    const badCursor = await context.app.inject({ url: "/api/users?cursor=!!!", headers: { cookie } });
    expect(badCursor.statusCode).toBe(400);
    expect(badCursor.json<Problem>().errors).toContainEqual(expect.objectContaining({ in: "query", field: "cursor" }));
    const badLimit = await context.app.inject({ url: "/api/users?limit=100000", headers: { cookie } });
    expect(badLimit.statusCode).toBe(400);
    expect(badLimit.json<Problem>().errors).toContainEqual(
      expect.objectContaining({ in: "query", field: "limit", code: "too_big_number" }),
    );
    const unknown = await context.app.inject({ url: "/api/users?sort=name", headers: { cookie } });
    expect(unknown.json<Problem>().errors).toContainEqual(
      expect.objectContaining({ in: "query", field: "sort", code: "unknown_field" }),
    );
  });

  it("is forbidden without identity.users.read", async () => {
    const { password } = await buildUser(context.database.handle.db, { username: "member", roles: ["grid_member"] });
    const cookie = await signIn(context.app, "member", password);
    const response = await context.app.inject({ url: "/api/users", headers: { cookie } });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ code: "forbidden" });
  });
});
