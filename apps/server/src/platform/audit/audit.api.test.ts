import { sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { buildUser } from "../../test/builders.js";
import { buildTestApp, signIn } from "../../test/test-app.js";
import { openTestDatabase, type TestDatabase } from "../../test/test-database.js";
import { AuditService } from "./audit.service.js";

let database: TestDatabase;
let app: FastifyInstance;
let auditor: string;

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildTestApp(database.handle);
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});
beforeEach(async () => {
  await database.reset();
  const { password } = await buildUser(database.handle.db, { username: "auditor", roles: ["audit_admin"] });
  await buildUser(database.handle.db, { username: "clerk", password: "clerk-password" });
  await app.inject({ method: "POST", url: "/api/auth/login", payload: { username: "clerk", password: "wrong" } });
  await signIn(app, "clerk", "clerk-password");
  auditor = await signIn(app, "auditor", password);
});

type Page = {
  items: { action: string; actorUsername: string; result: string; chainSeq: number | null }[];
  nextCursor: string | null;
};

describe("GET /api/audit/events", () => {
  it("shows the trail newest first, filtered, page by page", async () => {
    const all = (await app.inject({ url: "/api/audit/events", headers: { cookie: auditor } })).json<Page>();
    expect(all.items.map((e) => [e.actorUsername, e.result])).toEqual([
      ["auditor", "success"],
      ["clerk", "success"],
      ["clerk", "invalid_credentials"],
    ]);
    const refused = (
      await app.inject({ url: "/api/audit/events?result=invalid_credentials", headers: { cookie: auditor } })
    ).json<Page>();
    expect(refused.items.map((e) => e.actorUsername)).toEqual(["clerk"]);
    const byActor = (await app.inject({ url: "/api/audit/events?actor=cl&limit=1", headers: { cookie: auditor } })).json<Page>();
    expect(byActor.items).toHaveLength(1);
    const next = (
      await app.inject({ url: `/api/audit/events?actor=cl&limit=1&cursor=${byActor.nextCursor}`, headers: { cookie: auditor } })
    ).json<Page>();
    expect(next.items.map((e) => e.result)).toEqual(["invalid_credentials"]);
  });

  it("is for audit administrators only, not for the system administrator", async () => {
    const { password } = await buildUser(database.handle.db, { username: "sys", roles: ["system_admin"] });
    const cookie = await signIn(app, "sys", password);
    expect((await app.inject({ url: "/api/audit/events", headers: { cookie } })).statusCode).toBe(403);
    expect((await app.inject({ url: "/api/audit/chain", headers: { cookie } })).statusCode).toBe(403);
  });
});

describe("GET /api/audit/chain", () => {
  it("reports rows waiting, then sealed and intact, then the first tampered row", async () => {
    const waiting = (await app.inject({ url: "/api/audit/chain", headers: { cookie: auditor } })).json();
    expect(waiting).toMatchObject({ sealed: 0, unsealed: 3, alarm: false, firstBroken: null });
    await new AuditService(database.handle.db).seal();
    const sealed = (await app.inject({ url: "/api/audit/chain", headers: { cookie: auditor } })).json();
    expect(sealed).toEqual({ sealed: 3, unsealed: 0, oldestUnsealedSeconds: null, alarm: false, firstBroken: null });
    await database.handle.db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.execute(sql`update audit_events set result = 'success' where result = 'invalid_credentials'`);
    });
    const broken = (await app.inject({ url: "/api/audit/chain", headers: { cookie: auditor } })).json();
    expect(broken.firstBroken).toMatchObject({ chainSeq: 1, problem: "content_hash" });
  });
});
