import type { Polygon } from "@linli/contracts";
import { AppError } from "../../platform/errors/app-error.js";
import { assertPolygon, liesWithin } from "../../platform/geo/polygon.js";
import type { RegionService } from "../regions/region.service.js";

/**
 * A compound's or grid's boundary must be a simple polygon and, where the community's area is
 * known, lie inside it.
 */
export async function assertInCommunityArea(regions: RegionService, regionCode: string, boundary: Polygon): Promise<void> {
  assertPolygon(boundary, "boundary");
  const area = await regions.boundaryOf(regionCode);
  if (area && !liesWithin(boundary, area))
    throw new AppError("validation_failed", 400, [{ in: "body", field: "boundary", code: "outside_community_area" }]);
}
