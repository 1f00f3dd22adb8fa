import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { countElection, type PositionToCount } from "./election-count.js";

const position = (seats: number, candidates: number, majorityRequired = false): PositionToCount => ({
  id: "p",
  seats,
  majorityRequired,
  candidates: Array.from({ length: candidates }, (_, index) => `c${index}`),
});
const ballotsFor = (...choices: string[][]) => choices.map((chosen) => ({ p: chosen }));
const outcomes = (result: ReturnType<typeof countElection>) =>
  Object.fromEntries(
    (result[0]?.candidates ?? []).map((candidate) => [candidate.candidateId, [candidate.votes, candidate.outcome]]),
  );

const election = fc
  .record({ seats: fc.integer({ min: 1, max: 4 }), candidates: fc.integer({ min: 1, max: 7 }), majority: fc.boolean() })
  .chain(({ seats, candidates, majority }) =>
    fc.tuple(
      fc.constant(position(seats, candidates, majority)),
      fc.array(
        fc.subarray(
          Array.from({ length: candidates }, (_, index) => `c${index}`),
          { maxLength: Math.min(seats, candidates) },
        ),
        {
          maxLength: 40,
        },
      ),
    ),
  );

describe("the election count", () => {
  it("elects the most-voted candidates for the seats", () => {
    const result = countElection([position(2, 3)], ballotsFor(["c0", "c1"], ["c0", "c2"], ["c0", "c1"], []));
    expect(outcomes(result)).toEqual({ c0: [3, "elected"], c1: [2, "elected"], c2: [1, "not_elected"] });
    expect(result[0]).toMatchObject({ ballots: 4, blank: 1, elected: 2, tiedSeats: 0 });
  });

  it("reports a tie for the last seat and leaves it unfilled rather than breaking it", () => {
    const result = countElection([position(2, 3)], ballotsFor(["c0", "c1"], ["c0", "c2"], ["c0"]));
    expect(outcomes(result)).toEqual({ c0: [3, "elected"], c1: [1, "tied"], c2: [1, "tied"] });
    expect(result[0]).toMatchObject({ elected: 1, tiedSeats: 1 });
  });

  it("elects all of a tied group when there are seats for them all", () => {
    const result = countElection([position(3, 4)], ballotsFor(["c0", "c1"], ["c0", "c1"], ["c2"]));
    expect(outcomes(result)).toMatchObject({
      c0: [2, "elected"],
      c1: [2, "elected"],
      c2: [1, "elected"],
      c3: [0, "not_elected"],
    });
  });

  it("with a majority required, needs more than half of the ballots cast: exactly half is not enough", () => {
    const result = countElection([position(1, 2, true)], ballotsFor(["c0"], ["c0"], ["c1"], []));
    expect(outcomes(result)).toEqual({ c0: [2, "short_of_majority"], c1: [1, "short_of_majority"] });
    expect(result[0]?.elected).toBe(0);
    const passed = countElection([position(1, 2, true)], ballotsFor(["c0"], ["c0"], ["c1"]));
    expect(outcomes(passed).c0).toEqual([2, "elected"]);
  });

  it("for any ballots: never more elected than seats, every elected ahead of every other, ties never broken", () => {
    fc.assert(
      fc.property(election, ([toCount, ballots]) => {
        const [result] = countElection(
          [toCount],
          ballots.map((chosen) => ({ p: chosen })),
        );
        if (!result) throw new Error("no result");
        const byOutcome = (outcome: string) => result.candidates.filter((candidate) => candidate.outcome === outcome);
        const elected = byOutcome("elected");
        const tied = byOutcome("tied");
        expect(elected.length).toBe(result.elected);
        expect(elected.length + result.tiedSeats).toBeLessThanOrEqual(toCount.seats);
        // A tie is reported only when the tied group is larger than the seats left.
        if (tied.length > 0) {
          expect(new Set(tied.map((candidate) => candidate.votes)).size).toBe(1);
          expect(tied.length).toBeGreaterThan(result.tiedSeats);
          expect(result.tiedSeats).toBe(toCount.seats - elected.length);
        }
        const others = result.candidates.filter((candidate) => candidate.outcome !== "elected");
        for (const winner of elected) {
          expect(winner.votes).toBeGreaterThan(0);
          if (toCount.majorityRequired) expect(winner.votes * 2).toBeGreaterThan(ballots.length);
          for (const other of others) expect(winner.votes).toBeGreaterThan(other.votes);
        }
        // The totals are the ballots' marks, nothing more.
        const marks = ballots.reduce((sum, chosen) => sum + chosen.length, 0);
        expect(result.candidates.reduce((sum, candidate) => sum + candidate.votes, 0)).toBe(marks);
      }),
      { numRuns: 400 },
    );
  });
});
