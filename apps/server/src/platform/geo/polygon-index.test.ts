import type { Polygon } from "@linli/contracts";
import fc from "fast-check";
import pointInPolygon from "point-in-polygon-hao";
import { describe, expect, it } from "vitest";
import { box } from "../../test/geometry.js";
import { PolygonIndex } from "./polygon-index.js";

const west = box(112.6, 26.9, 112.61, 26.91);
const east = box(112.61, 26.9, 112.62, 26.91);
/** An L shape: its bounding box holds the point (112.635, 26.905), the polygon does not. */
const ell: Polygon = {
  type: "Polygon",
  coordinates: [
    [
      [112.63, 26.9],
      [112.64, 26.9],
      [112.64, 26.902],
      [112.632, 26.902],
      [112.632, 26.91],
      [112.63, 26.91],
      [112.63, 26.9],
    ],
  ],
};
/** A square with a courtyard (a hole) in the middle. */
const courtyard: Polygon = {
  type: "Polygon",
  coordinates: [
    box(112.65, 26.9, 112.66, 26.91).coordinates[0] ?? [],
    [
      [112.654, 26.904],
      [112.654, 26.906],
      [112.656, 26.906],
      [112.656, 26.904],
      [112.654, 26.904],
    ],
  ],
};

const index = new PolygonIndex([
  { value: "west", polygon: west },
  { value: "east", polygon: east },
  { value: "ell", polygon: ell },
  { value: "courtyard", polygon: courtyard },
]);

describe("PolygonIndex", () => {
  it("finds the polygon a point lies inside", () => {
    expect(index.find(112.605, 26.905)).toBe("west");
    expect(index.find(112.615, 26.905)).toBe("east");
    expect(index.find(112.631, 26.909)).toBe("ell");
  });

  it("finds nothing outside every polygon, also inside a bounding box but outside its polygon", () => {
    expect(index.find(112.5, 26.905)).toBeUndefined();
    expect(index.find(112.635, 26.905)).toBeUndefined();
    expect(new PolygonIndex<string>([]).find(112.6, 26.9)).toBeUndefined();
  });

  it("counts a point on an edge or a vertex as inside", () => {
    expect(index.find(112.6, 26.905)).toBe("west");
    expect(index.find(112.6, 26.9)).toBe("west");
    expect(index.find(112.64, 26.901)).toBe("ell");
  });

  it("decides a point on the edge two polygons share by their order, every time", () => {
    expect(index.find(112.61, 26.905)).toBe("west");
    const reversed = new PolygonIndex([
      { value: "east", polygon: east },
      { value: "west", polygon: west },
    ]);
    expect(reversed.find(112.61, 26.905)).toBe("east");
  });

  it("respects holes: a point in the courtyard is outside, one on the courtyard's edge inside", () => {
    expect(index.find(112.655, 26.905)).toBeUndefined();
    expect(index.find(112.654, 26.905)).toBe("courtyard");
    expect(index.find(112.652, 26.905)).toBe("courtyard");
  });

  it("agrees with testing every polygon one by one", () => {
    const polygons = [west, east, ell, courtyard];
    fc.assert(
      fc.property(
        fc.double({ min: 112.59, max: 112.67, noNaN: true }),
        fc.double({ min: 26.89, max: 26.92, noNaN: true }),
        (x, y) => {
          const strictly = polygons.findIndex((polygon) => pointInPolygon([x, y], polygon.coordinates) === true);
          const touching = polygons.findIndex((polygon) => pointInPolygon([x, y], polygon.coordinates) === 0);
          const expected = strictly >= 0 ? strictly : touching;
          expect(index.find(x, y)).toBe(expected >= 0 ? ["west", "east", "ell", "courtyard"][expected] : undefined);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
