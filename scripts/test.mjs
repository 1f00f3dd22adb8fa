// npm test: every suite that needs no external server, then e2e when Chromium is present.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { summarise } from "./test-summary.mjs";

const root = new URL("..", import.meta.url).pathname;
const results = join(root, ".test-results");
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
mkdirSync(results, { recursive: true });

const reports = [];
function vitest(name, args) {
  const report = join(results, `${name}.json`);
  rmSync(report, { force: true });
  reports.push(report);
  spawnSync("npx", ["vitest", "run", ...args, "--reporter=default", "--reporter=json", `--outputFile.json=${report}`], {
    cwd: root,
    stdio: "inherit",
  });
}

vitest("unit-and-db", ["--project", "unit", "--project", "db"]);
if (existsSync(chromium)) {
  const build = spawnSync("npm", ["run", "build", "--silent"], { cwd: root, stdio: "inherit" });
  if (build.status === 0) vitest("e2e", ["--config", "e2e/vitest.config.ts"]);
  else reports.push(join(results, "e2e-not-built.json"));
} else {
  console.log(`e2e skipped: no Chromium at ${chromium} (apt-get install chromium)`);
}

const { passed, failed } = summarise(reports);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
