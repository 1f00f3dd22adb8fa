import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkIdNumber, idCheckCharacter, idNumberSchema, mobileSchema } from "./identifiers.js";

/** A fictitious ID number of 珠晖区 with a valid check character. */
const idOf = (birth: string, sequence: string) => {
  const first17 = `430405${birth}${sequence}`;
  return first17 + idCheckCharacter(first17);
};

describe("checkIdNumber (GB 11643)", () => {
  it("accepts a valid number and reads region, birth date and gender from it", () => {
    expect(checkIdNumber(idOf("19850317", "124"), "2026-11-29")).toEqual({
      ok: true,
      facts: { regionCode: "430405", birthDate: "1985-03-17", gender: "female" },
    });
    expect(checkIdNumber(idOf("19850317", "135"), "2026-11-29")).toMatchObject({ facts: { gender: "male" } });
  });

  it("names what is wrong: length, characters, an impossible or future birth date, the check character", () => {
    const valid = idOf("19850317", "123");
    expect(checkIdNumber(valid.slice(0, 17))).toEqual({ ok: false, problem: "id_length" });
    expect(checkIdNumber(`${valid.slice(0, 16)}A${valid[17]}`)).toEqual({ ok: false, problem: "id_format" });
    expect(checkIdNumber(idOf("19850230", "123"))).toEqual({ ok: false, problem: "id_birth_date" });
    expect(checkIdNumber(idOf("20990101", "123"), "2026-11-29")).toEqual({ ok: false, problem: "id_birth_date" });
    const wrong = valid.slice(0, 17) + (valid[17] === "0" ? "1" : "0");
    expect(checkIdNumber(wrong)).toEqual({ ok: false, problem: "id_check_digit" });
  });

  it("catches every single changed digit (the check character's purpose)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 9 }), (position, shift) => {
        const valid = idOf("19900101", "001");
        const digit = (Number(valid[position]) + shift) % 10;
        const changed = valid.slice(0, position) + String(digit) + valid.slice(position + 1);
        expect(checkIdNumber(changed, "2026-11-29").ok).toBe(false);
      }),
    );
  });

  it("normalises what people type before checking", () => {
    const sequences = Array.from({ length: 1000 }, (_, sequence) => String(sequence).padStart(3, "0"));
    const withX = sequences.map((sequence) => idOf("19900101", sequence)).find((id) => id.endsWith("X")) ?? "";
    expect(withX).toHaveLength(18);
    expect(idNumberSchema.parse(` ${withX.slice(0, 6)} ${withX.slice(6, 17)}x `)).toBe(withX);
  });
});

describe("mobileSchema", () => {
  it("takes mainland mobile numbers as people write them, and refuses letters and landlines", () => {
    expect(mobileSchema.parse("138 0734 1234")).toBe("13807341234");
    expect(mobileSchema.parse("+86 138-0734-1234")).toBe("13807341234");
    expect(mobileSchema.safeParse("1380734123a").success).toBe(false);
    expect(mobileSchema.safeParse("07348221234").success).toBe(false);
    expect(mobileSchema.safeParse("12807341234").success).toBe(false);
  });
});
