import { asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../db/client.js";
import { auditEvents } from "../../db/schema.js";
import { asSuperuser, openTestDatabase, type TestDatabase } from "../../test/test-database.js";
import { AuditService } from "./audit.service.js";
import { runAuditVerify } from "./audit-verify.js";

let database: TestDatabase;
let db: Database;
beforeAll(async () => {
  database = await openTestDatabase();
  db = database.handle.db;
});
afterAll(() => database?.close());
beforeEach(() => database.reset());

const event = (action: string) => ({
  actor: { userId: null, username: "zhang.wei", roles: ["grid_leader"] },
  ip: "127.0.0.1",
  action,
  result: "success",
});

async function recordMany(audit: AuditService, count: number) {
  for (let i = 1; i <= count; i++) await db.transaction((tx) => audit.record(tx, event(`test.action_${i}`)));
}

const tamper = (statement: ReturnType<typeof sql>) => asSuperuser(db, statement);

describe("recording", () => {
  it("commits with the change it records, and rolls back with it", async () => {
    const audit = new AuditService(db);
    await db
      .transaction(async (tx) => {
        await audit.record(tx, event("test.rolled_back"));
        throw new Error("the change failed");
      })
      .catch(() => {});
    await db.transaction((tx) => audit.record(tx, event("test.committed")));
    const rows = await db.select().from(auditEvents);
    expect(rows.map((row) => row.action)).toEqual(["test.committed"]);
    expect(rows[0]).toMatchObject({ actorUsername: "zhang.wei", actorRoles: ["grid_leader"], chainSeq: null });
  });
});

describe("sealing and verification", () => {
  it("links committed rows into one chain, in order, once", async () => {
    const audit = new AuditService(db);
    await recordMany(audit, 5);
    expect(await audit.seal()).toBe(5);
    expect(await audit.seal()).toBe(0);
    await recordMany(audit, 2);
    expect(await audit.seal()).toBe(2);
    const chain = await db.select().from(auditEvents).orderBy(asc(auditEvents.chainSeq));
    expect(chain.map((row) => row.chainSeq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(chain.map((row) => row.action)).toEqual([1, 2, 3, 4, 5, 6, 7].map((i) => `test.action_${i > 5 ? i - 5 : i}`));
    for (let i = 1; i < chain.length; i++) expect(chain[i]?.prevHash).toBe(chain[i - 1]?.chainHash);
    expect(await audit.verify()).toEqual({ sealed: 7, unsealed: 0, oldestUnsealedSeconds: null, firstBroken: null });
  });

  it("names the first row whose content was altered directly in the database", async () => {
    const audit = new AuditService(db);
    await recordMany(audit, 4);
    await audit.seal();
    const [third] = await db.select().from(auditEvents).where(eq(auditEvents.chainSeq, 3));
    await tamper(sql`update audit_events set result = 'denied' where chain_seq = 3`);
    expect((await audit.verify()).firstBroken).toEqual({ chainSeq: 3, id: third?.id, problem: "content_hash" });
  });

  it("names the row after one that was deleted, and a re-hashed forgery", async () => {
    const audit = new AuditService(db);
    await recordMany(audit, 4);
    await audit.seal();
    await tamper(sql`delete from audit_events where chain_seq = 2`);
    expect((await audit.verify()).firstBroken).toMatchObject({ chainSeq: 3, problem: "chain_link" });
  });

  it("reports rows waiting to be sealed, and an overdue one as an alarm", async () => {
    let now = new Date("2026-11-29T08:00:00Z").getTime();
    const audit = new AuditService(db, () => new Date(now));
    await recordMany(audit, 2);
    now += 30_000;
    expect(await audit.overdueUnsealed()).toBe(0);
    now += 31_000;
    expect(await audit.overdueUnsealed()).toBe(2);
    expect(await audit.verify()).toMatchObject({ sealed: 0, unsealed: 2, oldestUnsealedSeconds: 61 });
  });

  it("keeps the chain intact while writers and several sealers run at once", async () => {
    const audit = new AuditService(db);
    const writers = Array.from({ length: 20 }, (_, i) => db.transaction((tx) => audit.record(tx, event(`test.concurrent_${i}`))));
    const sealers = Array.from({ length: 3 }, () => audit.seal(4));
    await Promise.all([...writers, ...sealers]);
    while ((await audit.seal()) > 0);
    expect(await audit.verify()).toEqual({ sealed: 20, unsealed: 0, oldestUnsealedSeconds: null, firstBroken: null });
  });
});

describe("npm run audit:verify", () => {
  it("says the chain is intact, or names the tampered row and fails", async () => {
    const audit = new AuditService(db);
    await recordMany(audit, 3);
    await audit.seal();
    const lines: string[] = [];
    expect(await runAuditVerify(audit, (line) => lines.push(line))).toBe(0);
    expect(lines).toEqual(["Audit chain intact: 3 sealed rows; 0 waiting to be sealed."]);
    const [second] = await db.select().from(auditEvents).where(eq(auditEvents.chainSeq, 2));
    await tamper(sql`update audit_events set actor_username = 'someone_else' where chain_seq = 2`);
    lines.length = 0;
    expect(await runAuditVerify(audit, (line) => lines.push(line))).toBe(1);
    expect(lines).toEqual([
      `Audit chain BROKEN at chain_seq 2 (id ${second?.id}): its content does not match its hash. 1 row(s) before it verify.`,
    ]);
  });
});

describe("append-only", () => {
  it("refuses to delete, truncate, alter content or re-link a row through the application", async () => {
    const audit = new AuditService(db);
    await recordMany(audit, 2);
    await audit.seal();
    await recordMany(audit, 1);
    const attempts = [
      sql`delete from audit_events`,
      sql`truncate audit_events`,
      sql`update audit_events set action = 'forged' where chain_seq is null`,
      sql`update audit_events set chain_hash = 'forged' where chain_seq = 1`,
    ];
    for (const attempt of attempts) {
      await expect(db.execute(attempt)).rejects.toThrow();
    }
    const rows = await db.select().from(auditEvents);
    expect(rows).toHaveLength(3);
    expect(rows.some((row) => row.action === "forged" || row.chainHash === "forged")).toBe(false);
    expect((await audit.verify()).firstBroken).toBeNull();
  });
});

describe("the application's database role", () => {
  const rejection = async (statement: ReturnType<typeof sql>) =>
    db.execute(statement).then(
      () => "allowed",
      (error: { cause?: { message?: string }; message: string }) => error.cause?.message ?? error.message,
    );

  it("may only read, append to and seal audit_events: the grant refuses before any trigger", async () => {
    const current = await db.execute(sql`select current_user as name`);
    expect((current as unknown as { rows: { name: string }[] }).rows[0]?.name).toBe("linli_app");
    await recordMany(new AuditService(db), 1);
    for (const attempt of [
      sql`delete from audit_events`,
      sql`truncate audit_events`,
      sql`update audit_events set action = 'forged'`,
    ]) {
      expect(await rejection(attempt)).toMatch(/permission denied/);
    }
    const privileges = await db.execute(sql`select
      has_table_privilege('linli_app', 'audit_events', 'INSERT') as insert,
      has_table_privilege('linli_app', 'audit_events', 'SELECT') as select,
      has_table_privilege('linli_app', 'audit_events', 'UPDATE') as update_any,
      has_table_privilege('linli_app', 'audit_events', 'DELETE') as delete,
      has_table_privilege('linli_app', 'audit_events', 'TRUNCATE') as truncate,
      has_column_privilege('linli_app', 'audit_events', 'chain_hash', 'UPDATE') as seal`);
    expect((privileges as unknown as { rows: unknown[] }).rows[0]).toEqual({
      insert: true,
      select: true,
      update_any: false,
      delete: false,
      truncate: false,
      seal: true,
    });
  });
});
