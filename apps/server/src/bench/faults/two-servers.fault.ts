import { type BenchServer, startBenchServer } from "../bench-server.js";
import { benchKeys } from "../intake-world.js";
import type { FaultFigure } from "./fault-figure.js";
import { type FaultTarget, prepare, reckon, serverEnvironment } from "./fault-target.js";
import { describeTally, newTally, sendReports, serverErrors, submissions } from "./intake-load.js";

/**
 * Two server processes on one PostgreSQL database behind a round-robin client; one is killed
 * (kill -9) mid-load and the client carries on with the other, retrying what went unanswered.
 */
export async function killOneOfTwo(
  target: FaultTarget & { engine: "postgres" },
  count = 4_000,
  deadline = Date.now() + 180_000,
): Promise<FaultFigure> {
  const keys = benchKeys();
  await prepare(target, keys);
  const environment = { ...keys.environment, ...serverEnvironment(target) };
  const servers: BenchServer[] = [await startBenchServer(environment), await startBenchServer(environment)];
  const [doomed, survivor] = servers as [BenchServer, BenchServer];
  let alive = [doomed, survivor];
  const items = submissions(count);
  const tally = newTally();
  try {
    await sendReports(
      items,
      {
        portFor: (attempt) => (alive[attempt % alive.length] ?? survivor).port,
        concurrency: 16,
        mode: "retry",
        deadline,
        onAck: (acked) => {
          if (acked >= count * 0.4 && alive.length === 2) {
            void doomed.stop("SIGKILL");
            // The client learns of it only by failing on it; its round-robin keeps the dead one a moment longer.
            setTimeout(() => {
              alive = [survivor];
            }, 500);
          }
        },
      },
      tally,
    );
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
  }
  const result = await reckon(target, items);
  return {
    name: `two servers on one PostgreSQL, one killed (kill -9) during ${count.toLocaleString("en")} reports`,
    figure: `acknowledged lost ${result.lost}, duplicated ${result.duplicated}, never acknowledged ${result.unacknowledged}`,
    detail: `answers: ${describeTally(tally)}`,
    goal: "lost = 0, duplicated = 0",
    ok: result.lost === 0 && result.duplicated === 0 && result.unacknowledged === 0 && serverErrors(tally) === 0,
  };
}
