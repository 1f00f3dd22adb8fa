import type { Polygon } from "@linli/contracts";
import Flatbush from "flatbush";
import pointInPolygon from "point-in-polygon-hao";

export type IndexedPolygon<T> = { value: T; polygon: Polygon };

function boundsOf(polygon: Polygon): [number, number, number, number] {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const [x, y] of polygon.coordinates[0] ?? []) {
    if (x < minX) minX = x;
    if (y < minY) minY = y;
    if (x > maxX) maxX = x;
    if (y > maxY) maxY = y;
  }
  return [minX, minY, maxX, maxY];
}

/**
 * Point → polygon lookup: a flatbush index of the polygons' bounding boxes narrows the candidates,
 * an exact point-in-polygon test (holes respected) decides. A point on an edge or a vertex belongs
 * to the polygon; where it lies on the shared edge of two, the one inside which it lies strictly
 * wins, and between equals the one listed first — so the answer never depends on chance.
 */
export class PolygonIndex<T> {
  private readonly index: Flatbush | null;

  constructor(private readonly items: readonly IndexedPolygon<T>[]) {
    if (items.length === 0) {
      this.index = null;
      return;
    }
    this.index = new Flatbush(items.length);
    for (const item of items) this.index.add(...boundsOf(item.polygon));
    this.index.finish();
  }

  get size(): number {
    return this.items.length;
  }

  /** The polygon the point lies in, among those `accept` admits (all by default). */
  find(longitude: number, latitude: number, accept: (value: T) => boolean = () => true): T | undefined {
    if (!this.index) return undefined;
    const point = [longitude, latitude];
    let onEdge: number | undefined;
    const candidates = this.index.search(longitude, latitude, longitude, latitude);
    // Listing order decides between equals; a single candidate (the common case) needs no sorting.
    if (candidates.length > 1) candidates.sort((a, b) => a - b);
    for (const position of candidates) {
      const item = this.items[position];
      if (!item || !accept(item.value)) continue;
      const inside = pointInPolygon(point, item.polygon.coordinates);
      if (inside === true) return item.value;
      if (inside === 0 && onEdge === undefined) onEdge = position;
    }
    return onEdge === undefined ? undefined : this.items[onEdge]?.value;
  }
}
