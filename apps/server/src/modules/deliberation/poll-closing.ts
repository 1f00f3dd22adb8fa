import type { EarlyClose, EarlyCloseView } from "@linli/contracts";
import { AppError, invalid } from "../../platform/errors/app-error.js";
import { shanghaiDateTime } from "../../platform/time/local-date.js";
import type { RollGap } from "./owner-roll.service.js";

/**
 * Whether closing a poll at `now` is early — before the time it was announced to close — and
 * so needs the recorded decision that allows it; a decision given when it is not needed is
 * refused too, so that the result never shows one that did not matter.
 */
export function assertClosable(closesAt: Date | null, now: Date, decision: EarlyClose | undefined): { early: boolean } {
  const early = closesAt !== null && now < closesAt;
  if (early && !decision)
    throw invalid("earlyClose", "before_closing_time", { closesAt: shanghaiDateTime((closesAt as Date).toISOString()) });
  if (!early && decision) throw invalid("earlyClose", "not_early");
  return { early };
}

/** The columns an early close writes on the motion or election. */
export const earlyCloseColumns = (decision: EarlyClose | undefined) =>
  decision ? { earlyCloseReason: decision.reason, earlyCloseDecidedBy: decision.decidedBy } : {};

/** An early close as the result shows it; `names` gives the recording account's display name. */
export async function earlyCloseOf(
  row: { earlyCloseReason: string | null; earlyCloseDecidedBy: string | null; closedBy: string | null; closedAt: Date | null },
  names: (ids: readonly string[]) => Promise<Map<string, string>>,
): Promise<EarlyCloseView | null> {
  if (!row.earlyCloseReason || !row.closedAt) return null;
  const recorder = row.closedBy ? (await names([row.closedBy])).get(row.closedBy) : undefined;
  return {
    reason: row.earlyCloseReason,
    decidedBy: row.earlyCloseDecidedBy ?? "",
    recordedBy: recorder ?? "",
    closedAt: row.closedAt.toISOString(),
  };
}

/** A 409 naming every dwelling that keeps an owners' poll from opening (no floor area, no owner). */
export function incompleteRoll(gaps: readonly RollGap[]): AppError {
  return new AppError(
    "conflict",
    409,
    gaps.map((gap) => ({ in: "params", field: "dwellings", code: `missing_${gap.missing}`, params: { dwelling: gap.label } })),
  );
}
