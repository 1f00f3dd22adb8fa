import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Ballot, type Choice, type RollUnit, reaches, tallyHands, tallyOwners } from "./tally.js";

/** The oracle: exact fractions in BigInt, written independently of `reaches`. */
const atLeast = (part: number, whole: number, n: number, d: number) =>
  whole > 0 && BigInt(part) * BigInt(d) >= BigInt(whole) * BigInt(n);
const moreThan = (part: number, whole: number, n: number, d: number) =>
  whole > 0 && BigInt(part) * BigInt(d) > BigInt(whole) * BigInt(n);

const rollAndBallots = fc
  .array(fc.integer({ min: 1, max: 50_000 }), { minLength: 1, maxLength: 40 })
  .chain((areas) =>
    fc.tuple(
      fc.constant(areas.map((areaCents, unit) => ({ unit, areaCents }))),
      fc.array(fc.option(fc.constantFrom<Choice>("for", "against", "abstain"), { nil: undefined }), {
        minLength: areas.length,
        maxLength: areas.length,
      }),
    ),
  )
  .map(([roll, choices]) => ({
    roll,
    ballots: choices.flatMap((choice, unit) => (choice ? [{ unit, choice }] : [])) as Ballot[],
  }));

const units = (...areas: number[]): RollUnit[] => areas.map((areaCents, unit) => ({ unit, areaCents }));
const cast = (...choices: Choice[]): Ballot[] => choices.map((choice, unit) => ({ unit, choice }));

