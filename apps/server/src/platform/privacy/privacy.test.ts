import { randomBytes } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { idNumberArbitrary, mobileArbitrary } from "../../test/arbitraries.js";
import { blindIndex, FieldCipher, parseFieldKeys } from "./field-cipher.js";
import { maskIdNumber, maskMobile } from "./masking.js";

const keyText = (id: string) => `${id}:${randomBytes(32).toString("base64")}`;

const idNumbers = idNumberArbitrary;
const mobiles = mobileArbitrary;

describe("masking (property)", () => {
  it("never shows an ID number's birth date, nor more than ten of its characters", () => {
    fc.assert(
      fc.property(idNumbers, (id) => {
        const masked = maskIdNumber(id);
        expect(masked).not.toContain(id.slice(6, 14));
        expect(masked.slice(6, 14)).toBe("********");
        expect(masked.replace(/\*/g, "")).toHaveLength(10);
      }),
      { numRuns: 2000 },
    );
  });

  it("never shows more than seven digits of a mobile number", () => {
    fc.assert(
      fc.property(mobiles, (mobile) => {
        const masked = maskMobile(mobile);
        expect(masked).toMatch(/^1\d{2}\*{4}\d{4}$/);
        expect(masked.replace(/\D/g, "").length).toBeLessThanOrEqual(7);
      }),
      { numRuns: 2000 },
    );
  });

  it("hides a value of an unexpected shape whole", () => {
    expect(maskIdNumber("19850317")).toBe("********");
    expect(maskMobile("0734-8221234")).toBe("***********");
  });
});

describe("FieldCipher", () => {
  it("seals and opens a value; the same value seals differently each time", () => {
    const cipher = new FieldCipher(parseFieldKeys(keyText("k2026")));
    const first = cipher.seal("430405198503171234", "id_number");
    expect(first).toMatch(/^f1\.k2026\./);
    expect(first).not.toContain("1985");
    expect(cipher.seal("430405198503171234", "id_number")).not.toBe(first);
    expect(cipher.open(first, "id_number")).toBe("430405198503171234");
  });

  it("refuses a value moved to another field, or tampered with", () => {
    const cipher = new FieldCipher(parseFieldKeys(keyText("k1")));
    const sealed = cipher.seal("13807341234", "phone");
    expect(() => cipher.open(sealed, "id_number")).toThrow();
    // The second-to-last character always carries six bits of the tag: change it to another.
    const tampered = `${sealed.slice(0, -2)}${sealed.at(-2) === "A" ? "B" : "A"}${sealed.slice(-1)}`;
    expect(() => cipher.open(tampered, "phone")).toThrow();
  });

  it("rotates: a new current key seals, the old one still opens until the value is re-sealed", () => {
    const old = keyText("k2025");
    const before = new FieldCipher(parseFieldKeys(old));
    const sealed = before.seal("13807341234", "phone");
    const after = new FieldCipher(parseFieldKeys(`${keyText("k2026")}\n${old}`));
    expect(after.isStale(sealed)).toBe(true);
    const resealed = after.reseal(sealed, "phone");
    expect(resealed).toMatch(/^f1\.k2026\./);
    expect(after.open(resealed, "phone")).toBe("13807341234");
    const retired = new FieldCipher(parseFieldKeys(keyText("k2026")));
    expect(() => retired.open(sealed, "phone")).toThrow(/key is gone/);
  });

  it("reads keys as id:base64 entries and says which entry is wrong without echoing it", () => {
    expect(() => parseFieldKeys("k1:c2hvcnQ=")).toThrow('field key entry 1 is not "id:<32 bytes in base64>"');
    expect(() => parseFieldKeys("")).toThrow("no field key is configured");
    const text = keyText("k1");
    expect(() => parseFieldKeys(`${text},${text}`)).toThrow("field key id k1 appears twice");
  });
});

describe("blindIndex", () => {
  it("matches equal values of one field only, under one key", () => {
    const key = randomBytes(32);
    expect(blindIndex(key, "id_number", "430405198503171234")).toBe(blindIndex(key, "id_number", "430405198503171234"));
    expect(blindIndex(key, "id_number", "430405198503171234")).not.toBe(blindIndex(key, "phone", "430405198503171234"));
    expect(blindIndex(randomBytes(32), "id_number", "430405198503171234")).not.toBe(
      blindIndex(key, "id_number", "430405198503171234"),
    );
  });
});
