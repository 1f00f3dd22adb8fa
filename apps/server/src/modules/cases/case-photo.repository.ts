import { and, eq, inArray, isNull, or, sql } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { rowsOf } from "../../db/migrate.js";
import { casePhotos } from "../../db/schema.js";

export type CasePhotoRow = typeof casePhotos.$inferSelect;

/** SQL for case photos' records (their bytes are in the file store). */
export class CasePhotoRepository {
  constructor(private readonly db: Database) {}

  async insert(row: typeof casePhotos.$inferInsert): Promise<CasePhotoRow> {
    const [inserted] = await this.db.insert(casePhotos).values(row).returning();
    if (!inserted) throw new Error("insert returned no row");
    return inserted;
  }

  async find(id: string): Promise<CasePhotoRow | undefined> {
    const [row] = await this.db.select().from(casePhotos).where(eq(casePhotos.id, id));
    return row;
  }

  /**
   * Attaches photos to a case and returns the ids it could: a photo attached elsewhere already,
   * or unknown, is left out (the caller names it).
   */
  async attach(ids: readonly string[], caseId: string): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows = await this.db
      .update(casePhotos)
      .set({ caseId })
      .where(and(inArray(casePhotos.id, [...ids]), or(isNull(casePhotos.caseId), eq(casePhotos.caseId, caseId))))
      .returning({ id: casePhotos.id });
    return rows.map((row) => row.id);
  }

  /**
   * Deletes up to `limit` photos never attached to a case and uploaded before `before`; returns
   * their storage keys. SKIP LOCKED, so instances purging at once take different rows.
   */
  async deleteUnattached(before: Date, limit: number): Promise<string[]> {
    const result = await this.db.execute(sql`
      delete from ${casePhotos} where id in (
        select id from ${casePhotos}
        where case_id is null and created_at < ${before.toISOString()}::timestamptz
        order by id limit ${limit} for update skip locked)
      returning storage_key as "storageKey"`);
    return rowsOf<{ storageKey: string }>(result).map((row) => row.storageKey);
  }
}
