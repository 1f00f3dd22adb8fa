import type { Polygon } from "@linli/contracts";
import { and, asc, eq, like, type SQL, sql } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { escapeLike } from "../../db/like.js";
import { regions } from "../../db/schema.js";

export type RegionRow = typeof regions.$inferSelect;
export type NewRegionRow = typeof regions.$inferInsert;

const startsWith = (prefix: string) => like(regions.code, `${prefix}%`);

/** SQL for administrative divisions. */
export class RegionRepository {
  constructor(private readonly db: Database) {}

  /** Code, name, parent and state of every division under `prefix` and above it, for the import's comparison. */
  async snapshot(prefix: string): Promise<Pick<RegionRow, "code" | "name" | "parentCode" | "level" | "active">[]> {
    return this.db
      .select({
        code: regions.code,
        name: regions.name,
        parentCode: regions.parentCode,
        level: regions.level,
        active: regions.active,
      })
      .from(regions)
      .where(prefix ? sql`(${startsWith(prefix)} or ${prefix} like ${regions.code} || '%')` : undefined);
  }

  async insertMany(rows: readonly NewRegionRow[]): Promise<void> {
    if (rows.length > 0) await this.db.insert(regions).values([...rows]);
  }

  /** Sets name, parent and level of each row by code, and makes it active again. */
  async updateMany(rows: readonly Pick<RegionRow, "code" | "name" | "parentCode" | "level">[]): Promise<void> {
    if (rows.length === 0) return;
    const values = sql.join(
      rows.map((row) => sql`(${row.code}, ${row.name}, ${row.parentCode}::text, ${row.level}::smallint)`),
      sql`, `,
    );
    await this.db.execute(sql`update ${regions} as r
      set name = v.name, parent_code = v.parent_code, level = v.level, active = true, updated_at = now()
      from (values ${values}) as v(code, name, parent_code, level)
      where r.code = v.code`);
  }

  async deactivate(codes: readonly string[]): Promise<void> {
    if (codes.length === 0) return;
    const list = sql.join(
      codes.map((code) => sql`${code}`),
      sql`, `,
    );
    await this.db.execute(sql`update ${regions} set active = false, updated_at = now() where code in (${list})`);
  }

  async setBoundary(code: string, boundary: Polygon): Promise<void> {
    await this.db.update(regions).set({ boundary, updatedAt: sql`now()` }).where(eq(regions.code, code));
  }

  async findByCode(code: string): Promise<RegionRow | undefined> {
    const [row] = await this.db.select().from(regions).where(eq(regions.code, code)).limit(1);
    return row;
  }

  /** The divisions directly under `parentCode` (null: the provinces), by code. */
  async children(parentCode: string | null, includeInactive: boolean): Promise<RegionRow[]> {
    const conditions: (SQL | undefined)[] = [
      parentCode === null ? sql`${regions.parentCode} is null` : eq(regions.parentCode, parentCode),
      includeInactive ? undefined : eq(regions.active, true),
    ];
    return this.db
      .select()
      .from(regions)
      .where(and(...conditions))
      .orderBy(asc(regions.code));
  }

  /** The division and its ancestors, from the province down. */
  async path(code: string): Promise<RegionRow[]> {
    const prefixes = [2, 4, 6, 9, 12].filter((length) => length <= code.length).map((length) => code.slice(0, length));
    const list = sql.join(
      prefixes.map((prefix) => sql`${prefix}`),
      sql`, `,
    );
    return this.db.select().from(regions).where(sql`${regions.code} in (${list})`).orderBy(asc(regions.level));
  }

  /** Active divisions whose name contains `text` (under `within` when given), the higher levels first. */
  async search(text: string, within: string | null, limit: number): Promise<RegionRow[]> {
    const pattern = `%${escapeLike(text)}%`;
    return this.db
      .select()
      .from(regions)
      .where(and(like(regions.name, pattern), eq(regions.active, true), within ? startsWith(within) : undefined))
      .orderBy(asc(regions.level), asc(regions.code))
      .limit(limit);
  }
}
