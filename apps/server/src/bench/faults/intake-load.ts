import { randomUUID } from "node:crypto";
import { report } from "../intake-world.js";

/** One report as a client keeps it until acknowledged: its Idempotency-Key, and the case once answered. */
export interface Submission {
  key: string;
  caseId?: string;
}

export const submissions = (count: number): Submission[] => Array.from({ length: count }, () => ({ key: randomUUID() }));

export interface LoadOptions {
  /** The port to send the n-th attempt to (round-robin over several servers, or one). */
  portFor: (attempt: number) => number;
  concurrency: number;
  /** once: a failed send stays unacknowledged (the server is gone); retry: sent again until acknowledged or the deadline. */
  mode: "once" | "retry";
  deadline: number;
  /** Called after each acknowledgement with the number so far (to pull a plug mid-load). */
  onAck?: (acked: number) => void;
}

export interface LoadTally {
  /** Answers by status (0: no answer, the connection failed). */
  statuses: Map<number, number>;
  /** 503 answers that carried Retry-After. */
  retryAfter: number;
}

/**
 * Sends each unacknowledged submission as `POST /api/public/cases` with its key, `concurrency` at
 * a time, and records the case each acknowledgement names. A retried key must come back with the
 * same case: the server's idempotency, not this client, keeps the count right.
 */
export async function sendReports(items: Submission[], options: LoadOptions, tally: LoadTally = newTally()): Promise<LoadTally> {
  const pending = items.filter((item) => !item.caseId);
  let next = 0;
  let attempts = 0;
  let acked = items.length - pending.length;
  const count = (status: number) => tally.statuses.set(status, (tally.statuses.get(status) ?? 0) + 1);
  const worker = async () => {
    for (let item = pending[next++]; item; item = pending[next++]) {
      while (!item.caseId && Date.now() < options.deadline) {
        const port = options.portFor(attempts++);
        const response = await fetch(`http://127.0.0.1:${port}/api/public/cases`, {
          method: "POST",
          headers: { "content-type": "application/json", "idempotency-key": item.key },
          body: report,
          signal: AbortSignal.timeout(15_000),
        }).catch(() => null);
        count(response?.status ?? 0);
        if (response && (response.status === 201 || response.status === 200)) {
          // A body cut off by a crash is no acknowledgement: the key is sent again.
          const answer = (await response.json().catch(() => null)) as { case?: { id: string } } | null;
          if (answer?.case) {
            item.caseId = answer.case.id;
            acked += 1;
            options.onAck?.(acked);
            break;
          }
        } else if (response) await response.body?.cancel();
        if (response?.status === 503 && response.headers.get("retry-after")) tally.retryAfter += 1;
        if (options.mode === "once") break;
        if (response && response.status !== 503 && response.status < 500) break;
        await new Promise((resolve) => setTimeout(resolve, response?.status === 503 ? 500 : 100));
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return tally;
}

export const newTally = (): LoadTally => ({ statuses: new Map(), retryAfter: 0 });

/** The tally's answers as `201 ×9,800, 503 ×120, no answer ×16`. */
export function describeTally(tally: LoadTally): string {
  return [...tally.statuses.entries()]
    .sort(([a], [b]) => a - b)
    .map(([status, times]) => `${status === 0 ? "no answer" : status} ×${times.toLocaleString("en")}`)
    .join(", ");
}

/** 5xx answers other than 503 (a server error, never acceptable). */
export const serverErrors = (tally: LoadTally) =>
  [...tally.statuses.entries()].filter(([status]) => status >= 500 && status !== 503).reduce((sum, [, times]) => sum + times, 0);
