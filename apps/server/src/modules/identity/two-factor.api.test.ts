import type { TwoFactorSetup } from "@linli/contracts";
import { asc, eq } from "drizzle-orm";
import { generate } from "otplib";
import { beforeEach, describe, expect, it } from "vitest";
import { auditEvents, users } from "../../db/schema.js";
import { buildUser } from "../../test/builders.js";
import { sessionHeaders, signIn, signInNewUser, useTestApp } from "../../test/test-app.js";
import { nextTotpCode, rememberTotpSecret } from "../../test/totp.js";

let admin: string;

const context = useTestApp();
beforeEach(async () => {
  await context.database.reset();
  admin = await signInNewUser(context, { username: "sysadmin", roles: ["system_admin"] });
});

const as = sessionHeaders;
const login = (payload: object) => context.app.inject({ method: "POST", url: "/api/auth/login", payload });
const codeNow = (secret: string) => generate({ secret, epoch: Math.floor(Date.now() / 1000) });
const auditResults = async (action: string) =>
  (await context.database.handle.db.select().from(auditEvents).orderBy(asc(auditEvents.id)))
    .filter((row) => row.action === action)
    .map((row) => row.result);

describe("enrolment", () => {
  it("holds a county administrator to enrolment, then lets the session work once a code confirms it", async () => {
    const { password } = await buildUser(context.database.handle.db, {
      username: "county",
      roles: ["county_admin"],
      twoFactor: false,
    });
    const cookie = await signIn(context.app, "county", password);
    expect((await context.app.inject({ url: "/api/users", headers: as(cookie) })).json()).toMatchObject({
      code: "two_factor_enrollment_required",
    });

    const setup = await context.app.inject({ method: "POST", url: "/api/me/two-factor/setup", headers: as(cookie) });
    expect(setup.statusCode).toBe(200);
    const { secret, uri } = setup.json<TwoFactorSetup>();
    expect(uri).toContain(`secret=${secret}`);

    const confirm = (code: string) =>
      context.app.inject({ method: "POST", url: "/api/me/two-factor/confirm", headers: as(cookie), payload: { code } });
    const wrong = await confirm(String((Number(await codeNow(secret)) + 1) % 1_000_000).padStart(6, "0"));
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors).toMatchObject([{ field: "code", code: "incorrect" }]);

    const confirmed = await confirm(await codeNow(secret));
    expect(confirmed.statusCode).toBe(200);
    const { codes } = confirmed.json<{ codes: string[] }>();
    expect(codes).toHaveLength(10);
    expect((await context.app.inject({ url: "/api/users", headers: as(cookie) })).statusCode).toBe(200);
    expect(await auditResults("identity.two_factor_enabled")).toEqual(["success"]);

    // A working factor is replaced only through an administrator's reset.
    expect((await context.app.inject({ method: "POST", url: "/api/me/two-factor/setup", headers: as(cookie) })).statusCode).toBe(
      409,
    );
    const [row] = await context.database.handle.db.select().from(users).where(eq(users.username, "county"));
    expect(row?.totpSecret).toBe(secret);
  });
});

describe("signing in with a second factor", () => {
  let password = "";
  beforeEach(async () => {
    ({ password } = await buildUser(context.database.handle.db, { username: "city", roles: ["city_admin"] }));
  });

  it("asks for the code after a right password, without counting a failure", async () => {
    const response = await login({ username: "city", password });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ code: "two_factor_required" });
    expect(response.cookies).toEqual([]);
    const [row] = await context.database.handle.db.select().from(users).where(eq(users.username, "city"));
    expect(row?.failedSignIns).toBe(0);
    expect(await auditResults("identity.sign_in")).toContain("two_factor_required");
  });

  it("never reveals whether the password was right when the code is missing for a wrong one", async () => {
    const response = await login({ username: "city", password: "wrong-password" });
    expect(response.json()).toMatchObject({ code: "invalid_credentials" });
  });

  it("accepts a code once: the same code again is refused", async () => {
    const code = await nextTotpCode("city");
    expect((await login({ username: "city", password, totpCode: code })).statusCode).toBe(200);
    const replay = await login({ username: "city", password, totpCode: code });
    expect(replay.statusCode).toBe(401);
    expect(replay.json()).toMatchObject({ code: "two_factor_invalid" });
  });

  it("locks the account after five wrong codes, as after five wrong passwords", async () => {
    for (let i = 0; i < 5; i++) {
      expect((await login({ username: "city", password, totpCode: "000000" })).json()).toMatchObject({
        code: expect.stringMatching(/two_factor_invalid|account_locked/),
      });
    }
    const locked = await login({ username: "city", password, totpCode: await nextTotpCode("city") });
    expect(locked.json()).toMatchObject({ code: "account_locked" });
  });
});

describe("recovery codes and the administrator's reset", () => {
  it("sign in once each; a reset removes the factor and ends the sessions", async () => {
    const { user, password } = await buildUser(context.database.handle.db, {
      username: "auditor",
      roles: ["audit_admin"],
      twoFactor: false,
    });
    const first = await signIn(context.app, "auditor", password);
    const { secret } = (
      await context.app.inject({ method: "POST", url: "/api/me/two-factor/setup", headers: as(first) })
    ).json<TwoFactorSetup>();
    const confirmed = await context.app.inject({
      method: "POST",
      url: "/api/me/two-factor/confirm",
      headers: as(first),
      payload: { code: await codeNow(secret) },
    });
    const [recovery = ""] = confirmed.json<{ codes: string[] }>().codes;

    const withRecovery = await login({ username: "auditor", password, recoveryCode: recovery.toUpperCase() });
    expect(withRecovery.statusCode).toBe(200);
    expect((await login({ username: "auditor", password, recoveryCode: recovery })).json()).toMatchObject({
      code: "two_factor_invalid",
    });

    const reset = await context.app.inject({ method: "POST", url: `/api/users/${user.id}/two-factor/reset`, headers: as(admin) });
    expect(reset.statusCode).toBe(200);
    expect(reset.json()).toMatchObject({ twoFactorEnabled: false });
    expect((await context.app.inject({ url: "/api/me", headers: as(first) })).statusCode).toBe(401);
    rememberTotpSecret("auditor", null);
    const after = await login({ username: "auditor", password });
    expect(after.statusCode).toBe(200);
    expect(after.json()).toMatchObject({ twoFactor: { enabled: false, required: true } });
    expect(await auditResults("identity.two_factor_reset")).toEqual(["success"]);
  });
});
