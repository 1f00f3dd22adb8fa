import { loadConfig } from "../config.js";
import { AuditService } from "../platform/audit/audit.service.js";
import { runAuditVerify } from "../platform/audit/audit-verify.js";
import { openMigratedDatabase } from "../start.js";

/** npm run audit:verify — checks every sealed audit row's hash and link; exit 1 names the first break. */
const database = await openMigratedDatabase(loadConfig()).catch((error: Error) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(2);
});
try {
  process.exitCode = await runAuditVerify(new AuditService(database.db), (line) => process.stdout.write(`${line}\n`));
} finally {
  await database.close();
}
