import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { countOwnersElection, type PositionToCount, type WeightedBallot } from "./election-count.js";

/** The oracle: exact fractions in BigInt, written apart from `reaches`. */
const moreThanHalf = (part: number, whole: number) => whole > 0 && BigInt(part) * 2n > BigInt(whole);
const atLeastTwoThirds = (part: number, whole: number) => whole > 0 && BigInt(part) * 3n >= BigInt(whole) * 2n;

const seat = (seats: number, candidates: string[]): PositionToCount => ({ id: "p", seats, majorityRequired: true, candidates });
const ballot = (areaCents: number, ...chosen: string[]): WeightedBallot => ({ choices: { p: chosen }, areaCents });
const outcomes = (count: ReturnType<typeof countOwnersElection>) =>
  Object.fromEntries((count.positions[0]?.candidates ?? []).map((entry) => [entry.candidateId, entry.outcome]));

describe("an owners' committee election under Civil Code art. 278", () => {
  it("meets the quorum at exactly two thirds of the area and of the owners, and not a cent below", () => {
    const roll = { owners: 3, areaCents: 30_000 };
    const exact = countOwnersElection([seat(1, ["a"])], [ballot(10_000, "a"), ballot(10_000, "a")], roll);
    expect(exact.quorum).toEqual({
      area: { part: 20_000, whole: 30_000, met: true },
      owners: { part: 2, whole: 3, met: true },
      met: true,
    });
    const short = countOwnersElection([seat(1, ["a"])], [ballot(10_000, "a"), ballot(9_999, "a")], roll);
    expect(short.quorum.area.met).toBe(false);
    expect(outcomes(short)).toEqual({ a: "no_quorum" });
  });

  it("needs more than half of the participating owners and area: exactly half of either is not enough", () => {
    const roll = { owners: 4, areaCents: 40_000 };
    const ballots = [ballot(10_000, "a"), ballot(10_000, "a"), ballot(10_000, "b"), ballot(10_000, "b")];
    expect(outcomes(countOwnersElection([seat(1, ["a", "b"])], ballots, roll))).toEqual({
      a: "short_of_majority",
      b: "short_of_majority",
    });
    // Three owners of four, but their area exactly half: still short.
    const heavy = [ballot(5_000, "a"), ballot(5_000, "a"), ballot(10_000, "a"), ballot(20_000, "b")];
    expect(outcomes(countOwnersElection([seat(1, ["a", "b"])], heavy, roll))).toEqual({
      a: "short_of_majority",
      b: "short_of_majority",
    });
    const justOver = [ballot(5_000, "a"), ballot(5_000, "a"), ballot(10_001, "a"), ballot(19_999, "b")];
    expect(outcomes(countOwnersElection([seat(1, ["a", "b"])], justOver, roll))).toMatchObject({ a: "elected" });
  });

  it("takes a stricter share as at least that share", () => {
    const roll = { owners: 4, areaCents: 40_000 };
    const ballots = [ballot(10_000, "a"), ballot(10_000, "a"), ballot(10_000, "a"), ballot(10_000, "b")];
    const threeQuarters = { numerator: 3, denominator: 4 };
    expect(outcomes(countOwnersElection([seat(1, ["a", "b"])], ballots, roll, threeQuarters))).toMatchObject({
      a: "elected",
    });
    const fourFifths = { numerator: 4, denominator: 5 };
    expect(outcomes(countOwnersElection([seat(1, ["a", "b"])], ballots, roll, fourFifths))).toMatchObject({
      a: "short_of_majority",
    });
  });

  it("reports a tie in owners and area for the last seat instead of breaking it, and ranks by owners, then area", () => {
    const roll = { owners: 4, areaCents: 40_000 };
    // a and b both chosen by all four; c by three of larger area than d's three.
    const tied = [ballot(10_000, "a", "b"), ballot(10_000, "a", "b"), ballot(10_000, "a", "b"), ballot(10_000, "a", "b")];
    expect(outcomes(countOwnersElection([seat(1, ["a", "b"])], tied, roll))).toEqual({ a: "tied", b: "tied" });
    const ranked = [ballot(16_000, "c"), ballot(8_000, "c", "d"), ballot(8_000, "c", "d"), ballot(8_000, "d")];
    expect(outcomes(countOwnersElection([seat(1, ["c", "d"])], ranked, roll))).toEqual({ c: "elected", d: "not_elected" });
  });

  it("elects only candidates above half of both, never more than the seats, for any ballots", () => {
    const candidates = ["a", "b", "c", "d"];
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 }),
        fc.array(fc.record({ area: fc.integer({ min: 1, max: 30_000 }), chosen: fc.subarray(candidates, { maxLength: 3 }) }), {
          minLength: 1,
          maxLength: 20,
        }),
        fc.integer({ min: 0, max: 10 }),
        (seats, cast, absent) => {
          const ballots = cast.map((entry) => ballot(entry.area, ...entry.chosen.slice(0, seats)));
          const areaCents = ballots.reduce((sum, entry) => sum + entry.areaCents, 0);
          const roll = { owners: ballots.length + absent, areaCents: areaCents + absent * 10_000 };
          const count = countOwnersElection([seat(seats, candidates)], ballots, roll);
          const quorum = atLeastTwoThirds(ballots.length, roll.owners) && atLeastTwoThirds(areaCents, roll.areaCents);
          expect(count.quorum.met).toBe(quorum);
          const position = count.positions[0];
          expect(position?.elected ?? 0).toBeLessThanOrEqual(seats);
          for (const entry of position?.candidates ?? []) {
            const chose = ballots.filter((item) => item.choices.p?.includes(entry.candidateId));
            expect(entry.votes).toBe(chose.length);
            expect(entry.areaCents).toBe(chose.reduce((sum, item) => sum + item.areaCents, 0));
            const qualifies = quorum && moreThanHalf(entry.votes, ballots.length) && moreThanHalf(entry.areaCents, areaCents);
            if (entry.outcome === "elected" || entry.outcome === "tied") expect(qualifies).toBe(true);
            if (!quorum) expect(entry.outcome).toBe("no_quorum");
          }
        },
      ),
    );
  });
});
