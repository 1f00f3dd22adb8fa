import { generate } from "otplib";
import { describe, expect, it } from "vitest";
import { acceptedStep, newRecoveryCodes, newTotpSecret, otpauthUri, recoveryCodeHash } from "./two-factor.js";

describe("TOTP", () => {
  const secret = newTotpSecret();
  const now = new Date("2026-11-29T06:00:10Z");
  const codeAt = (date: Date) => generate({ secret, epoch: Math.floor(date.getTime() / 1000) });

  it("accepts the current code and its neighbours for clock drift, not older ones", async () => {
    const step = Math.floor(now.getTime() / 30_000);
    expect(await acceptedStep(secret, await codeAt(now), null, now)).toBe(step);
    expect(await acceptedStep(secret, await codeAt(new Date(now.getTime() - 30_000)), null, now)).toBe(step - 1);
    expect(await acceptedStep(secret, await codeAt(new Date(now.getTime() - 90_000)), null, now)).toBeNull();
  });

  it("accepts a code once: not again at or before the last accepted step", async () => {
    const code = await codeAt(now);
    const step = await acceptedStep(secret, code, null, now);
    expect(step).not.toBeNull();
    expect(await acceptedStep(secret, code, step, now)).toBeNull();
  });

  it("names the account and issuer in the enrolment URI", () => {
    expect(otpauthUri("zhang.wei", secret)).toMatch(/^otpauth:\/\/totp\/.*zhang\.wei\?.*secret=/);
  });
});

describe("recovery codes", () => {
  it("are ten distinct codes whose hash ignores case and the hyphen", () => {
    const codes = newRecoveryCodes();
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[a-z2-7]{5}-[a-z2-7]{5}$/);
    const [first = ""] = codes;
    expect(recoveryCodeHash(first.toUpperCase().replace("-", ""))).toBe(recoveryCodeHash(first));
  });
});
