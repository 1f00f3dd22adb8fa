import { userInfo } from "node:os";
import { parseArgs } from "node:util";
import { loadConfig } from "../config.js";
import { AccountService } from "../modules/identity/account.service.js";
import { AuditService } from "../platform/audit/audit.service.js";
import { AppError } from "../platform/errors/app-error.js";
import { openMigratedDatabase } from "../start.js";

/** npm run admin:create -- --username NAME [--display-name TEXT]: prints a one-time password. */
const { values } = parseArgs({
  options: { username: { type: "string" }, "display-name": { type: "string" } },
});
const username = values.username?.trim();
if (!username || !/^[\w.-]{1,64}$/.test(username)) {
  process.stderr.write("usage: npm run admin:create -- --username NAME [--display-name TEXT]\n");
  process.stderr.write("  NAME: 1–64 letters, digits, '.', '_' or '-'\n");
  process.exit(2);
}
const config = loadConfig();
const database = await openMigratedDatabase(config).catch((error: Error) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
});
try {
  const service = new AccountService(database.db, config.session, new AuditService(database.db));
  const { password } = await service.createAdministrator(
    username,
    values["display-name"] ?? username,
    `cli:${userInfo().username}`,
  );
  process.stdout.write(`Created system administrator '${username}'. Password (shown only once): ${password}\n`);
} catch (error) {
  const duplicate = error instanceof AppError && error.code === "conflict";
  process.stderr.write(duplicate ? `An account named '${username}' already exists.\n` : `Failed: ${(error as Error).message}\n`);
  process.exitCode = 1;
} finally {
  await database.close();
}
