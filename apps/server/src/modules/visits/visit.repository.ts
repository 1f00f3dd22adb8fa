import { eq } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { visits } from "../../db/schema.js";

export type VisitRow = typeof visits.$inferSelect;

/** SQL for recorded visits. */
export class VisitRepository {
  constructor(private readonly db: Database) {}

  async insert(row: typeof visits.$inferInsert): Promise<VisitRow> {
    const [inserted] = await this.db.insert(visits).values(row).returning();
    if (!inserted) throw new Error("insert returned no row");
    return inserted;
  }

  async find(id: string): Promise<VisitRow | undefined> {
    const [row] = await this.db.select().from(visits).where(eq(visits.id, id));
    return row;
  }
}
