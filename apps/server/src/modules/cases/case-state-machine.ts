import type { CaseStage, CaseStatus, CaseTransition } from "@linli/contracts";

/** How the caller stands to a case: who may take which transition follows from it. */
export type CaseRelation = "leader" | "handler" | "reporter";

interface Rule {
  from: readonly CaseStatus[];
  to: CaseStatus;
  by: readonly CaseRelation[];
}

/**
 * The workflow of GB/T 30428 in one table: 上报 → 立案 → 派遣 → 处置 → 反馈 → 核查 → 结案 → 评价.
 * Leaders (the grid leader, the community director, the township) register, dispatch, verify and
 * close; the responsible party's handler starts and reports handling, or declines a case that is
 * not theirs; the reporter rates it, and may reopen it within seven days of closing.
 */
export const transitionRules: Record<CaseTransition, Rule> = {
  register: { from: ["reported"], to: "registered", by: ["leader"] },
  reject: { from: ["reported"], to: "rejected", by: ["leader"] },
  merge: { from: ["reported", "registered"], to: "merged", by: ["leader"] },
  dispatch: { from: ["reported", "registered"], to: "dispatched", by: ["leader"] },
  reroute: { from: ["dispatched", "in_progress"], to: "dispatched", by: ["leader"] },
  decline: { from: ["dispatched"], to: "registered", by: ["handler"] },
  start: { from: ["dispatched"], to: "in_progress", by: ["handler"] },
  handle: { from: ["dispatched", "in_progress"], to: "handled", by: ["handler"] },
  verify: { from: ["handled"], to: "verified", by: ["leader"] },
  send_back: { from: ["handled"], to: "in_progress", by: ["leader"] },
  close: { from: ["verified"], to: "closed", by: ["leader"] },
  rate: { from: ["closed"], to: "rated", by: ["reporter"] },
  reopen: { from: ["closed", "rated"], to: "registered", by: ["reporter", "leader"] },
};

export const reopenWindowMs = 7 * 24 * 3_600_000;

/** The timed stage of each state; a state outside the clock has none. */
export function stageOf(status: CaseStatus): CaseStage | null {
  switch (status) {
    case "reported":
      return "register";
    case "registered":
      return "dispatch";
    case "dispatched":
    case "in_progress":
      return "handle";
    case "handled":
    case "verified":
      return "verify";
    default:
      return null;
  }
}

export const openStatuses: readonly CaseStatus[] = ["reported", "registered", "dispatched", "in_progress", "handled", "verified"];

/** The transitions a caller standing in `relations` may take from `status` at `now`. */
export function allowedTransitions(
  state: { status: CaseStatus; closedAt: Date | null },
  relations: ReadonlySet<CaseRelation>,
  now: Date,
): CaseTransition[] {
  return (Object.keys(transitionRules) as CaseTransition[]).filter((transition) => {
    const rule = transitionRules[transition];
    if (!rule.from.includes(state.status) || !rule.by.some((relation) => relations.has(relation))) return false;
    if (transition === "reopen") return state.closedAt !== null && now.getTime() - state.closedAt.getTime() <= reopenWindowMs;
    return true;
  });
}
