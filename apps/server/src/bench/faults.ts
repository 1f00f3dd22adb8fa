import { rmSync } from "node:fs";
import { parseArgs } from "node:util";
import { crashDuringIntake } from "./faults/crash.fault.js";
import { databaseOutage } from "./faults/db-outage.fault.js";
import type { FaultFigure } from "./faults/fault-figure.js";
import { newPgliteTarget } from "./faults/fault-target.js";
import { createDatabase, startPgCluster } from "./faults/pg-cluster.js";
import { killOneOfTwo } from "./faults/two-servers.fault.js";

/**
 * npm run bench:faults: the fault tests of the benchmark issue, against Linli's own server
 * processes on loopback and a PostgreSQL server of their own (so they may stop it). Each prints its
 * figure; the exit status is 1 when any misses its goal. Every load is bounded in count and time.
 */
const { values } = parseArgs({ options: { only: { type: "string" }, reports: { type: "string", default: "10000" } } });
const wanted = (name: string) => !values.only || values.only.split(",").includes(name);
const reports = Number(values.reports);
const figures: FaultFigure[] = [];
const skipped: string[] = [];
const show = (figure: FaultFigure) => {
  figures.push(figure);
  process.stdout.write(
    `${figure.ok ? "ok  " : "FAIL"} ${figure.name}: ${figure.figure} (goal: ${figure.goal})\n     ${figure.detail}\n`,
  );
};

if (wanted("crash-pglite")) {
  const target = newPgliteTarget();
  try {
    show(await crashDuringIntake(target, reports));
  } finally {
    if (target.engine === "pglite") rmSync(target.dataDir, { recursive: true, force: true });
  }
}

const cluster = await startPgCluster();
try {
  if (!cluster) skipped.push("the PostgreSQL faults (PostgreSQL's server programs are not installed)");
  else {
    if (wanted("crash-postgres"))
      show(await crashDuringIntake({ engine: "postgres", url: await createDatabase(cluster, "faults_crash") }, reports));
    if (wanted("two-servers")) show(await killOneOfTwo({ engine: "postgres", url: await createDatabase(cluster, "faults_two") }));
    if (wanted("outage")) show(await databaseOutage(cluster, await createDatabase(cluster, "faults_outage")));
  }
} finally {
  await cluster?.destroy();
}

for (const line of skipped) process.stdout.write(`skipped: ${line}\n`);
const failed = figures.filter((figure) => !figure.ok).length;
process.stdout.write(`${figures.length - failed} of ${figures.length} fault tests met their goal\n`);
process.exitCode = failed > 0 ? 1 : 0;
