import { describe, expect, it } from "vitest";
import { contains, covers } from "./scope.js";

const county = { regions: ["430405"], grids: [] };
const oneGrid = { regions: [], grids: ["430405001001001"] };

describe("covers", () => {
  it("takes a record under a prefix, and only under it", () => {
    expect(covers(county, "430405001001")).toBe(true);
    expect(covers(county, "430406001001")).toBe(false);
    expect(covers({ regions: ["43040"], grids: [] }, "430406001001")).toBe(true);
  });

  it("takes a record in a held grid, but not the rest of its community", () => {
    expect(covers(oneGrid, "430405001001", "430405001001001")).toBe(true);
    expect(covers(oneGrid, "430405001001", "430405001001002")).toBe(false);
    expect(covers(oneGrid, "430405001001")).toBe(false);
  });

  it("takes everything under *, and nothing under an empty scope", () => {
    expect(covers({ regions: ["*"], grids: [] }, "110101001001")).toBe(true);
    expect(covers({ regions: [], grids: [] }, "430405001001")).toBe(false);
  });
});

describe("contains", () => {
  it("lets a county grant its townships and grids, not a neighbour or a wider prefix", () => {
    expect(contains(county, { regions: ["430405001"], grids: ["430405001001001"] })).toBe(true);
    expect(contains(county, { regions: ["430406001"], grids: [] })).toBe(false);
    expect(contains(county, { regions: ["4304"], grids: [] })).toBe(false);
    expect(contains(county, { regions: [], grids: ["430406001001001"] })).toBe(false);
  });

  it("keeps an empty scope and * to those who cover everywhere", () => {
    expect(contains(county, { regions: [], grids: [] })).toBe(false);
    expect(contains(county, { regions: ["*"], grids: [] })).toBe(false);
    expect(contains({ regions: ["*"], grids: [] }, { regions: [], grids: [] })).toBe(true);
  });

  it("lets a grid holder see an account of the same grid only", () => {
    expect(contains(oneGrid, oneGrid)).toBe(true);
    expect(contains(oneGrid, { regions: ["430405001001"], grids: [] })).toBe(false);
  });
});
