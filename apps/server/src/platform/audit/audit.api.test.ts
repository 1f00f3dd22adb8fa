import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { buildUser } from "../../test/builders.js";
import { signIn, useTestApp } from "../../test/test-app.js";
import { asSuperuser } from "../../test/test-database.js";
import { AuditService } from "./audit.service.js";

let auditor: string;

const context = useTestApp();
beforeEach(async () => {
  await context.database.reset();
  const { password } = await buildUser(context.database.handle.db, { username: "auditor", roles: ["audit_admin"] });
  await buildUser(context.database.handle.db, { username: "clerk", password: "clerk-password" });
  await context.app.inject({ method: "POST", url: "/api/auth/login", payload: { username: "clerk", password: "wrong" } });
  await signIn(context.app, "clerk", "clerk-password");
  auditor = await signIn(context.app, "auditor", password);
});

type Page = {
  items: { action: string; actorUsername: string; result: string; chainSeq: number | null }[];
  nextCursor: string | null;
};

describe("GET /api/audit/events", () => {
  it("shows the trail newest first, filtered, page by page", async () => {
    const all = (await context.app.inject({ url: "/api/audit/events", headers: { cookie: auditor } })).json<Page>();
    expect(all.items.map((e) => [e.actorUsername, e.result])).toEqual([
      ["auditor", "success"],
      ["clerk", "success"],
      ["clerk", "invalid_credentials"],
    ]);
    const refused = (
      await context.app.inject({ url: "/api/audit/events?result=invalid_credentials", headers: { cookie: auditor } })
    ).json<Page>();
    expect(refused.items.map((e) => e.actorUsername)).toEqual(["clerk"]);
    const byActor = (
      await context.app.inject({ url: "/api/audit/events?actor=cl&limit=1", headers: { cookie: auditor } })
    ).json<Page>();
    expect(byActor.items).toHaveLength(1);
    const next = (
      await context.app.inject({
        url: `/api/audit/events?actor=cl&limit=1&cursor=${byActor.nextCursor}`,
        headers: { cookie: auditor },
      })
    ).json<Page>();
    expect(next.items.map((e) => e.result)).toEqual(["invalid_credentials"]);
  });

  it("is for audit administrators only, not for the system administrator", async () => {
    const { password } = await buildUser(context.database.handle.db, { username: "sys", roles: ["system_admin"] });
    const cookie = await signIn(context.app, "sys", password);
    expect((await context.app.inject({ url: "/api/audit/events", headers: { cookie } })).statusCode).toBe(403);
    expect((await context.app.inject({ url: "/api/audit/chain", headers: { cookie } })).statusCode).toBe(403);
  });
});

describe("GET /api/audit/chain", () => {
  it("reports rows waiting, then sealed and intact, then the first tampered row", async () => {
    const waiting = (await context.app.inject({ url: "/api/audit/chain", headers: { cookie: auditor } })).json();
    expect(waiting).toMatchObject({ sealed: 0, unsealed: 3, alarm: false, firstBroken: null });
    await new AuditService(context.database.handle.db).seal();
    const sealed = (await context.app.inject({ url: "/api/audit/chain", headers: { cookie: auditor } })).json();
    expect(sealed).toEqual({ sealed: 3, unsealed: 0, oldestUnsealedSeconds: null, alarm: false, firstBroken: null });
    await asSuperuser(
      context.database.handle.db,
      sql`update audit_events set result = 'success' where result = 'invalid_credentials'`,
    );
    const broken = (await context.app.inject({ url: "/api/audit/chain", headers: { cookie: auditor } })).json();
    expect(broken.firstBroken).toMatchObject({ chainSeq: 1, problem: "content_hash" });
  });
});
