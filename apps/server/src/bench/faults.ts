import { rmSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { backupAndRestorePglite, backupAndRestorePostgres } from "./faults/backup.fault.js";
import { crashDuringIntake } from "./faults/crash.fault.js";
import { databaseOutage } from "./faults/db-outage.fault.js";
import type { FaultFigure } from "./faults/fault-figure.js";
import { newPgliteTarget } from "./faults/fault-target.js";
import { fuzzOperations } from "./faults/fuzz.fault.js";
import { createDatabase, startPgCluster } from "./faults/pg-cluster.js";
import { killOneOfTwo } from "./faults/two-servers.fault.js";
import { writeDocument } from "./measure.js";

/**
 * npm run bench:faults: the fault tests of the benchmark issue, against Linli's own server
 * processes on loopback and a PostgreSQL server of their own (so they may stop it). Each prints its
 * figure; the exit status is 1 when any misses its goal. Every load is bounded in count and time.
 * --only crash-pglite,backup-pglite,fuzz,crash-postgres,two-servers,outage,backup-postgres picks some;
 * --report FILE also writes the outcome in the shape of a Vitest JSON report, for CI's total.
 */
const { values } = parseArgs({
  options: { only: { type: "string" }, reports: { type: "string", default: "10000" }, report: { type: "string" } },
});
const wanted = (name: string) => !values.only || values.only.split(",").includes(name);
const reports = Number(values.reports);
const figures: FaultFigure[] = [];
const skipped: string[] = [];
const started = Date.now();
const show = (figure: FaultFigure) => {
  figures.push(figure);
  process.stdout.write(
    `${figure.ok ? "ok  " : "FAIL"} ${figure.name}: ${figure.figure} (goal: ${figure.goal})\n     ${figure.detail}\n`,
  );
};

// PGlite: the crash, then a backup of what it left.
const pglite = newPgliteTarget();
try {
  if (wanted("crash-pglite")) show(await crashDuringIntake(pglite, reports));
  if (wanted("backup-pglite") && pglite.engine === "pglite") show(await backupAndRestorePglite(pglite.dataDir));
} finally {
  if (pglite.engine === "pglite") rmSync(pglite.dataDir, { recursive: true, force: true });
}

if (wanted("fuzz")) show(await fuzzOperations());

const cluster = await startPgCluster();
try {
  if (!cluster) skipped.push("the PostgreSQL faults (PostgreSQL's server programs are not installed)");
  else {
    const crashed = await createDatabase(cluster, "faults_crash");
    if (wanted("crash-postgres")) show(await crashDuringIntake({ engine: "postgres", url: crashed }, reports));
    if (wanted("two-servers")) show(await killOneOfTwo({ engine: "postgres", url: await createDatabase(cluster, "faults_two") }));
    if (wanted("outage")) show(await databaseOutage(cluster, await createDatabase(cluster, "faults_outage")));
    if (wanted("backup-postgres")) show(await backupAndRestorePostgres(cluster, crashed));
  }
} finally {
  await cluster?.destroy();
}

for (const line of skipped) process.stdout.write(`skipped: ${line}\n`);
const failed = figures.filter((figure) => !figure.ok).length;
process.stdout.write(
  `${figures.length - failed} of ${figures.length} fault tests met their goal (${((Date.now() - started) / 1000).toFixed(0)} s)\n`,
);
// A full run records itself (a partial one, --only, would leave the record incomplete).
if (!values.only)
  writeDocument(
    fileURLToPath(new URL("../../../../docs/fault-tests.md", import.meta.url)),
    `# Fault tests

Written by \`npm run bench:faults\` on ${new Date().toISOString().slice(0, 10)} (${cpus().length} × ${cpus()[0]?.model ?? "CPU"}, Node ${process.version}).
Everything runs on loopback: Linli's own server processes (\`dist/main.js\`), a PostgreSQL server the
tests start for themselves (so that they may stop it), PGlite data directories in a temporary
directory. Every load is bounded in count and time. A report is one \`POST /api/public/cases\`
with its own \`Idempotency-Key\`; a client keeps each key until the report is acknowledged, and
sends unacknowledged ones again with the same key.

| test | result | goal | met |
| --- | --- | --- | --- |
${figures.map((figure) => `| ${figure.name} | ${figure.figure}; ${figure.detail} | ${figure.goal} | ${figure.ok ? "yes" : "**no**"} |`).join("\n")}
${skipped.map((line) => `\nNot run: ${line}.\n`).join("")}`,
  );
if (values.report)
  writeFileSync(
    values.report,
    JSON.stringify({ numPassedTests: figures.length - failed, numFailedTests: failed, success: failed === 0 }),
  );
process.exitCode = failed > 0 ? 1 : 0;
