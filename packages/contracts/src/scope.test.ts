import { describe, expect, it } from "vitest";
import { scopeSchema } from "./scope.js";

describe("scope", () => {
  it("accepts division prefixes of each level, grids and everywhere", () => {
    const scope = { regions: ["43", "4304", "430405", "430405001", "430405001001", "*"], grids: ["430405001001001"] };
    expect(scopeSchema.parse(scope)).toEqual(scope);
  });

  it.each([["4304051"], ["43a4"], [""], ["430405001001001"]])("refuses the region prefix %j", (region) => {
    expect(scopeSchema.safeParse({ regions: [region], grids: [] }).success).toBe(false);
  });

  it("refuses a short grid code and duplicates", () => {
    expect(scopeSchema.safeParse({ regions: [], grids: ["430405001001"] }).success).toBe(false);
    expect(scopeSchema.safeParse({ regions: ["43", "43"], grids: [] }).success).toBe(false);
  });
});
