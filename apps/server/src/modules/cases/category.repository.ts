import { asc, eq, gte, sql } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { caseCalendarDays, caseCategories } from "../../db/schema.js";

export type CategoryRow = typeof caseCategories.$inferSelect;

/** SQL for case categories and the working-day calendar. */
export class CategoryRepository {
  constructor(private readonly db: Database) {}

  async all(): Promise<CategoryRow[]> {
    return this.db.select().from(caseCategories).orderBy(asc(caseCategories.sort), asc(caseCategories.code));
  }

  /** Changes whenever a category is edited (its version rises) or added. */
  async version(): Promise<string> {
    const [row] = await this.db
      .select({ count: sql<number>`count(*)::int`, versions: sql<number>`coalesce(sum(${caseCategories.version}), 0)::int` })
      .from(caseCategories);
    return `${row?.count}/${row?.versions}`;
  }

  /** Changes whenever a calendar day is marked, changed or unmarked. */
  async calendarVersion(): Promise<string> {
    const [row] = await this.db
      .select({
        digest: sql<string>`coalesce(md5(string_agg(${caseCalendarDays.day}::text || ${caseCalendarDays.kind}, ',' order by ${caseCalendarDays.day})), '')`,
      })
      .from(caseCalendarDays);
    return row?.digest ?? "";
  }

  async find(code: string): Promise<CategoryRow | undefined> {
    const [row] = await this.db.select().from(caseCategories).where(eq(caseCategories.code, code));
    return row;
  }

  async lock(code: string): Promise<CategoryRow | undefined> {
    const [row] = await this.db.select().from(caseCategories).where(eq(caseCategories.code, code)).for("update");
    return row;
  }

  async update(code: string, patch: Partial<typeof caseCategories.$inferInsert>): Promise<CategoryRow> {
    const [row] = await this.db
      .update(caseCategories)
      .set({ ...patch, version: sql`${caseCategories.version} + 1`, updatedAt: new Date() })
      .where(eq(caseCategories.code, code))
      .returning();
    if (!row) throw new Error("the category to update is missing");
    return row;
  }

  /** Calendar days from `from` on (a due time never looks back). */
  async calendarFrom(from: string) {
    return this.db.select().from(caseCalendarDays).where(gte(caseCalendarDays.day, from)).orderBy(asc(caseCalendarDays.day));
  }

  async setDay(row: typeof caseCalendarDays.$inferInsert): Promise<void> {
    await this.db
      .insert(caseCalendarDays)
      .values(row)
      .onConflictDoUpdate({ target: caseCalendarDays.day, set: { kind: row.kind, name: row.name } });
  }

  async removeDay(day: string): Promise<boolean> {
    const rows = await this.db.delete(caseCalendarDays).where(eq(caseCalendarDays.day, day)).returning();
    return rows.length > 0;
  }
}
