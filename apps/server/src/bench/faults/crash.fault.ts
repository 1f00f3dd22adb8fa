import { startBenchServer } from "../bench-server.js";
import { benchKeys } from "../intake-world.js";
import type { FaultFigure } from "./fault-figure.js";
import { type FaultTarget, prepare, reckon, serverEnvironment, withQueries } from "./fault-target.js";
import { describeTally, newTally, sendReports, serverErrors, submissions } from "./intake-load.js";

/**
 * kill -9 of the server while clients submit reports with Idempotency-Keys; the server is started
 * again and every submission not acknowledged is sent again with its key. Nothing acknowledged may
 * be lost, nothing may be written twice.
 */
export async function crashDuringIntake(
  target: FaultTarget,
  count = 10_000,
  deadline = Date.now() + 240_000,
): Promise<FaultFigure> {
  const keys = benchKeys();
  await prepare(target, keys);
  const items = submissions(count);
  const tally = newTally();
  const first = await startBenchServer({ ...keys.environment, ...serverEnvironment(target) });
  let killed = false;
  await sendReports(
    items,
    {
      portFor: () => first.port,
      concurrency: 16,
      mode: "once",
      deadline,
      onAck: (acked) => {
        if (acked >= count * 0.4 && !killed) {
          killed = true;
          void first.stop("SIGKILL");
        }
      },
    },
    tally,
  );
  await first.stop("SIGKILL");
  const beforeRestart = items.filter((item) => item.caseId).length;
  // Reports the database took but whose answer the crash cut off: the retry must get these back, not new cases.
  const inFlight = await withQueries(
    target,
    async (query) => Number((await query<{ n: string }>("select count(*) as n from cases"))[0]?.n) - beforeRestart,
  );
  const second = await startBenchServer({ ...keys.environment, ...serverEnvironment(target) });
  try {
    await sendReports(items, { portFor: () => second.port, concurrency: 16, mode: "retry", deadline }, tally);
  } finally {
    await second.stop();
  }
  const result = await reckon(target, items);
  const ok = killed && result.lost === 0 && result.duplicated === 0 && result.unacknowledged === 0 && serverErrors(tally) === 0;
  return {
    name: `kill -9 during ${count.toLocaleString("en")} reports, ${target.engine === "postgres" ? "PostgreSQL" : "PGlite"}`,
    figure: `acknowledged lost ${result.lost}, duplicated ${result.duplicated}, never acknowledged ${result.unacknowledged}`,
    detail: `killed after ${beforeRestart.toLocaleString("en")} acknowledgements, with ${inFlight} written but not answered (answered on retry by their keys); answers: ${describeTally(tally)}`,
    goal: "lost = 0, duplicated = 0",
    ok,
  };
}
