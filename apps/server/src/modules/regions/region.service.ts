import type { Region, RegionDetail, RegionList, RegionSearchQuery } from "@linli/contracts";
import type { Database } from "../../db/client.js";
import { notFound } from "../../platform/errors/app-error.js";
import { displayName } from "./division-source.js";
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

  constructor(db: Database) {
    this.repository = new RegionRepository(db);
  }

  async children(parentCode: string | undefined, includeInactive: boolean): Promise<RegionList> {
    return { items: (await this.repository.children(parentCode ?? null, includeInactive)).map(toRegion) };
  }

  async get(code: string): Promise<RegionDetail> {
    const path = await this.repository.path(code);
    const region = path.at(-1);
    if (!region || region.code !== code) throw notFound();
    return { ...toRegion(region), path: path.map(toRegion) };
  }

  /** The active division with this code, or null. */
  async findActive(code: string): Promise<Region | null> {
    const row = await this.repository.findByCode(code);
    return row?.active ? toRegion(row) : null;
  }

  async search(query: RegionSearchQuery): Promise<RegionList> {
    return { items: (await this.repository.search(query.q, query.within ?? null, query.limit)).map(toRegion) };
  }
}
