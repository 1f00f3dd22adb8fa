import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildApp } from "../../app.js";
import { loadConfig } from "../../config.js";
import { testKeyEnvironment } from "../../test/keys.js";
import { useTestApp } from "../../test/test-app.js";

const context = useTestApp();

describe("health", () => {
  it("/healthz says the process is up", async () => {
    const response = await context.app.inject({ url: "/healthz" });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: "ok" });
  });

  it("/readyz says the context.database is reachable and migrated", async () => {
    const response = await context.app.inject({ url: "/readyz" });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: "ready", database: { reachable: true } });
  });
});

describe("OpenAPI", () => {
  it("is generated at /api/openapi.json with every API route, its errors as problem+json", async () => {
    const response = await context.app.inject({ url: "/api/openapi.json" });
    expect(response.statusCode).toBe(200);
    const document = response.json();
    expect(document.openapi).toBe("3.1.0");
    expect(Object.keys(document.paths).sort()).toEqual([
      "/api/audit/chain",
      "/api/audit/events",
      "/api/auth/login",
      "/api/auth/logout",
      "/api/case-calendar",
      "/api/case-calendar/{day}",
      "/api/case-categories",
      "/api/case-categories/{code}",
      "/api/case-photos",
      "/api/case-photos/{id}",
      "/api/cases",
      "/api/cases/evaluation",
      "/api/cases/evaluation/export",
      "/api/cases/{id}",
      "/api/cases/{id}/handler-candidates",
      "/api/cases/{id}/rating",
      "/api/cases/{id}/transitions",
      "/api/collection/dwellings",
      "/api/collection/submissions",
      "/api/collection/submissions/{id}/accept",
      "/api/collection/submissions/{id}/return",
      "/api/communities/{code}/file",
      "/api/communities/{code}/residents/file",
      "/api/community-files/template",
      "/api/compounds",
      "/api/compounds/{id}",
      "/api/compounds/{id}/boundary",
      "/api/compounds/{id}/buildings",
      "/api/compounds/{id}/owner-roll",
      "/api/compounds/{id}/owner-roll/export",
      "/api/compounds/{id}/profile",
      "/api/disputes",
      "/api/disputes/export",
      "/api/disputes/stats",
      "/api/disputes/stats/export",
      "/api/disputes/{id}",
      "/api/disputes/{id}/close",
      "/api/disputes/{id}/sessions",
      "/api/dwellings",
      "/api/dwellings/{id}/owners",
      "/api/elections",
      "/api/elections/export",
      "/api/elections/{id}",
      "/api/elections/{id}/ballots",
      "/api/elections/{id}/close",
      "/api/elections/{id}/open",
      "/api/elections/{id}/result/export",
      "/api/elections/{id}/roll",
      "/api/elections/{id}/roll/export",
      "/api/elections/{id}/roll/import",
      "/api/elections/{id}/roll/{voterId}/paper-ballot",
      "/api/fraud-campaigns",
      "/api/fraud-campaigns/export",
      "/api/fraud-campaigns/{id}",
      "/api/fraud-campaigns/{id}/list",
      "/api/fraud-campaigns/{id}/progress",
      "/api/fraud-campaigns/{id}/progress/export",
      "/api/fraud-warnings",
      "/api/fraud-warnings/export",
      "/api/fraud-warnings/{id}/outcome",
      "/api/fraud-years",
      "/api/fraud-years/export",
      "/api/fraud-years/{code}/{year}",
      "/api/grid-staff",
      "/api/grid-staff/candidates",
      "/api/grid-staff/{id}/end",
      "/api/grids",
      "/api/grids/{code}",
      "/api/grids/{code}/boundary",
      "/api/households/{id}",
      "/api/households/{id}/merge",
      "/api/households/{id}/split",
      "/api/insights/overview",
      "/api/insights/overview/export",
      "/api/integrity-visits",
      "/api/integrity-visits/export",
      "/api/integrity-visits/{id}",
      "/api/locate",
      "/api/me",
      "/api/me/password",
      "/api/me/two-factor/confirm",
      "/api/me/two-factor/setup",
      "/api/meeting-files/{id}",
      "/api/meetings",
      "/api/meetings/export",
      "/api/meetings/{id}",
      "/api/meetings/{id}/attendance",
      "/api/meetings/{id}/cancel",
      "/api/meetings/{id}/files",
      "/api/meetings/{id}/minutes",
      "/api/meetings/{id}/motions",
      "/api/meetings/{id}/notice",
      "/api/meetings/{id}/sign-in",
      "/api/motions/{id}",
      "/api/motions/{id}/ballots",
      "/api/motions/{id}/close",
      "/api/motions/{id}/open",
      "/api/motions/{id}/recount",
      "/api/notifications",
      "/api/notifications/{id}/read",
      "/api/open311-clients",
      "/api/open311-clients/{id}/revoke",
      "/api/patrols",
      "/api/patrols/export",
      "/api/patrols/{id}",
      "/api/patrols/{id}/finish",
      "/api/patrols/{id}/hazards",
      "/api/patrols/{id}/points",
      "/api/public/case-duplicates",
      "/api/public/cases",
      "/api/public/compounds",
      "/api/regions",
      "/api/regions/search",
      "/api/regions/{code}",
      "/api/regions/{code}/boundary",
      "/api/registers/{register}",
      "/api/residents",
      "/api/residents/export",
      "/api/residents/file-template",
      "/api/residents/{id}",
      "/api/residents/{id}/account",
      "/api/residents/{id}/death",
      "/api/residents/{id}/move-in",
      "/api/residents/{id}/move-out",
      "/api/residents/{id}/registers",
      "/api/residents/{id}/registers/{register}",
      "/api/residents/{id}/reveal",
      "/api/resolution-actions/{id}/complete",
      "/api/resolution-actions/{id}/progress",
      "/api/resolutions",
      "/api/resolutions/export",
      "/api/resolutions/{id}",
      "/api/resolutions/{id}/actions",
      "/api/role-permissions",
      "/api/role-permissions/{role}",
      "/api/service-requests",
      "/api/service-requests/export",
      "/api/service-requests/{id}",
      "/api/service-requests/{id}/moves",
      "/api/settings",
      "/api/track/{code}",
      "/api/track/{code}/rating",
      "/api/track/{code}/reopen",
      "/api/users",
      "/api/users/{id}/disable",
      "/api/users/{id}/enable",
      "/api/users/{id}/reset-password",
      "/api/users/{id}/roles",
      "/api/users/{id}/scope",
      "/api/users/{id}/two-factor/reset",
      "/api/visit-coverage",
      "/api/visit-coverage/export",
      "/api/visit-plans",
      "/api/visit-rules",
      "/api/visit-rules/{id}",
      "/api/visit-tasks",
      "/api/visit-tasks/export",
      "/api/visits",
      "/api/visits/{id}",
      "/healthz",
      "/open311/v2/discovery.json",
      "/open311/v2/discovery.xml",
      "/open311/v2/requests.json",
      "/open311/v2/requests.xml",
      "/open311/v2/requests/{file}",
      "/open311/v2/services.json",
      "/open311/v2/services.xml",
      "/open311/v2/services/{file}",
      "/open311/v2/tokens/{file}",
      "/readyz",
    ]);
    const login = document.paths["/api/auth/login"].post;
    expect(Object.keys(login.requestBody.content)).toEqual(["application/json"]);
    expect(Object.keys(login.responses["401"].content)).toEqual(["application/problem+json"]);
  });

  it("is browsable at /api/docs", async () => {
    const response = await context.app.inject({ url: "/api/docs/" });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toContain("text/html");
  });
});