describe("owners' votes under Civil Code art. 278", () => {
  it("decides quorum and both majorities exactly as the fractions say, for any roll and ballots", () => {
    fc.assert(
      fc.property(
        rollAndBallots,
        fc.constantFrom("owners_ordinary" as const, "owners_special" as const),
        ({ roll, ballots }, rule) => {
          const tally = tallyOwners(rule, roll, ballots);
          const area = (list: Ballot[]) => list.reduce((sum, ballot) => sum + (roll[ballot.unit]?.areaCents ?? 0), 0);
          const totalArea = roll.reduce((sum, unit) => sum + unit.areaCents, 0);
          const yes = ballots.filter((ballot) => ballot.choice === "for");
          const quorum = atLeast(area(ballots), totalArea, 2, 3) && atLeast(ballots.length, roll.length, 2, 3);
          const majority =
            rule === "owners_special"
              ? atLeast(area(yes), area(ballots), 3, 4) && atLeast(yes.length, ballots.length, 3, 4)
              : moreThan(area(yes), area(ballots), 1, 2) && moreThan(yes.length, ballots.length, 1, 2);
          expect(tally.quorum.met).toBe(quorum);
          expect(tally.majority.met).toBe(majority);
          expect(tally.passed).toBe(quorum && majority);
          expect(tally.participating).toEqual({ owners: ballots.length, areaCents: area(ballots) });
          expect(tally.for.owners + tally.against.owners + tally.abstain.owners).toBe(ballots.length);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("never turns a passed motion into a failed one when an owner changes against or abstain to for", () => {
    fc.assert(
      fc.property(rollAndBallots, fc.nat(), ({ roll, ballots }, pick) => {
        fc.pre(ballots.some((ballot) => ballot.choice !== "for"));
        const others = ballots.filter((ballot) => ballot.choice !== "for");
        const changed = others[pick % others.length] as Ballot;
        const after = ballots.map((ballot) => (ballot === changed ? { ...ballot, choice: "for" as const } : ballot));
        for (const rule of ["owners_ordinary", "owners_special"] as const)
          if (tallyOwners(rule, roll, ballots).passed) expect(tallyOwners(rule, roll, after).passed).toBe(true);
      }),
    );
  });

  it("reaches the quorum at exactly two thirds of the area and of the owners, not one hundredth of a m² less", () => {
    // Three owners of 100.00 m² each: two taking part hold exactly 2/3.
    expect(tallyOwners("owners_ordinary", units(10_000, 10_000, 10_000), cast("for", "for")).quorum).toMatchObject({
      area: { part: 20_000, whole: 30_000, met: true },
      owners: { part: 2, whole: 3, met: true },
      met: true,
    });
    // The same owners, but the two taking part hold 199.99 of 300.00 m²: short by 0.01 m².
    const short = tallyOwners("owners_ordinary", units(9_999, 10_000, 10_001), cast("for", "for"));
    expect(short.quorum.area.met).toBe(false);
    expect(short.quorum.owners.met).toBe(true);
    expect(short.passed).toBe(false);
    // Enough area, too few owners: one large owner of five.
    const oneBig = tallyOwners("owners_ordinary", units(90_000, 1_000, 1_000, 1_000, 1_000), cast("for"));
    expect(oneBig.quorum).toMatchObject({ area: { met: true }, owners: { part: 1, whole: 5, met: false }, met: false });
  });

  it("needs more than half for an ordinary matter: exactly half of the area or of the owners fails", () => {
    const half = tallyOwners("owners_ordinary", units(5_000, 5_000, 5_000, 5_000), cast("for", "for", "against", "against"));
    expect(half.majority).toMatchObject({ area: { met: false }, owners: { met: false } });
    expect(half.passed).toBe(false);
    // Half the owners but more than half the area: still fails, both majorities are needed.
    const byArea = tallyOwners("owners_ordinary", units(6_000, 6_000, 4_000, 4_000), cast("for", "for", "against", "against"));
    expect(byArea.majority).toMatchObject({ area: { met: true }, owners: { met: false }, met: false });
    const more = tallyOwners("owners_ordinary", units(5_000, 5_000, 5_000), cast("for", "for", "against"));
    expect(more.passed).toBe(true);
  });

  it("needs at least three quarters for a special matter: exactly 3/4 passes, one hundredth of a m² less fails", () => {
    const exact = tallyOwners("owners_special", units(7_500, 7_500, 7_500, 7_500), cast("for", "for", "for", "against"));
    expect(exact.majority).toMatchObject({
      area: { part: 22_500, whole: 30_000, met: true },
      owners: { part: 3, whole: 4, met: true },
    });
    expect(exact.passed).toBe(true);
    const short = tallyOwners("owners_special", units(7_500, 7_500, 7_499, 7_501), cast("for", "for", "for", "against"));
    expect(short.majority.area.met).toBe(false);
    expect(short.passed).toBe(false);
    // Abstentions take part (they count towards the quorum) but are not in favour.
    const abstaining = tallyOwners("owners_special", units(1, 1, 1, 1), cast("for", "for", "for", "abstain"));
    expect(abstaining.passed).toBe(true);
    expect(tallyOwners("owners_special", units(1, 1, 1, 1), cast("for", "for", "abstain", "abstain")).passed).toBe(false);
  });

  it("refuses to count a ballot for an owner who is not on the roll", () => {
    expect(() => tallyOwners("owners_ordinary", units(1), [{ unit: 7, choice: "for" }])).toThrow(/not on the roll/);
  });
});

describe("a show of hands", () => {
  it("passes with more than half of the votes cast, or with the custom share reached", () => {
    expect(tallyHands({ kind: "simple_majority" }, { for: 5, against: 4, abstain: 1 }).passed).toBe(false);
    expect(tallyHands({ kind: "simple_majority" }, { for: 6, against: 4, abstain: 0 }).passed).toBe(true);
    expect(tallyHands({ kind: "custom", numerator: 2, denominator: 3 }, { for: 6, against: 3, abstain: 0 }).passed).toBe(true);
    expect(tallyHands({ kind: "custom", numerator: 2, denominator: 3 }, { for: 5, against: 3, abstain: 0 }).passed).toBe(false);
    expect(tallyHands({ kind: "simple_majority" }, { for: 0, against: 0, abstain: 0 }).passed).toBe(false);
  });

  it("agrees with the exact fraction for any counts and threshold", () => {
    fc.assert(
      fc.property(
        fc.nat(500),
        fc.nat(500),
        fc.nat(500),
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 1, max: 9 }),
        (yes, no, abstain, a, b) => {
          const [numerator, denominator] = a <= b ? [a, b] : [b, a];
          const tally = tallyHands({ kind: "custom", numerator, denominator }, { for: yes, against: no, abstain });
          expect(tally.passed).toBe(atLeast(yes, yes + no + abstain, numerator, denominator));
          expect(reaches(yes, yes + no + abstain, numerator, denominator, false)).toBe(tally.passed);
        },
      ),
    );
  });
});
