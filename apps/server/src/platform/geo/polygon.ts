import type { Polygon } from "@linli/contracts";
import area from "@turf/area";
import kinks from "@turf/kinks";
import { difference, type Geom, intersection } from "polyclip-ts";
import { AppError } from "../errors/app-error.js";

/** Areas below this many square metres are rounding noise: two grids sharing an edge do not overlap. */
export const areaTolerance = 1;

/** An axis-aligned rectangle in longitude-latitude degrees, as a closed GeoJSON ring. */
export const rectangle = (west: number, south: number, east: number, north: number): Polygon => ({
  type: "Polygon",
  coordinates: [
    [
      [west, south],
      [east, south],
      [east, north],
      [west, north],
      [west, south],
    ],
  ],
});

export type PolygonProblem = { field: string; code: "self_crossing" | "no_area" };

/**
 * What the shape check of the contract cannot see: rings that cross themselves or each other, and
 * rings that enclose nothing. `field` is relative to the polygon (e.g. `coordinates.0`).
 */
export function polygonProblems(polygon: Polygon): PolygonProblem[] {
  if (kinks(polygon).features.length > 0) return [{ field: "coordinates", code: "self_crossing" }];
  const empty = polygon.coordinates.findIndex((ring) => area({ type: "Polygon", coordinates: [ring] }) < areaTolerance);
  if (empty >= 0) return [{ field: `coordinates.${empty}`, code: "no_area" }];
  return [];
}

/** Throws a 400 naming the field (`boundary.coordinates…`) when the polygon crosses itself or is empty. */
export function assertPolygon(polygon: Polygon, field: string): void {
  const problems = polygonProblems(polygon);
  if (problems.length > 0)
    throw new AppError(
      "validation_failed",
      400,
      problems.map((problem) => ({ in: "body" as const, field: `${field}.${problem.field}`, code: problem.code })),
    );
}

const asGeom = (polygon: Polygon) => polygon.coordinates as Geom;
const multiArea = (coordinates: Geom) =>
  coordinates.length === 0 ? 0 : area({ type: "MultiPolygon", coordinates: coordinates as [number, number][][][] });

/** Square metres the two polygons share (0 when they only touch along an edge or at a point). */
export function overlapArea(a: Polygon, b: Polygon): number {
  return multiArea(intersection(asGeom(a), asGeom(b)));
}

/** Square metres of `inner` that lie outside `outer`. */
export function areaOutside(inner: Polygon, outer: Polygon): number {
  return multiArea(difference(asGeom(inner), asGeom(outer)));
}

export const overlaps = (a: Polygon, b: Polygon) => overlapArea(a, b) > areaTolerance;
export const liesWithin = (inner: Polygon, outer: Polygon) => areaOutside(inner, outer) <= areaTolerance;
