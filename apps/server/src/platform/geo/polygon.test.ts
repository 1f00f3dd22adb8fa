import type { Polygon } from "@linli/contracts";
import { polygonSchema } from "@linli/contracts";
import { describe, expect, it } from "vitest";
import { liesWithin, overlaps, polygonProblems } from "./polygon.js";

const polygon = (...rings: [number, number][][]): Polygon => ({ type: "Polygon", coordinates: rings });
const square = (x: number, y: number, size: number): [number, number][] => [
  [x, y],
  [x + size, y],
  [x + size, y + size],
  [x, y + size],
  [x, y],
];

describe("polygon shape (contract)", () => {
  it("refuses a ring that does not close, naming it", () => {
    const result = polygonSchema.safeParse(
      polygon([
        [112.6, 26.9],
        [112.61, 26.9],
        [112.61, 26.91],
        [112.6, 26.91],
      ]),
    );
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ path: ["coordinates", 0], params: { code: "ring_not_closed" } });
  });

  it("refuses coordinates out of range and rings of fewer than four positions", () => {
    const far = polygonSchema.safeParse(polygon(square(179.9995, 26.9, 0.001)));
    expect(far.error?.issues[0]?.path).toEqual(["coordinates", 0, 1, 0]);
    const short = polygonSchema.safeParse(
      polygon([
        [112.6, 26.9],
        [112.61, 26.9],
        [112.6, 26.9],
      ]),
    );
    expect(short.error?.issues[0]?.path).toEqual(["coordinates", 0]);
  });
});

describe("polygonProblems", () => {
  it("accepts a plain ring and a ring with a hole", () => {
    expect(polygonProblems(polygon(square(112.6, 26.9, 0.01)))).toEqual([]);
    expect(polygonProblems(polygon(square(112.6, 26.9, 0.01), square(112.602, 26.902, 0.002)))).toEqual([]);
  });

  it("refuses a bow tie (a ring crossing itself)", () => {
    const bowTie = polygon([
      [112.6, 26.9],
      [112.61, 26.91],
      [112.61, 26.9],
      [112.6, 26.91],
      [112.6, 26.9],
    ]);
    expect(polygonProblems(bowTie)).toEqual([{ field: "coordinates", code: "self_crossing" }]);
  });

  it("refuses a hole crossing the outer ring", () => {
    expect(polygonProblems(polygon(square(112.6, 26.9, 0.01), square(112.605, 26.905, 0.01)))).toEqual([
      { field: "coordinates", code: "self_crossing" },
    ]);
  });

  it("refuses a ring that encloses nothing", () => {
    const line = polygon([
      [112.6, 26.9],
      [112.61, 26.9],
      [112.62, 26.9],
      [112.6, 26.9],
    ]);
    expect(polygonProblems(line)).toEqual([{ field: "coordinates.0", code: "no_area" }]);
  });
});

describe("overlaps and liesWithin", () => {
  const a = polygon(square(112.6, 26.9, 0.01));
  it("grids that share an edge or a corner do not overlap; grids that share area do", () => {
    expect(overlaps(a, polygon(square(112.61, 26.9, 0.01)))).toBe(false);
    expect(overlaps(a, polygon(square(112.61, 26.91, 0.01)))).toBe(false);
    expect(overlaps(a, polygon(square(112.609, 26.9, 0.01)))).toBe(true);
    expect(overlaps(a, polygon(square(112.602, 26.902, 0.002)))).toBe(true);
  });

  it("a polygon lies within another when no part of it sticks out, its edges may touch", () => {
    expect(liesWithin(polygon(square(112.6, 26.9, 0.005)), a)).toBe(true);
    expect(liesWithin(a, a)).toBe(true);
    expect(liesWithin(polygon(square(112.608, 26.9, 0.005)), a)).toBe(false);
  });
});
