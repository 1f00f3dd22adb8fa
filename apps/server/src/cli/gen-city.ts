import { parseArgs } from "node:util";
import { loadConfig } from "../config.js";
import { GenerationRefused, type Progress } from "../gen/city-generator.js";
import { generateHengyang } from "../gen/hengyang.js";
import { SensitiveFields } from "../modules/people/sensitive-fields.js";
import { loadPrivacyKeys } from "../platform/privacy/keys.js";

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

let lastShown = 0;
const onProgress = (progress: Progress) => {
  const now = Date.now();
  if (now - lastShown < 1000 && progress.done !== progress.total) return;
  lastShown = now;
  const rate = progress.residents / Math.max(1, progress.elapsedMs / 1000);
  const line = `communities ${progress.done.toLocaleString("en")} / ${progress.total.toLocaleString("en")}${progress.skipped ? ` (${progress.skipped} already done)` : ""} · residents ${progress.residents.toLocaleString("en")} (${Math.round(rate).toLocaleString("en")}/s) · cases ${progress.cases.toLocaleString("en")}`;
  process.stderr.write(interactive ? `\r${line.padEnd(100)}` : `${line}\n`);
};

try {
  const started = Date.now();
  say(
    `Generating Hengyang at scale ${scale} into ${config.database.engine === "postgres" ? "PostgreSQL (DATABASE_URL)" : `PGlite (${config.database.dataDir})`}`,
  );
  const result = await generateHengyang(config, sensitive, scale, onProgress);
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
}
