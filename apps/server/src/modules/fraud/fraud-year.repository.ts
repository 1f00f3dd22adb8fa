import { asc, eq, sql } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { fraudYears } from "../../db/schema.js";

export type FraudYearRow = typeof fraudYears.$inferSelect;

/** SQL for the police's yearly anti-fraud figures. */
export class FraudYearRepository {
  constructor(private readonly db: Database) {}

  async upsert(row: typeof fraudYears.$inferInsert): Promise<void> {
    await this.db
      .insert(fraudYears)
      .values(row)
      .onConflictDoUpdate({
        target: [fraudYears.regionCode, fraudYears.year],
        set: {
          casesSolved: row.casesSolved,
          arrests: row.arrests,
          fundsStoppedFen: row.fundsStoppedFen,
          updatedBy: row.updatedBy,
          updatedAt: sql`now()`,
        },
      });
  }

  /** An area's years, oldest first. */
  async of(regionCode: string): Promise<FraudYearRow[]> {
    return this.db.select().from(fraudYears).where(eq(fraudYears.regionCode, regionCode)).orderBy(asc(fraudYears.year));
  }
}
