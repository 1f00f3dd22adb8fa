import { caseStatuses, caseTransitions } from "@linli/contracts";
import { describe, expect, it } from "vitest";
import { allowedTransitions, type CaseRelation, stageOf, transitionRules } from "./case-state-machine.js";

const now = new Date("2026-11-29T08:00:00Z");
const as = (...relations: CaseRelation[]) => new Set(relations);

describe("case state machine", () => {
  it("walks the whole GB/T 30428 path with the right party at each step", () => {
    const path = [
      ["reported", "leader", "dispatch", "dispatched"],
      ["dispatched", "handler", "start", "in_progress"],
      ["in_progress", "handler", "handle", "handled"],
      ["handled", "leader", "verify", "verified"],
      ["verified", "leader", "close", "closed"],
      ["closed", "reporter", "rate", "rated"],
    ] as const;
    for (const [status, relation, transition, to] of path) {
      expect(allowedTransitions({ status, closedAt: now }, as(relation), now)).toContain(transition);
      expect(transitionRules[transition].to).toBe(to);
    }
  });

  it("lets nobody but the handler report handling, and nobody but a leader verify", () => {
    expect(allowedTransitions({ status: "in_progress", closedAt: null }, as("leader", "reporter"), now)).toEqual(["reroute"]);
    expect(allowedTransitions({ status: "handled", closedAt: null }, as("handler", "reporter"), now)).toEqual([]);
    expect(allowedTransitions({ status: "handled", closedAt: null }, as("leader"), now)).toEqual(["verify", "send_back"]);
  });

  it("allows reopening for seven days after closing, not after", () => {
    const closedAt = new Date(now.getTime() - 7 * 24 * 3_600_000);
    expect(allowedTransitions({ status: "rated", closedAt }, as("reporter"), now)).toEqual(["reopen"]);
    const late = new Date(closedAt.getTime() - 1);
    expect(allowedTransitions({ status: "rated", closedAt: late }, as("reporter"), now)).toEqual([]);
  });

  it("leaves the end states without a way out and every transition reachable from some state", () => {
    for (const status of ["rejected", "merged"] as const)
      expect(allowedTransitions({ status, closedAt: null }, as("leader", "handler", "reporter"), now)).toEqual([]);
    for (const transition of caseTransitions) expect(transitionRules[transition].from.length).toBeGreaterThan(0);
    const timed = caseStatuses.filter((status) => stageOf(status) !== null);
    expect(timed).toEqual(["reported", "registered", "dispatched", "in_progress", "handled", "verified"]);
  });
});
