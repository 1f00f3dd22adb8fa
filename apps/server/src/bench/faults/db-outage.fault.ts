import { startBenchServer } from "../bench-server.js";
import { benchKeys } from "../intake-world.js";
import type { FaultFigure } from "./fault-figure.js";
import { prepare, reckon, serverEnvironment } from "./fault-target.js";
import { describeTally, newTally, sendReports, serverErrors, submissions } from "./intake-load.js";
import type { PgCluster } from "./pg-cluster.js";

/**
 * PostgreSQL stopped for ten seconds mid-load and started again. Meanwhile the server must answer
 * 503 with Retry-After (never 500), and afterwards serve again without being restarted; the client
 * retries what was refused, and nothing acknowledged is lost. The escalation job runs every two
 * seconds throughout, so a failing background job is caught too.
 */
export async function databaseOutage(
  cluster: PgCluster,
  url: string,
  count = 3_000,
  deadline = Date.now() + 180_000,
): Promise<FaultFigure> {
  const keys = benchKeys();
  const target = { engine: "postgres" as const, url };
  await prepare(target, keys);
  const server = await startBenchServer({
    ...keys.environment,
    ...serverEnvironment(target),
    CASE_ESCALATION_INTERVAL_SECONDS: "2",
  });
  const items = submissions(count);
  const tally = newTally();
  let outage: Promise<void> | undefined;
  let survived = false;
  try {
    await sendReports(
      items,
      {
        portFor: () => server.port,
        concurrency: 8,
        mode: "retry",
        deadline,
        onAck: (acked) => {
          if (acked >= count * 0.3 && !outage)
            outage = (async () => {
              await cluster.stop();
              await new Promise((resolve) => setTimeout(resolve, 10_000));
              await cluster.start();
            })();
        },
      },
      tally,
    );
    await outage;
    const health = await fetch(`http://127.0.0.1:${server.port}/readyz`).catch(() => null);
    // The same process, never restarted, ready again: it answers its readiness check.
    survived = health?.status === 200;
  } finally {
    await server.stop();
  }
  const result = await reckon(target, items);
  const refused = tally.statuses.get(503) ?? 0;
  return {
    name: `PostgreSQL stopped for 10 s during ${count.toLocaleString("en")} reports`,
    figure: `500s ${serverErrors(tally)}, 503s ${refused} (with Retry-After ${tally.retryAfter}), acknowledged lost ${result.lost}, duplicated ${result.duplicated}, recovered without a restart: ${survived ? "yes" : "no"}`,
    detail: `answers: ${describeTally(tally)}`,
    goal: "503 with Retry-After meanwhile, 500 = 0, lost = 0, recovers by itself",
    ok:
      outage !== undefined &&
      serverErrors(tally) === 0 &&
      refused > 0 &&
      tally.retryAfter === refused &&
      result.lost === 0 &&
      result.duplicated === 0 &&
      result.unacknowledged === 0 &&
      survived,
  };
}
