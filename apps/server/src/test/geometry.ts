import type { Polygon } from "@linli/contracts";

/** An axis-aligned rectangle in longitude-latitude degrees, as a closed GeoJSON ring. */
export const box = (west: number, south: number, east: number, north: number): Polygon => ({
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
