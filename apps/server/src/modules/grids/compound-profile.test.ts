import { describe, expect, it } from "vitest";
import { bareProfile } from "../../test/compounds.js";
import { isThreeNo, type ProtectionFacts } from "./compound-profile.js";

const bare: ProtectionFacts = bareProfile;

describe("三无", () => {
  it("is a compound with no management, no guards and no physical security, or with no profile yet", () => {
    expect(isThreeNo(bare)).toBe(true);
    expect(isThreeNo(null)).toBe(true);
  });

  it.each([
    ["a property company", { propertyManagement: "property_company" }],
    ["owners managing it themselves", { propertyManagement: "owners_self_managed" }],
    ["a 24-hour watch", { watch24h: true }],
    ["guards", { guards: true }],
    ["smart access control", { smartAccess: true }],
    ["a fence", { fence: true }],
    ["cameras", { cameras: true }],
    ["a gate", { gate: true }],
  ])("is not a compound with %s", (_what, change) => {
    expect(isThreeNo({ ...bare, ...change })).toBe(false);
  });
});
