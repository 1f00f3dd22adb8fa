import type { GridPost, Polygon, Scope } from "@linli/contracts";
import { and, asc, desc, eq, gt, inArray, isNotNull, isNull, like, ne, type SQL, sql } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { compounds, gridCompounds, gridStaff, grids } from "../../db/schema.js";
import { inScope } from "../../platform/scope/scope.js";

export type GridRow = typeof grids.$inferSelect;
export type StaffTermRow = typeof gridStaff.$inferSelect;

const gridsIn = (scope: Scope) => inScope(scope, { region: grids.regionCode, grid: grids.code });

/** SQL for grids, the compounds they cover and their staffing terms. */
export class GridRepository {
  constructor(private readonly db: Database) {}

  async insertGrid(row: typeof grids.$inferInsert, compoundIds: readonly string[]): Promise<GridRow> {
    const [inserted] = await this.db.insert(grids).values(row).returning();
    if (!inserted) throw new Error("insert returned no row");
    if (compoundIds.length > 0)
      await this.db.insert(gridCompounds).values(compoundIds.map((compoundId) => ({ gridCode: row.code, compoundId })));
    return inserted;
  }

  /** Renames a grid and replaces the compounds it covers. */
  async updateGrid(code: string, name: string, compoundIds: readonly string[]): Promise<GridRow> {
    const [row] = await this.db.update(grids).set({ name, updatedAt: sql`now()` }).where(eq(grids.code, code)).returning();
    if (!row) throw new Error("update matched no row");
    await this.db.delete(gridCompounds).where(eq(gridCompounds.gridCode, code));
    if (compoundIds.length > 0)
      await this.db.insert(gridCompounds).values(compoundIds.map((compoundId) => ({ gridCode: code, compoundId })));
    return row;
  }

  /** How many of `ids` are compounds of the community. */
  async countCompoundsOf(regionCode: string, ids: readonly string[]): Promise<number> {
    if (ids.length === 0) return 0;
    const rows = await this.db
      .select({ id: compounds.id })
      .from(compounds)
      .where(and(eq(compounds.regionCode, regionCode), inArray(compounds.id, [...ids])));
    return rows.length;
  }

  async findGridInScope(code: string, scope: Scope): Promise<GridRow | undefined> {
    const [row] = await this.db
      .select()
      .from(grids)
      .where(and(eq(grids.code, code), gridsIn(scope)))
      .limit(1);
    return row;
  }

  /** Grids inside `scope` (and under `region` when given), by code, after `after`, at most `limit`. */
  async listGrids(scope: Scope, region?: string, page: { limit?: number; after?: string } = {}): Promise<GridRow[]> {
    const query = this.db
      .select()
      .from(grids)
      .where(
        and(
          gridsIn(scope),
          region ? like(grids.regionCode, `${region}%`) : undefined,
          page.after ? gt(grids.code, page.after) : undefined,
        ),
      )
      .orderBy(asc(grids.code));
    return page.limit ? query.limit(page.limit) : query;
  }

  async compoundIdsOf(codes: readonly string[]): Promise<{ gridCode: string; compoundId: string }[]> {
    if (codes.length === 0) return [];
    return this.db
      .select()
      .from(gridCompounds)
      .where(inArray(gridCompounds.gridCode, [...codes]));
  }

  /** Serialises changes under one key (a community's staffing or boundaries, a grid's staffing) until the transaction ends. */
  async lock(key: string): Promise<void> {
    await this.db.execute(sql`select pg_advisory_xact_lock(hashtext(${key}))`);
  }

  async setBoundary(code: string, boundary: Polygon): Promise<GridRow> {
    const [row] = await this.db.update(grids).set({ boundary, updatedAt: sql`now()` }).where(eq(grids.code, code)).returning();
    if (!row) throw new Error("update matched no row");
    return row;
  }

