import { idCheckCharacter } from "@linli/contracts";
import fc from "fast-check";

/** Fictitious but well-formed ID numbers: a region, a real birth date, a sequence, the check character. */
export const idNumberArbitrary = fc
  .record({
    region: fc.constantFrom("430405", "430406", "430407", "430408", "110101", "440305"),
    birth: fc.date({ min: new Date("1920-01-01T00:00:00Z"), max: new Date("2025-12-31T00:00:00Z"), noInvalidDate: true }),
    sequence: fc.integer({ min: 0, max: 999 }),
  })
  .map(({ region, birth, sequence }) => {
    const first17 = `${region}${birth.toISOString().slice(0, 10).replaceAll("-", "")}${String(sequence).padStart(3, "0")}`;
    return first17 + idCheckCharacter(first17);
  });

/** Mainland mobile numbers. */
export const mobileArbitrary = fc
  .tuple(fc.constantFrom("13", "15", "17", "18", "19"), fc.stringMatching(/^\d{9}$/))
  .map(([head, tail]) => head + tail);
