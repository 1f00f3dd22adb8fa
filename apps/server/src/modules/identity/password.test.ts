import { describe, expect, it } from "vitest";
import { generatePassword, hashPassword, verifyPassword } from "./password.js";

describe("passwords", () => {
  it("generates 20 characters without look-alikes, different each time", () => {
    const passwords = Array.from({ length: 50 }, () => generatePassword());
    for (const password of passwords) expect(password).toMatch(/^[A-HJ-NP-Za-km-z2-9]{20}$/);
    expect(new Set(passwords).size).toBe(50);
  });

  it("hashes with argon2id and verifies only the right password", async () => {
    const hash = await hashPassword("正确的密码");
    expect(hash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(hash, "正确的密码")).toBe(true);
    expect(await verifyPassword(hash, "错误的密码")).toBe(false);
  });
});