describe("routes", () => {
  it("cannot be registered without declaring their access", async () => {
    const bare = await buildApp({
      config: loadConfig({ ...testKeyEnvironment, LOG_LEVEL: "silent", WEB_DIST: "none" }),
      database: context.database.handle,
    });
    expect(() => bare.get("/api/forgotten", async () => "oops")).toThrow(/declares no access/);
    await bare.close();
  });

  it("all declare access; every non-public route refuses an anonymous caller", async () => {
    const apiRoutes = context.app.routeAccess.filter((route) => route.method !== "HEAD" && !route.url.startsWith("/api/docs"));
    expect(apiRoutes.map((route) => `${route.method} ${route.url} ${route.access}`).sort()).toEqual([
      "DELETE /api/case-calendar/:day cases.configure",
      "GET /api/audit/chain audit.read",
      "GET /api/audit/events audit.read",
      "GET /api/case-calendar signed_in",
      "GET /api/case-categories public",
      "GET /api/case-photos/:id signed_in",
      "GET /api/cases signed_in",
      "GET /api/cases/:id signed_in",
      "GET /api/cases/:id/handler-candidates cases.dispatch",
      "GET /api/cases/evaluation cases.read",
      "GET /api/cases/evaluation/export cases.read",
      "GET /api/collection/dwellings signed_in",
      "GET /api/collection/submissions signed_in",
      "GET /api/communities/:code/file grids.read",
      "GET /api/community-files/template grids.read",
      "GET /api/compounds grids.read",
      "GET /api/compounds/:id grids.read",
      "GET /api/compounds/:id/buildings grids.read",
      "GET /api/compounds/:id/owner-roll signed_in",
      "GET /api/compounds/:id/owner-roll/export signed_in",
      "GET /api/disputes signed_in",
      "GET /api/disputes/:id signed_in",
      "GET /api/disputes/export signed_in",
      "GET /api/disputes/stats disputes.read",
      "GET /api/disputes/stats/export disputes.read",
      "GET /api/dwellings grids.read",
      "GET /api/elections signed_in",
      "GET /api/elections/:id signed_in",
      "GET /api/elections/:id/result/export signed_in",
      "GET /api/elections/:id/roll signed_in",
      "GET /api/elections/:id/roll/export signed_in",
      "GET /api/elections/export signed_in",
      "GET /api/fraud-campaigns signed_in",
      "GET /api/fraud-campaigns/:id signed_in",
      "GET /api/fraud-campaigns/:id/progress signed_in",
      "GET /api/fraud-campaigns/:id/progress/export signed_in",
      "GET /api/fraud-campaigns/export signed_in",
      "GET /api/fraud-warnings signed_in",
      "GET /api/fraud-warnings/export signed_in",
      "GET /api/fraud-years signed_in",
      "GET /api/fraud-years/export signed_in",
      "GET /api/grid-staff/candidates grids.manage",
      "GET /api/grids grids.read",
      "GET /api/grids/:code grids.read",
      "GET /api/households/:id people.read",
      "GET /api/insights/overview insights.read",
      "GET /api/insights/overview/export insights.read",
      "GET /api/integrity-visits integrity.visits",
      "GET /api/integrity-visits/:id integrity.visits",
      "GET /api/integrity-visits/export integrity.visits",
      "GET /api/locate grids.read",
      "GET /api/me signed_in",
      "GET /api/meeting-files/:id signed_in",
      "GET /api/meetings signed_in",
      "GET /api/meetings/:id signed_in",
      "GET /api/meetings/export signed_in",
      "GET /api/motions/:id signed_in",
      "GET /api/motions/:id/recount signed_in",
      "GET /api/notifications signed_in",
      "GET /api/open311-clients open311.clients.manage",
      "GET /api/openapi.json public",
      "GET /api/patrols signed_in",
      "GET /api/patrols/:id signed_in",
      "GET /api/patrols/export signed_in",
      "GET /api/public/case-duplicates public",
      "GET /api/public/compounds public",
      "GET /api/regions signed_in",
      "GET /api/regions/:code signed_in",
      "GET /api/regions/search signed_in",
      "GET /api/registers/:register signed_in",
      "GET /api/residents people.read",
      "GET /api/residents/:id people.read",
      "GET /api/residents/:id/registers people.read",
      "GET /api/residents/export people.read",
      "GET /api/residents/file-template people.read",
      "GET /api/resolutions signed_in",
      "GET /api/resolutions/:id signed_in",
      "GET /api/resolutions/export signed_in",
      "GET /api/role-permissions identity.permissions.manage",
      "GET /api/service-requests services.read",
      "GET /api/service-requests/:id services.read",
      "GET /api/service-requests/export services.read",
      "GET /api/settings signed_in",
      "GET /api/track/:code public",
      "GET /api/users identity.users.read",
      "GET /api/visit-coverage visits.read",
      "GET /api/visit-coverage/export visits.read",
      "GET /api/visit-rules signed_in",
      "GET /api/visit-tasks signed_in",
      "GET /api/visit-tasks/export signed_in",
      "GET /api/visits/:id signed_in",
      "GET /healthz public",
      "GET /open311/v2/discovery.json public",
      "GET /open311/v2/discovery.xml public",
      "GET /open311/v2/requests.json public",
      "GET /open311/v2/requests.xml public",
      "GET /open311/v2/requests/:file public",
      "GET /open311/v2/services.json public",
      "GET /open311/v2/services.xml public",
      "GET /open311/v2/services/:file public",
      "GET /open311/v2/tokens/:file public",
      "GET /readyz public",
      "PATCH /api/case-categories/:code cases.configure",
      "PATCH /api/grids/:code grids.manage",
      "PATCH /api/residents/:id people.manage",
      "PATCH /api/visit-rules/:id visits.plan",
      "POST /api/auth/login public",
      "POST /api/auth/logout public",
      "POST /api/case-photos public",
      "POST /api/cases cases.report",
      "POST /api/cases/:id/rating signed_in",
      "POST /api/cases/:id/transitions signed_in",
      "POST /api/collection/submissions signed_in",
      "POST /api/collection/submissions/:id/accept people.review",
      "POST /api/collection/submissions/:id/return people.review",
      "POST /api/communities/:code/file grids.manage",
      "POST /api/communities/:code/residents/file people.manage",
      "POST /api/compounds grids.manage",
      "POST /api/compounds/:id/buildings grids.manage",
      "POST /api/compounds/:id/profile grids.manage",
      "POST /api/disputes disputes.record",
      "POST /api/disputes/:id/close disputes.record",
      "POST /api/disputes/:id/sessions disputes.record",
      "POST /api/dwellings grids.manage",
      "POST /api/elections deliberation.manage",
      "POST /api/elections/:id/ballots signed_in",
      "POST /api/elections/:id/close deliberation.manage",
      "POST /api/elections/:id/open deliberation.manage",
      "POST /api/elections/:id/roll deliberation.manage",
      "POST /api/elections/:id/roll/:voterId/paper-ballot deliberation.manage",
      "POST /api/elections/:id/roll/import deliberation.manage",
      "POST /api/fraud-campaigns fraud.manage",
      "POST /api/fraud-campaigns/:id/list fraud.manage",
      "POST /api/fraud-warnings/:id/outcome signed_in",
      "POST /api/grid-staff grids.manage",
      "POST /api/grid-staff/:id/end grids.manage",
      "POST /api/grids grids.manage",
      "POST /api/households/:id/merge people.manage",
      "POST /api/households/:id/split people.manage",
      "POST /api/integrity-visits integrity.visits",
      "POST /api/me/password signed_in",
      "POST /api/me/two-factor/confirm signed_in",
      "POST /api/me/two-factor/setup signed_in",
      "POST /api/meetings deliberation.manage",
      "POST /api/meetings/:id/attendance deliberation.manage",
      "POST /api/meetings/:id/cancel deliberation.manage",
      "POST /api/meetings/:id/files deliberation.manage",
      "POST /api/meetings/:id/motions deliberation.manage",
      "POST /api/meetings/:id/notice deliberation.manage",
      "POST /api/meetings/:id/sign-in deliberation.vote",
      "POST /api/motions/:id/ballots signed_in",
      "POST /api/motions/:id/close deliberation.manage",
      "POST /api/motions/:id/open deliberation.manage",
      "POST /api/notifications/:id/read signed_in",
      "POST /api/open311-clients open311.clients.manage",
      "POST /api/open311-clients/:id/revoke open311.clients.manage",
      "POST /api/patrols visits.record",
      "POST /api/patrols/:id/finish visits.record",
      "POST /api/patrols/:id/hazards visits.record",
      "POST /api/patrols/:id/points visits.record",
      "POST /api/public/cases public",
      "POST /api/residents people.manage",
      "POST /api/residents/:id/death people.manage",
      "POST /api/residents/:id/move-in people.manage",
      "POST /api/residents/:id/move-out people.manage",
      "POST /api/residents/:id/reveal people.reveal",
      "POST /api/resolution-actions/:id/complete deliberation.manage",
      "POST /api/resolution-actions/:id/progress deliberation.manage",
      "POST /api/resolutions/:id/actions deliberation.manage",
      "POST /api/service-requests/:id/moves services.handle",
      "POST /api/track/:code/rating public",
      "POST /api/track/:code/reopen public",
      "POST /api/users identity.users.manage",
      "POST /api/users/:id/disable identity.users.manage",
      "POST /api/users/:id/enable identity.users.manage",
      "POST /api/users/:id/reset-password identity.users.manage",
      "POST /api/users/:id/two-factor/reset identity.users.manage",
      "POST /api/visit-plans visits.plan",
      "POST /api/visit-rules visits.plan",
      "POST /api/visits visits.record",
      "POST /open311/v2/requests.json public",
      "POST /open311/v2/requests.xml public",
      "PUT /api/case-calendar/:day cases.configure",
      "PUT /api/compounds/:id/boundary grids.manage",
      "PUT /api/dwellings/:id/owners people.manage",
      "PUT /api/fraud-years/:code/:year fraud.manage",
      "PUT /api/grids/:code/boundary grids.manage",
      "PUT /api/meetings/:id/minutes deliberation.manage",
      "PUT /api/regions/:code/boundary grids.manage",
      "PUT /api/residents/:id/account people.manage",
      "PUT /api/residents/:id/registers/:register registers.manage",
      "PUT /api/role-permissions/:role identity.permissions.manage",
      "PUT /api/users/:id/roles identity.users.manage",
      "PUT /api/users/:id/scope identity.users.manage",
    ]);
    for (const route of apiRoutes.filter((r) => r.access !== "public")) {
      const url = route.url
        .replace(":id", "01a2258f-bd97-74a6-8f0f-68ce3c9c8a1f")
        .replace(":role", "resident")
        .replace(":code", "430405009009001");
      const response = await context.app.inject({ method: route.method as "GET", url });
      expect(response.statusCode, `${route.method} ${route.url}`).toBe(401);
    }
  });

  it("an unknown API path is a 404 problem", async () => {
    const response = await context.app.inject({ url: "/api/nothing-here", headers: { "accept-language": "en" } });
    expect(response.statusCode).toBe(404);
    expect(response.headers["content-type"]).toContain("application/problem+json");
    expect(response.json()).toMatchObject({ code: "not_found", title: "Not found", instance: "/api/nothing-here" });
  });

  it("echoes a request id, and takes a well-formed one from the caller", async () => {
    const own = await context.app.inject({ url: "/healthz", headers: { "x-request-id": "trace-123" } });
    expect(own.headers["x-request-id"]).toBe("trace-123");
    const generated = await context.app.inject({ url: "/healthz", headers: { "x-request-id": "bad id\n" } });
    expect(generated.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe("security headers", () => {
  it("forbid inline scripts, framing and sniffing on every response", async () => {
    const response = await context.app.inject({ url: "/healthz" });
    const policy = String(response.headers["content-security-policy"]);
    expect(policy).toContain("script-src 'self';");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(response.headers["x-content-type-options"]).toBe("nosniff");
    expect(response.headers["referrer-policy"]).toBe("same-origin");
    expect(response.headers["strict-transport-security"]).toBeUndefined();
  });

  it("add HSTS only when the request came over HTTPS through a trusted proxy", async () => {
    const config = { ...loadConfig({ ...testKeyEnvironment, LOG_LEVEL: "silent", WEB_DIST: "none", TRUST_PROXY: "true" }) };
    const proxied = await buildApp({ config, database: context.database.handle });
    const response = await proxied.inject({ url: "/healthz", headers: { "x-forwarded-proto": "https" } });
    expect(response.headers["strict-transport-security"]).toBe("max-age=31536000; includeSubDomains");
    await proxied.close();
  });
});

describe("the built web app", () => {
  it("is served at / and for client-side routes, but never instead of an API 404", async () => {
    const webDist = mkdtempSync(join(tmpdir(), "linli-web-"));
    writeFileSync(join(webDist, "index.html"), "<!doctype html><title>邻里</title>");
    const config = { ...loadConfig({ ...testKeyEnvironment, LOG_LEVEL: "silent" }), webDist };
    const web = await buildApp({ config, database: context.database.handle });
    const root = await web.inject({ url: "/" });
    expect(root.statusCode).toBe(200);
    expect(root.body).toContain("邻里");
    const clientRoute = await web.inject({ url: "/users", headers: { accept: "text/html" } });
    expect(clientRoute.statusCode).toBe(200);
    expect(clientRoute.headers["cache-control"]).toBe("no-cache");
    const api = await web.inject({ url: "/api/missing", headers: { accept: "text/html" } });
    expect(api.statusCode).toBe(404);
    expect(api.headers["content-type"]).toContain("application/problem+json");
    await web.close();
  });
});

describe("graceful shutdown", () => {
  it("finishes a request in flight, then refuses new connections", async () => {
    const config = { ...loadConfig({ ...testKeyEnvironment, LOG_LEVEL: "silent", WEB_DIST: "none" }) };
    const server = await buildApp({ config, database: context.database.handle });
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    let entered: () => void = () => {};
    const inside = new Promise<void>((resolve) => (entered = resolve));
    server.get("/slow", { config: { access: "public" } }, async () => {
      entered();
      await gate;
      return { done: true };
    });
    await server.listen({ host: "127.0.0.1", port: 0 });
    const { port } = server.server.address() as { port: number };
    const inFlight = fetch(`http://127.0.0.1:${port}/slow`);
    await inside;
    const closing = server.close();
    release();
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ done: true });
    await closing;
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  });
});
