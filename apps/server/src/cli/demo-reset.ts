import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { loadConfig } from "../config.js";
import { openDatabase } from "../db/client.js";
import { rowsOf } from "../db/migrate.js";
import { DemoService } from "../modules/demo/demo.service.js";
import { loadPrivacyKeys } from "../platform/privacy/keys.js";
import { createServices } from "../services.js";
import { openMigratedDatabase } from "../start.js";

/**
 * npm run demo:reset -- --yes: empties the configured database (every table, the audit trail
 * too) and loads the demo into it. It refuses a database that holds accounts but not the demo's,
 * so real data is not erased by a slip; --force overrides that.
 */
const { values } = parseArgs({ options: { yes: { type: "boolean" }, force: { type: "boolean" } } });
const config = loadConfig();
const where =
  config.database.engine === "pglite"
    ? `the PGlite database in ${config.database.dataDir}`
    : "the PostgreSQL database at DATABASE_URL";
if (!values.yes) {
  process.stderr.write(
    `demo:reset deletes every record in ${where} and loads the demo.\n  Run it as: npm run demo:reset -- --yes\n`,
  );
  process.exit(2);
}

const owner = await openDatabase(config.database.engine === "postgres" ? { ...config.database, poolSize: 2 } : config.database);
try {
  const hasUsers = rowsOf<{ table: string | null }>(
    await owner.db.execute(sql`select to_regclass('public.users')::text as table`),
  )[0]?.table;
  const holds = hasUsers
    ? rowsOf<{ accounts: number; demo: boolean }>(
        await owner.db.execute(sql`select count(*)::int as accounts, bool_or(username = 'demo.sysadmin') as demo from users`),
      )[0]
    : undefined;
  if (holds && holds.accounts > 0 && !holds.demo && !values.force) {
    process.stderr.write(`${where} holds accounts that are not the demo's; nothing was changed (--force to erase it anyway).\n`);
    process.exit(1);
  }
  await owner.db.execute(sql`drop schema if exists drizzle cascade`);
  await owner.db.execute(sql`drop schema if exists public cascade`);
  await owner.db.execute(sql`create schema public`);
} finally {
  await owner.close();
}

const database = await openMigratedDatabase(config);
try {
  const keys = loadPrivacyKeys(config.privacy, config.database.engine);
  const report = await new DemoService(createServices(database.db, { ...config, keys }), (clock) =>
    createServices(database.db, { ...config, keys }, clock),
  ).load();
  process.stdout.write(
    `Demo loaded into ${where}: ${report.communities} communities, ${report.compounds} compounds, ${report.grids} grids, ` +
      `${report.dwellings} dwellings, ${report.accounts} accounts (password: see README, Demo).\n`,
  );
} finally {
  await database.close();
}
