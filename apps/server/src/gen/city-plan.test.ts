import { beforeAll, describe, expect, it } from "vitest";
import { readDivisions } from "../modules/regions/division-source.js";
import { type CommunitySource, hengyang, layOut, planCity } from "./city-plan.js";

const sources: CommunitySource[] = [];
beforeAll(async () => {
  for await (const division of readDivisions(hengyang.cityCode)) if (division.level === 5) sources.push(division);
});

const overlaps = (a: number[], b: number[]) =>
  (a[0] ?? 0) < (b[2] ?? 0) && (b[0] ?? 0) < (a[2] ?? 0) && (a[1] ?? 0) < (b[3] ?? 0) && (b[1] ?? 0) < (a[3] ?? 0);
const inside = (inner: number[], outer: number[]) =>
  (inner[0] ?? 0) >= (outer[0] ?? 0) &&
  (inner[1] ?? 0) >= (outer[1] ?? 0) &&
  (inner[2] ?? 0) <= (outer[2] ?? 0) &&
  (inner[3] ?? 0) <= (outer[3] ?? 0);

describe("planCity", () => {
  it("at scale 1 holds every community and village of Hengyang, 2.3 M households and about 15,000 grids", () => {
    const plan = planCity(sources, 1);
    expect(plan.communities).toHaveLength(2785);
    expect(Math.abs(plan.households - hengyang.households) / hengyang.households).toBeLessThan(0.005);
    expect(plan.grids).toBeGreaterThan(14_000);
    expect(plan.grids).toBeLessThan(16_000);
    expect(Math.abs(plan.cases - hengyang.casesOverThreeYears) / hengyang.casesOverThreeYears).toBeLessThan(0.005);
  });

  it("at a small scale spreads its communities over every county, each at the size it has at scale 1", () => {
    const full = new Map(planCity(sources, 1).communities.map((community) => [community.code, community]));
    const small = planCity(sources, 0.01);
    expect(small.communities).toHaveLength(28);
    const counties = new Set(sources.map((source) => source.code.slice(0, 6)));
    const chosen = new Set(small.communities.map((community) => community.code.slice(0, 6)));
    expect(chosen.size).toBeGreaterThanOrEqual(counties.size - 3);
    for (const community of small.communities) expect(community).toEqual(full.get(community.code));
  });

  it("gives every community its own cell, and lays grids that never overlap, each holding its compounds", () => {
    const plan = planCity(sources, 0.05);
    for (const [index, community] of plan.communities.entries()) {
      const next = plan.communities[index + 1];
      if (next) expect(overlaps(community.cell, next.cell)).toBe(false);
      const layout = layOut(community);
      expect(layout.grids).toHaveLength(community.grids);
      expect(layout.grids.reduce((sum, grid) => sum + grid.compounds.length, 0)).toBe(community.compounds);
      for (const [gridIndex, grid] of layout.grids.entries()) {
        expect(inside(grid.box, community.cell)).toBe(true);
        for (const other of layout.grids.slice(gridIndex + 1)) expect(overlaps(grid.box, other.box)).toBe(false);
        for (const compound of grid.compounds) expect(inside(compound, grid.box)).toBe(true);
      }
    }
  });

  it("refuses a scale outside (0, 1]", () => {
    expect(() => planCity(sources, 0)).toThrow(/scale/);
    expect(() => planCity(sources, 2)).toThrow(/scale/);
  });
});
