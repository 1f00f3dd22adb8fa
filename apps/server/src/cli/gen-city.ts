import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import argon2 from "argon2";
import { loadConfig } from "../config.js";
import { type GenerateOptions, GenerationRefused, generateCity } from "../gen/city-generator.js";
import { hengyang } from "../gen/city-plan.js";
import { openCopyTarget } from "../gen/copy-target.js";
import { sha256, trackingCodeFor } from "../modules/cases/case.service.js";
import { SensitiveFields } from "../modules/people/sensitive-fields.js";
import { readDivisions } from "../modules/regions/division-source.js";
import { RegionImportService } from "../modules/regions/region-import.service.js";
import { loadPrivacyKeys } from "../platform/privacy/keys.js";
import { openMigratedDatabase } from "../start.js";

/**
 * npm run gen:city -- --scale S (0 < S ≤ 1; 0.01 by default): a synthetic Hengyang in the
 * configured database (DATABASE_URL, else the PGlite data directory), for benchmarks and load
 * tests. Deterministic for a scale; stopped, it resumes where it stopped when run again.
 */
const { values } = parseArgs({ options: { scale: { type: "string", default: "0.01" } } });
const scale = Number(values.scale);
if (!(scale > 0 && scale <= 1)) {
  process.stderr.write("usage: npm run gen:city -- --scale S   (0 < S ≤ 1, e.g. 0.01 for a quick run, 1 for all of Hengyang)\n");
  process.exit(2);
}

const config = loadConfig();
const interactive = process.stderr.isTTY;
const say = (text: string) => process.stderr.write(`${text}\n`);

// The server's own keys: the generated ID numbers are sealed and indexed as it would seal them.
const sensitive = (() => {
  try {
    return new SensitiveFields(loadPrivacyKeys(config.privacy, config.database.engine));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  }
})();

// Migrations and the divisions first, through the application's own paths.
const handle = await openMigratedDatabase(config);
const divisions: { code: string; level: number; name: string }[] = [];
try {
  for await (const division of readDivisions(hengyang.cityCode)) divisions.push(division);
  const report = await new RegionImportService(handle.db).importDivisions(readDivisions(hengyang.cityCode), hengyang.cityCode);
  say(`Divisions of Hengyang: ${report.total.toLocaleString("en")} (${report.added} added)`);
} finally {
  await handle.close();
}

const target = await openCopyTarget(config.database);
let lastShown = 0;
const options: GenerateOptions = {
  scale,
  communities: divisions.filter((division) => division.level === 5),
  townships: new Map(divisions.filter((division) => division.level === 4).map((division) => [division.code, division.name])),
  protect: (field, value) => sensitive.protect(field, value),
  trackingHash: (caseId) => sha256(trackingCodeFor(sensitive, caseId)),
  passwordHash: await argon2.hash(randomBytes(24).toString("base64")),
  now: new Date(),
  onProgress: (progress) => {
    const now = Date.now();
    if (now - lastShown < 1000 && progress.done !== progress.total) return;
    lastShown = now;
    const rate = progress.residents / Math.max(1, progress.elapsedMs / 1000);
    const line = `communities ${progress.done.toLocaleString("en")} / ${progress.total.toLocaleString("en")}${progress.skipped ? ` (${progress.skipped} already done)` : ""} · residents ${progress.residents.toLocaleString("en")} (${Math.round(rate).toLocaleString("en")}/s) · cases ${progress.cases.toLocaleString("en")}`;
    process.stderr.write(interactive ? `\r${line.padEnd(100)}` : `${line}\n`);
  },
};

try {
  const started = Date.now();
  say(
    `Generating Hengyang at scale ${scale} into ${config.database.engine === "postgres" ? "PostgreSQL (DATABASE_URL)" : `PGlite (${config.database.dataDir})`}`,
  );
  const result = await generateCity(target, options);
  if (interactive) process.stderr.write("\n");
  process.stdout.write(
    `Hengyang at scale ${scale}: ${result.plan.communities.length.toLocaleString("en")} communities, ${result.plan.grids.toLocaleString("en")} grids, ${result.plan.households.toLocaleString("en")} households; this run wrote ${result.residents.toLocaleString("en")} residents and ${result.cases.toLocaleString("en")} cases${result.skipped ? ` (${result.skipped} communities were already done)` : ""} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
  );
} catch (error) {
  if (interactive) process.stderr.write("\n");
  process.stderr.write(
    `${error instanceof GenerationRefused ? "" : "Generation stopped (finished communities are kept; run it again to resume): "}${(error as Error).message}\n`,
  );
  process.exitCode = 1;
} finally {
  await target.close();
}
