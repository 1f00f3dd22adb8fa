import type { Scope } from "@linli/contracts";
import { and, asc, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { buildings, compounds, dwellings, entrances, gridCompounds } from "../../db/schema.js";
import { inScope } from "../../platform/scope/scope.js";

export type BuildingRow = typeof buildings.$inferSelect;
export type EntranceRow = typeof entrances.$inferSelect;
export type DwellingRow = typeof dwellings.$inferSelect;

/** Where a dwelling is: community, compound, building, entrance, the grid covering its compound. */
export interface DwellingPlace {
  dwellingId: string;
  regionCode: string;
  compoundId: string;
  compoundName: string;
  buildingName: string;
  entranceName: string | null;
  number: string;
  gridCode: string | null;
  address: string;
}

/** SQL for buildings, their entrances and dwellings; reads are filtered by the caller's scope. */
export class BuildingRepository {
  constructor(private readonly db: Database) {}

  async insertBuilding(
    row: typeof buildings.$inferInsert,
    entranceRows: (typeof entrances.$inferInsert)[],
  ): Promise<BuildingRow> {
    const [inserted] = await this.db.insert(buildings).values(row).returning();
    if (!inserted) throw new Error("insert returned no row");
    if (entranceRows.length > 0) await this.db.insert(entrances).values(entranceRows);
    return inserted;
  }

  async findBuildingInScope(id: string, scope: Scope): Promise<BuildingRow | undefined> {
    const [row] = await this.db
      .select()
      .from(buildings)
      .where(and(eq(buildings.id, id), inScope(scope, { region: buildings.regionCode })))
      .limit(1);
    return row;
  }

  /** The compound's buildings by name, each with its dwellings' count and total floor area. */
  async buildingsOf(compoundId: string) {
    return this.db
      .select({
        building: buildings,
        dwellingsCount: sql<number>`count(${dwellings.id})::int`,
        floorAreaTotal: sql<string>`coalesce(sum(${dwellings.floorArea}), 0)`,
      })
      .from(buildings)
      .leftJoin(dwellings, eq(dwellings.buildingId, buildings.id))
      .where(eq(buildings.compoundId, compoundId))
      .groupBy(buildings.id)
      .orderBy(asc(sql`${buildings.name} collate "C"`));
  }

  /** The buildings of several compounds, each compound's by name. */
  async buildingsIn(compoundIds: readonly string[]): Promise<BuildingRow[]> {
    if (compoundIds.length === 0) return [];
    return this.db
      .select()
      .from(buildings)
      .where(inArray(buildings.compoundId, [...compoundIds]))
      .orderBy(asc(buildings.compoundId), asc(sql`${buildings.name} collate "C"`));
  }

  async entrancesOf(buildingIds: readonly string[]): Promise<EntranceRow[]> {
    if (buildingIds.length === 0) return [];
    return this.db
      .select()
      .from(entrances)
      .where(inArray(entrances.buildingId, [...buildingIds]))
      .orderBy(asc(sql`${entrances.name} collate "C"`));
  }

  async insertDwelling(row: typeof dwellings.$inferInsert): Promise<DwellingRow> {
    const [inserted] = await this.db.insert(dwellings).values(row).returning();
    if (!inserted) throw new Error("insert returned no row");
    return inserted;
  }

  /** Every dwelling of the compounds, by building and number. */
  async dwellingsOf(compoundIds: readonly string[]): Promise<DwellingRow[]> {
    if (compoundIds.length === 0) return [];
    return this.db
      .select()
      .from(dwellings)
      .where(inArray(dwellings.compoundId, [...compoundIds]))
      .orderBy(asc(dwellings.buildingId), asc(sql`${dwellings.number} collate "C"`));
  }

  /** Updates a dwelling inside the scope; undefined when there is none. */
  async updateDwellingInScope(
    id: string,
    scope: Scope,
    patch: Pick<DwellingRow, "floor" | "floorArea" | "address">,
  ): Promise<DwellingRow | undefined> {
    const [row] = await this.db
      .update(dwellings)
      .set(patch)
      .where(and(eq(dwellings.id, id), inScope(scope, { region: dwellings.regionCode })))
      .returning();
    return row;
  }

  /** One page of a compound's dwellings (of one building when given), by building, number and id. */
  async listDwellings(options: {
    scope: Scope;
    compoundId: string;
    buildingId?: string;
    limit: number;
    after?: { buildingId: string; number: string; id: string };
  }): Promise<DwellingRow[]> {
    const conditions: (SQL | undefined)[] = [
      eq(dwellings.compoundId, options.compoundId),
      inScope(options.scope, { region: dwellings.regionCode }),
      options.buildingId ? eq(dwellings.buildingId, options.buildingId) : undefined,
      options.after
        ? sql`(${dwellings.buildingId}, ${dwellings.number} collate "C", ${dwellings.id}) > (${options.after.buildingId}::uuid, ${options.after.number} collate "C", ${options.after.id}::uuid)`
        : undefined,
    ];
    return this.db
      .select()
      .from(dwellings)
      .where(and(...conditions))
      .orderBy(asc(dwellings.buildingId), asc(sql`${dwellings.number} collate "C"`), asc(dwellings.id))
      .limit(options.limit);
  }

  /**
   * The places of dwellings inside the scope (by ids, or every dwelling of a community); the grid
   * is the lowest-coded one covering the compound, the address the dwelling's own or its names.
   */
  async placesOf(
    filter: { ids: readonly string[] } | { regionCode: string } | { limit: number },
    scope: Scope,
  ): Promise<DwellingPlace[]> {
    if ("ids" in filter && filter.ids.length === 0) return [];
    const gridCode = sql<
      string | null
    >`(select min(${gridCompounds.gridCode}) from ${gridCompounds} where ${gridCompounds.compoundId} = ${dwellings.compoundId})`;
    const rows = await this.db
      .select({
        dwellingId: dwellings.id,
        regionCode: dwellings.regionCode,
        compoundId: dwellings.compoundId,
        compoundName: compounds.name,
        buildingName: buildings.name,
        entranceName: entrances.name,
        number: dwellings.number,
        gridCode,
        ownAddress: dwellings.address,
      })
      .from(dwellings)
      .innerJoin(compounds, eq(compounds.id, dwellings.compoundId))
      .innerJoin(buildings, eq(buildings.id, dwellings.buildingId))
      .leftJoin(entrances, eq(entrances.id, dwellings.entranceId))
      .where(
        and(
          "ids" in filter
            ? inArray(dwellings.id, [...filter.ids])
            : "regionCode" in filter
              ? eq(dwellings.regionCode, filter.regionCode)
              : undefined,
          inScope(scope, { region: dwellings.regionCode, grid: gridCode }),
        ),
      )
      .orderBy(
        asc(sql`${compounds.name} collate "C"`),
        asc(sql`${buildings.name} collate "C"`),
        asc(sql`${dwellings.number} collate "C"`),
      )
      .limit("limit" in filter ? filter.limit : 1_000_000);
    return rows.map(({ ownAddress, ...place }) => ({
      ...place,
      address: ownAddress || `${place.compoundName}${place.buildingName}${place.entranceName ?? ""}${place.number}`,
    }));
  }
}
