import type { Polygon, Scope } from "@linli/contracts";
import { and, asc, desc, eq, inArray, isNotNull, like, type SQL, sql } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { escapeLike } from "../../db/like.js";
import { compoundProfiles, compounds, gridCompounds, regions } from "../../db/schema.js";
import { inScope } from "../../platform/scope/scope.js";

export type CompoundRow = typeof compounds.$inferSelect;
export type CompoundProfileRow = typeof compoundProfiles.$inferSelect;

const compoundsIn = (scope: Scope) => inScope(scope, { region: compounds.regionCode });

/** SQL for compounds and their profile history; every read is filtered by the caller's scope. */
export class CompoundRepository {
  constructor(private readonly db: Database) {}

  async insert(row: typeof compounds.$inferInsert): Promise<CompoundRow> {
    const [inserted] = await this.db.insert(compounds).values(row).returning();
    if (!inserted) throw new Error("insert returned no row");
    return inserted;
  }

  async findInScope(id: string, scope: Scope): Promise<CompoundRow | undefined> {
    const [row] = await this.db
      .select()
      .from(compounds)
      .where(and(eq(compounds.id, id), compoundsIn(scope)))
      .limit(1);
    return row;
  }

  /** One page inside `scope` (and under `region` when given), by community code then name. */
  async list(options: { scope: Scope; region?: string; limit: number; after?: { regionCode: string; name: string } }) {
    const conditions: (SQL | undefined)[] = [compoundsIn(options.scope)];
    if (options.region) conditions.push(like(compounds.regionCode, `${options.region}%`));
    if (options.after)
      conditions.push(
        sql`(${compounds.regionCode}, ${compounds.name} collate "C") > (${options.after.regionCode}, ${options.after.name} collate "C")`,
      );
    return this.db
      .select()
      .from(compounds)
      .where(and(...conditions))
      .orderBy(asc(compounds.regionCode), asc(sql`${compounds.name} collate "C"`))
      .limit(options.limit);
  }

  /** Every compound of one community, by name. */
  async allOfCommunity(regionCode: string): Promise<CompoundRow[]> {
    return this.db
      .select()
      .from(compounds)
      .where(eq(compounds.regionCode, regionCode))
      .orderBy(asc(sql`${compounds.name} collate "C"`));
  }

  async update(id: string, patch: Pick<CompoundRow, "address" | "yearBuilt" | "dwellingsCount">): Promise<CompoundRow> {
    const [row] = await this.db
      .update(compounds)
      .set({ ...patch, updatedAt: sql`now()` })
      .where(eq(compounds.id, id))
      .returning();
    if (!row) throw new Error("update matched no row");
    return row;
  }

  async setBoundary(id: string, boundary: Polygon): Promise<CompoundRow> {
    const [row] = await this.db
      .update(compounds)
      .set({ boundary, updatedAt: sql`now()` })
      .where(eq(compounds.id, id))
      .returning();
    if (!row) throw new Error("update matched no row");
    return row;
  }

  /** Every drawn compound, by community then id: what the point lookup indexes. */
  async allBoundaries() {
    const rows = await this.db
      .select({ id: compounds.id, regionCode: compounds.regionCode, name: compounds.name, boundary: compounds.boundary })
      .from(compounds)
      .where(isNotNull(compounds.boundary))
      .orderBy(asc(compounds.regionCode), asc(compounds.id));
    return rows.flatMap(({ boundary, ...compound }) => (boundary ? [{ value: compound, polygon: boundary }] : []));
  }

  /** Changes whenever a compound is added or changed. */
  async boundaryVersion(): Promise<string> {
    const [row] = await this.db
      .select({ version: sql<string>`count(*) || ':' || coalesce(max(${compounds.updatedAt})::text, '')` })
      .from(compounds);
    return row?.version ?? "";
  }

  async insertProfile(row: typeof compoundProfiles.$inferInsert): Promise<CompoundProfileRow> {
    const [inserted] = await this.db.insert(compoundProfiles).values(row).returning();
    if (!inserted) throw new Error("insert returned no row");
    return inserted;
  }

  /** Every profile of the compounds, newest first (by the date it took effect, then when recorded). */
  async history(compoundIds: readonly string[]): Promise<CompoundProfileRow[]> {
    if (compoundIds.length === 0) return [];
    return this.db
      .select()
      .from(compoundProfiles)
      .where(inArray(compoundProfiles.compoundId, [...compoundIds]))
      .orderBy(desc(compoundProfiles.effectiveFrom), desc(compoundProfiles.recordedAt));
  }

  /** A compound with its community's name and the grid covering it, whoever asks (placing a report). */
  async site(id: string) {
    const [row] = await this.db
      .select({
        id: compounds.id,
        name: compounds.name,
        regionCode: compounds.regionCode,
        communityName: regions.name,
        gridCode: gridCompounds.gridCode,
      })
      .from(compounds)
      .innerJoin(regions, eq(regions.code, compounds.regionCode))
      .leftJoin(gridCompounds, eq(gridCompounds.compoundId, compounds.id))
      .where(eq(compounds.id, id))
      .limit(1);
    return row;
  }

  /** Compounds whose name contains `text` (the public report form's picker), with their community's name. */
  async searchByName(text: string, limit: number) {
    return this.db
      .select({ id: compounds.id, name: compounds.name, regionCode: compounds.regionCode, communityName: regions.name })
      .from(compounds)
      .innerJoin(regions, eq(regions.code, compounds.regionCode))
      .where(sql`${compounds.name} like ${`%${escapeLike(text)}%`}`)
      .orderBy(asc(compounds.name), asc(compounds.id))
      .limit(limit);
  }
}