  /** The drawn grids of a community, but one. */
  async boundariesInCommunity(regionCode: string, exceptCode: string) {
    return this.db
      .select({ code: grids.code, name: grids.name, boundary: grids.boundary })
      .from(grids)
      .where(and(eq(grids.regionCode, regionCode), ne(grids.code, exceptCode), isNotNull(grids.boundary)))
      .orderBy(asc(grids.code));
  }

  /** Every drawn grid, by code: what the point lookup indexes. */
  async allBoundaries() {
    const rows = await this.db
      .select({ code: grids.code, regionCode: grids.regionCode, name: grids.name, boundary: grids.boundary })
      .from(grids)
      .where(isNotNull(grids.boundary))
      .orderBy(asc(grids.code));
    return rows.flatMap(({ boundary, ...grid }) => (boundary ? [{ value: grid, polygon: boundary }] : []));
  }

  /** Changes whenever a grid is added or redrawn. */
  async boundaryVersion(): Promise<string> {
    const [row] = await this.db
      .select({ version: sql<string>`count(*) || ':' || coalesce(max(${grids.updatedAt})::text, '')` })
      .from(grids);
    return row?.version ?? "";
  }

  /** Terms that overlap [from, to] (to null: open-ended) for the post in the community or grid, optionally of one user. */
  async overlappingTerms(term: {
    post: GridPost;
    regionCode: string;
    gridCode: string | null;
    from: string;
    to: string | null;
    userId?: string;
  }): Promise<StaffTermRow[]> {
    const conditions: (SQL | undefined)[] = [
      eq(gridStaff.post, term.post),
      term.gridCode === null
        ? and(eq(gridStaff.regionCode, term.regionCode), isNull(gridStaff.gridCode))
        : eq(gridStaff.gridCode, term.gridCode),
      sql`${gridStaff.fromDate} <= coalesce(${term.to}::date, 'infinity'::date)`,
      sql`coalesce(${gridStaff.toDate}, 'infinity'::date) >= ${term.from}::date`,
      term.userId ? eq(gridStaff.userId, term.userId) : undefined,
    ];
    return this.db
      .select()
      .from(gridStaff)
      .where(and(...conditions));
  }

  async insertTerm(row: typeof gridStaff.$inferInsert): Promise<StaffTermRow> {
    const [inserted] = await this.db.insert(gridStaff).values(row).returning();
    if (!inserted) throw new Error("insert returned no row");
    return inserted;
  }

  async findTermInScope(id: string, scope: Scope): Promise<StaffTermRow | undefined> {
    const [row] = await this.db
      .select()
      .from(gridStaff)
      .where(and(eq(gridStaff.id, id), inScope(scope, { region: gridStaff.regionCode, grid: gridStaff.gridCode })))
      .limit(1);
    return row;
  }

  async endTerm(id: string, to: string): Promise<StaffTermRow> {
    const [row] = await this.db.update(gridStaff).set({ toDate: to }).where(eq(gridStaff.id, id)).returning();
    if (!row) throw new Error("update matched no row");
    return row;
  }

  async termsOfGrid(code: string): Promise<StaffTermRow[]> {
    return this.db
      .select()
      .from(gridStaff)
      .where(eq(gridStaff.gridCode, code))
      .orderBy(desc(gridStaff.fromDate), asc(gridStaff.post));
  }

  /** Who holds `post` in the community (and grid, when given) on `day`. */
  async currentStaff(regionCode: string, post: string, day: string, gridCode?: string): Promise<string[]> {
    const rows = await this.db
      .select({ userId: gridStaff.userId })
      .from(gridStaff)
      .where(
        and(
          eq(gridStaff.regionCode, regionCode),
          eq(gridStaff.post, post),
          gridCode ? eq(gridStaff.gridCode, gridCode) : undefined,
          sql`${gridStaff.fromDate} <= ${day}::date and (${gridStaff.toDate} is null or ${gridStaff.toDate} >= ${day}::date)`,
        ),
      );
    return [...new Set(rows.map((row) => row.userId))];
  }
}
