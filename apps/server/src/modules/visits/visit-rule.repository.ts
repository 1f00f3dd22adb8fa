import { asc, eq, sql } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { visitRules } from "../../db/schema.js";

export type VisitRuleRow = typeof visitRules.$inferSelect;

/** SQL for a community's visit rules. */
export class VisitRuleRepository {
  constructor(private readonly db: Database) {}

  async list(regionCode: string): Promise<VisitRuleRow[]> {
    return this.db.select().from(visitRules).where(eq(visitRules.regionCode, regionCode)).orderBy(asc(visitRules.createdAt));
  }

  async insert(row: typeof visitRules.$inferInsert): Promise<VisitRuleRow> {
    const [inserted] = await this.db.insert(visitRules).values(row).returning();
    if (!inserted) throw new Error("insert returned no row");
    return inserted;
  }

  async lock(id: string): Promise<VisitRuleRow | undefined> {
    const [row] = await this.db.select().from(visitRules).where(eq(visitRules.id, id)).for("update");
    return row;
  }

  async update(
    id: string,
    patch: Partial<Pick<VisitRuleRow, "name" | "frequency" | "companions" | "active">>,
  ): Promise<VisitRuleRow> {
    const [row] = await this.db
      .update(visitRules)
      .set({ ...patch, version: sql`${visitRules.version} + 1`, updatedAt: new Date() })
      .where(eq(visitRules.id, id))
      .returning();
    if (!row) throw new Error("update returned no row");
    return row;
  }
}
