import { buildApp } from "./app.js";
import { loadConfig } from "./config.js";
import { DemoService, demoWanted } from "./modules/demo/demo.service.js";
import { demoAccounts, demoPassword } from "./modules/demo/demo-data.js";
import { forgetOldIdempotencyKeys } from "./platform/idempotency/idempotency.js";
import { loadPrivacyKeys } from "./platform/privacy/keys.js";
import { createServices } from "./services.js";
import { openMigratedDatabase } from "./start.js";

/** Start-up failures (bad configuration, database in use or unreachable) end in one clear line. */
function fail(error: unknown): never {
  process.stderr.write(`Linli cannot start: ${(error as Error).message}\n`);
  process.exit(1);
}

const config = (() => {
  try {
    return loadConfig();
  } catch (error) {
    fail(error);
  }
})();
const database = await openMigratedDatabase(config).catch(fail);
const keys = (() => {
  try {
    return loadPrivacyKeys(config.privacy, config.database.engine);
  } catch (error) {
    fail(error);
  }
})();
const services = createServices(database.db, { ...config, keys });
const { audit, identity, accounts } = services;
// An empty database gets the demo when DEMO asks for it; otherwise its first administrator.
const demo =
  demoWanted(config.demo, config.database.engine) && (await accounts.countAccounts()) === 0
    ? await new DemoService(services, (clock) => createServices(database.db, { ...config, keys }, clock)).load().catch(fail)
    : null;
const firstAdministrator = demo ? null : await accounts.ensureFirstAdministrator();
const app = await buildApp({ config, database, privacyKeys: keys });

// Ended sessions are refused when presented; this removes the ones never presented again. Old
// idempotency keys and photos never attached to a case go too. Each is safe in every instance.
const purgeTimer = setInterval(() => {
  identity.purgeEndedSessions().catch((error: unknown) => app.log.warn({ err: error }, "session purge failed"));
  forgetOldIdempotencyKeys(database.db).catch((error: unknown) => app.log.warn({ err: error }, "idempotency key purge failed"));
  services.casePhotos
    .forgetUnattached(new Date())
    .catch((error: unknown) => app.log.warn({ err: error }, "unattached photo purge failed"));
}, 15 * 60_000);
purgeTimer.unref();

// Links new audit rows into the hash chain shortly after they commit; rows left unsealed for
// over a minute are an alarm (the sealer is failing or stopped).
const sealTimer = setInterval(async () => {
  try {
    await audit.seal();
    const overdue = await audit.overdueUnsealed();
    if (overdue > 0) app.log.error({ overdue }, "audit rows unsealed for over a minute");
  } catch (error) {
    app.log.error({ err: error }, "audit sealing failed");
  }
}, 2_000);
sealTimer.unref();

// 督办: overdue cases escalate to the community director, then the township. Claimed with SKIP
// LOCKED, so every instance may run it; CASE_ESCALATION_INTERVAL_SECONDS=0 leaves it to others.
const escalationTimer =
  config.cases.escalationIntervalSeconds > 0
    ? setInterval(() => {
        services.caseEscalation
          .run()
          .then((count) => {
            if (count > 0) app.log.info({ count }, "cases escalated");
          })
          .catch((error: unknown) => app.log.error({ err: error }, "case escalation failed"));
      }, config.cases.escalationIntervalSeconds * 1_000)
    : null;
escalationTimer?.unref();

// The overview's rollups take in the rows that changed. One refresher at a time (an advisory
// lock), so every instance may run it; INSIGHTS_REFRESH_SECONDS=0 leaves it to others.
let refreshing = false;
const insightsTimer =
  config.insightsRefreshSeconds > 0
    ? setInterval(() => {
        if (refreshing) return;
        refreshing = true;
        services.insights
          .refresh()
          .catch((error: unknown) => app.log.error({ err: error }, "overview refresh failed"))
          .finally(() => {
            refreshing = false;
          });
      }, config.insightsRefreshSeconds * 1_000)
    : null;
insightsTimer?.unref();

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  app.log.info({ signal }, "shutting down: no new connections, finishing requests in flight");
  const timer = setTimeout(() => {
    app.log.error("shutdown timed out; exiting");
    process.exit(1);
  }, config.shutdownTimeoutMs);
  timer.unref();
  clearInterval(purgeTimer);
  clearInterval(sealTimer);
  if (escalationTimer) clearInterval(escalationTimer);
  if (insightsTimer) clearInterval(insightsTimer);
  try {
    await app.close();
    await audit.seal().catch(() => 0);
    await database.close();
    app.log.info("shutdown complete");
    process.exit(0);
  } catch (error) {
    app.log.error({ err: error }, "shutdown failed");
    process.exit(1);
  }
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));

try {
  await app.listen({ host: config.host, port: config.port });
} catch (error) {
  app.log.fatal({ err: error }, "could not listen");
  await database.close();
  process.exit(1);
}

const address = app.server.address();
const port = typeof address === "object" && address ? address.port : config.port;
const url = `http://${config.host === "0.0.0.0" || config.host === "::" ? "localhost" : config.host}:${port}`;
const engine = config.database.engine === "pglite" ? `PGlite in ${config.database.dataDir}` : "PostgreSQL";
// Written to stdout directly, not to the log: the one-time password must not reach log storage.
const lines = ["", `  邻里 Linli is running at ${url}   (database: ${engine})`, `  API documentation: ${url}/api/docs`];
if (keys.generated.length > 0)
  lines.push(
    `  New keys for ID and phone numbers were written to ${keys.generated.join(" and ")}.`,
    "  Back them up apart from the database: without them those numbers cannot be read (docs/security.md, Keys).",
  );
if (demo) {
  lines.push(
    "",
    `  演示模式：已载入演示数据（${demo.communities} 个社区、${demo.compounds} 个小区、${demo.grids} 个网格、${demo.dwellings} 套房屋、${demo.residents} 名居民、${demo.cases} 件事件，均为虚构）`,
    `  Demo mode: demo data loaded. Every demo account signs in with the demo password: ${demoPassword}`,
    `    ${demoAccounts.map((account) => account.username).join(", ")}`,
    "  Not for real data: start on an empty database with DEMO=off (README, Demo).",
  );
} else if (firstAdministrator) {
  lines.push(
    "",
    "  首个管理员已创建，密码只显示这一次 / First administrator created; the password is shown only once:",
    `    username: ${firstAdministrator.username}`,
    `    password: ${firstAdministrator.password}`,
  );
} else {
  lines.push("  Sign in with an existing account, or create one: npm run admin:create -- --username NAME");
}
process.stdout.write(`${lines.join("\n")}\n\n`);
