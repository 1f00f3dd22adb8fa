import type { Polygon, Region, RegionDetail, RegionList, RegionSearchQuery } from "@linli/contracts";
import type { Database } from "../../db/client.js";
import { type AuditService, succeeded } from "../../platform/audit/audit.service.js";
import type { Actor, RequestContext } from "../../platform/auth/actor.js";
import { AppError, notFound } from "../../platform/errors/app-error.js";
import { assertPolygon } from "../../platform/geo/polygon.js";
import { covers } from "../../platform/scope/scope.js";
import { displayName } from "./division-source.js";
import { isIdRegion } from "./id-regions.js";
import { RegionRepository, type RegionRow } from "./region.repository.js";

function toRegion(row: RegionRow): Region {
  return {
    code: row.code,
    level: row.level,
    name: row.name,
    displayName: displayName(row.name),
    parentCode: row.parentCode,
    active: row.active,
  };
}

/**
 * Reading the division tree. Divisions are public reference data (the NBS list), so any signed-in
 * user reads all of them; what is scoped is the records placed in them.
 */
export class RegionService {
  private readonly repository: RegionRepository;

  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
  ) {
    this.repository = new RegionRepository(db);
  }

  async children(parentCode: string | undefined, includeInactive: boolean): Promise<RegionList> {
    return { items: (await this.repository.children(parentCode ?? null, includeInactive)).map(toRegion) };
  }

  async get(code: string): Promise<RegionDetail> {
    const path = await this.repository.path(code);
    const region = path.at(-1);
    if (!region || region.code !== code) throw notFound();
    return { ...toRegion(region), path: path.map(toRegion), boundary: region.boundary ?? null };
  }

  /** The community's drawn area, or null when none is known. */
  async boundaryOf(code: string): Promise<Polygon | null> {
    return (await this.repository.findByCode(code))?.boundary ?? null;
  }

  /**
   * Draws a community's area (an account that manages grids there may); compounds and grids
   * drawn afterwards must lie inside it.
   */
  async setBoundary(actor: Actor, code: string, boundary: Polygon, context: RequestContext): Promise<RegionDetail> {
    if (!actor.permissions.includes("grids.manage")) throw new AppError("forbidden", 403);
    const community = await this.findActive(code);
    if (community?.level !== 5)
      throw new AppError("validation_failed", 400, [{ in: "params", field: "code", code: "unknown_region" }]);
    if (!covers(actor.scope, code)) throw new AppError("forbidden", 403);
    assertPolygon(boundary, "boundary");
    await this.db.transaction(async (tx) => {
      await new RegionRepository(tx).setBoundary(code, boundary);
      await this.audit.record(tx, succeeded(actor, context, "regions.boundary_set", { type: "region", id: code }));
    });
    return this.get(code);
  }

  /** The active division with this code, or null. */
  /** Whether an ID number's first six digits name a place of registration (GB/T 2260). */
  isIdRegion(code: string): boolean {
    return isIdRegion(code);
  }

  async findActive(code: string): Promise<Region | null> {
    const row = await this.repository.findByCode(code);
    return row?.active ? toRegion(row) : null;
  }

  async search(query: RegionSearchQuery): Promise<RegionList> {
    return { items: (await this.repository.search(query.q, query.within ?? null, query.limit)).map(toRegion) };
  }
}
