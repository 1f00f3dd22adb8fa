import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { sessions, users } from "../../db/schema.js";
import { AuditService } from "../../platform/audit/audit.service.js";
import { buildUser } from "../../test/builders.js";
import { openTestDatabase, type TestDatabase } from "../../test/test-database.js";
import { AccountService } from "./account.service.js";
import { IdentityRepository } from "./identity.repository.js";
import { IdentityService } from "./identity.service.js";

let database: TestDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database?.close());
beforeEach(() => database.reset());

const local = { ip: "127.0.0.1" };

/** A service whose clock the test moves by hand. */
function serviceAt(start: Date, passwordMaxAgeDays = 0) {
  let now = start.getTime();
  const clock = () => new Date(now);
  const policy = {
    idleMinutes: 30,
    absoluteHours: 12,
    lockoutAttempts: 5,
    lockoutMinutes: 15,
    passwordMinLength: 8,
    passwordCharacterClasses: 1,
    passwordMaxAgeDays,
  };
  const audit = new AuditService(database.handle.db, clock);
  const service = new IdentityService(database.handle.db, policy, audit, clock);
  const accounts = new AccountService(database.handle.db, policy, audit);
  return { service, accounts, advanceMinutes: (minutes: number) => (now += minutes * 60_000) };
}

describe("sessions", () => {
  it("end after 30 idle minutes, but activity keeps them alive", async () => {
    const { password } = await buildUser(database.handle.db, { username: "idle" });
    const { service, advanceMinutes } = serviceAt(new Date("2026-11-29T08:00:00Z"));
    const { token } = await service.signIn({ username: "idle", password: password }, local);
    advanceMinutes(29);
    expect(await service.authenticate(token)).toMatchObject({ username: "idle" });
    advanceMinutes(29); // 58 minutes since sign-in, 29 since the last request
    expect(await service.authenticate(token)).toMatchObject({ username: "idle" });
    advanceMinutes(31);
    expect(await service.authenticate(token)).toBeNull();
  });

  it("end 12 hours after sign-in however active they are", async () => {
    const { password } = await buildUser(database.handle.db, { username: "busy" });
    const { service, advanceMinutes } = serviceAt(new Date("2026-11-29T08:00:00Z"));
    const { token } = await service.signIn({ username: "busy", password: password }, local);
    for (let minute = 0; minute < 12 * 60 - 20; minute += 20) {
      advanceMinutes(20);
      expect(await service.authenticate(token)).not.toBeNull();
    }
    advanceMinutes(20);
    expect(await service.authenticate(token)).toBeNull();
  });

  it("end at once when the account is disabled", async () => {
    const { user, password } = await buildUser(database.handle.db, { username: "leaver" });
    const { service } = serviceAt(new Date());
    const { token } = await service.signIn({ username: "leaver", password: password }, local);
    await database.handle.db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, user.id));
    expect(await service.authenticate(token)).toBeNull();
  });

  it("that ended are purged; live ones stay", async () => {
    const { password } = await buildUser(database.handle.db, { username: "purge" });
    const { service, advanceMinutes } = serviceAt(new Date("2026-11-29T08:00:00Z"));
    await service.signIn({ username: "purge", password: password }, local);
    advanceMinutes(20);
    const { token: recent } = await service.signIn({ username: "purge", password: password }, local);
    expect(await service.purgeEndedSessions()).toBe(0);
    advanceMinutes(15); // the first is idle for 35 minutes, the second for 15
    expect(await service.purgeEndedSessions()).toBe(1);
    expect(await service.authenticate(recent)).toMatchObject({ username: "purge" });
  });

  it("store only a hash of the token", async () => {
    const { password } = await buildUser(database.handle.db, { username: "hash" });
    const { service } = serviceAt(new Date());
    const { token } = await service.signIn({ username: "hash", password: password }, local);
    const rows = await database.handle.db.select().from(sessions);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.id).not.toContain(token);
    expect(rows[0]?.id).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("lockout", () => {
  const code = (promise: Promise<unknown>) =>
    promise.then(
      () => "signed_in",
      (error: { code: string }) => error.code,
    );

  it("locks the account for 15 minutes after 5 failed sign-ins, then lets the right password in", async () => {
    const { password } = await buildUser(database.handle.db, { username: "target" });
    const { service, advanceMinutes } = serviceAt(new Date("2026-11-29T08:00:00Z"));
    for (let i = 0; i < 5; i++)
      expect(await code(service.signIn({ username: "target", password: "guess" }, local))).toBe("invalid_credentials");
    expect(await code(service.signIn({ username: "target", password: password }, local))).toBe("account_locked");
    advanceMinutes(14);
    expect(await code(service.signIn({ username: "target", password: password }, local))).toBe("account_locked");
    advanceMinutes(2);
    expect(await code(service.signIn({ username: "target", password: password }, local))).toBe("signed_in");
    // The count restarted: four more failures do not lock.
    for (let i = 0; i < 4; i++)
      expect(await code(service.signIn({ username: "target", password: "guess" }, local))).toBe("invalid_credentials");
    expect(await code(service.signIn({ username: "target", password: password }, local))).toBe("signed_in");
  });

  it("counts only failures within the window", async () => {
    const { password } = await buildUser(database.handle.db, { username: "slow" });
    const { service, advanceMinutes } = serviceAt(new Date("2026-11-29T08:00:00Z"));
    for (let i = 0; i < 4; i++)
      expect(await code(service.signIn({ username: "slow", password: "guess" }, local))).toBe("invalid_credentials");
    advanceMinutes(16);
    for (let i = 0; i < 4; i++)
      expect(await code(service.signIn({ username: "slow", password: "guess" }, local))).toBe("invalid_credentials");
    expect(await code(service.signIn({ username: "slow", password: password }, local))).toBe("signed_in");
  });
});

describe("password age", () => {
  it("holds a session to changing the password once it is older than the maximum age", async () => {
    const { service } = serviceAt(new Date(Date.now() + 91 * 86_400_000), 90);
    const { password } = await buildUser(database.handle.db, { username: "old" });
    const { actor } = await service.signIn({ username: "old", password }, local);
    expect(actor.mustChangePassword).toBe(true);
    const { service: lenient } = serviceAt(new Date(Date.now() + 91 * 86_400_000), 0);
    expect((await lenient.signIn({ username: "old", password }, local)).actor.mustChangePassword).toBe(false);
  });

  it("treats an issued one-time password as one to change at once", async () => {
    const { service } = serviceAt(new Date());
    const { password } = await buildUser(database.handle.db, { username: "fresh", mustChangePassword: true });
    expect((await service.signIn({ username: "fresh", password }, local)).actor.mustChangePassword).toBe(true);
  });
});

describe("first administrator", () => {
  it("is created once, with a random password that signs in", async () => {
    const { service, accounts } = serviceAt(new Date());
    const first = await accounts.ensureFirstAdministrator();
    expect(first?.username).toBe("admin");
    expect(first?.password).toMatch(/^[A-Za-z0-9]{20}$/);
    expect(await accounts.ensureFirstAdministrator()).toBeNull();
    const { actor } = await service.signIn({ username: "admin", password: first?.password ?? "" }, local);
    expect(actor.roles).toEqual(["system_admin"]);
  });

  it("is created once even when instances start together", async () => {
    const services = [1, 2, 3].map(() => serviceAt(new Date()).accounts);
    const results = await Promise.all(services.map((accounts) => accounts.ensureFirstAdministrator()));
    expect(results.filter((result) => result !== null)).toHaveLength(1);
    expect(await new IdentityRepository(database.handle.db).countUsers()).toBe(1);
  });
});
