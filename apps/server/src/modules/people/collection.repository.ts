import type { Scope } from "@linli/contracts";
import { and, desc, eq, type SQL, sql } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { collectionSubmissions } from "../../db/schema.js";
import { inScope } from "../../platform/scope/scope.js";

export type SubmissionRow = typeof collectionSubmissions.$inferSelect;
export type SubmissionInsert = typeof collectionSubmissions.$inferInsert;

const submissionInScope = (scope: Scope) =>
  inScope(scope, { region: collectionSubmissions.regionCode, grid: collectionSubmissions.gridCode });

/** SQL for collected changes waiting for review. */
export class CollectionRepository {
  constructor(private readonly db: Database) {}

  async insert(row: typeof collectionSubmissions.$inferInsert): Promise<SubmissionRow> {
    const [inserted] = await this.db.insert(collectionSubmissions).values(row).returning();
    if (!inserted) throw new Error("insert returned no row");
    return inserted;
  }

  async lockInScope(id: string, scope: Scope): Promise<SubmissionRow | undefined> {
    const [row] = await this.db
      .select()
      .from(collectionSubmissions)
      .where(and(eq(collectionSubmissions.id, id), submissionInScope(scope)))
      .for("update");
    return row;
  }

  async update(id: string, patch: Partial<typeof collectionSubmissions.$inferInsert>): Promise<SubmissionRow> {
    const [row] = await this.db.update(collectionSubmissions).set(patch).where(eq(collectionSubmissions.id, id)).returning();
    if (!row) throw new Error("the submission to update is missing");
    return row;
  }

  /** Newest first (ids are UUIDv7, so they order by time). */
  async page(options: {
    scope: Scope;
    status?: string;
    submittedBy?: string;
    limit: number;
    afterId?: string;
  }): Promise<SubmissionRow[]> {
    const conditions: (SQL | undefined)[] = [
      submissionInScope(options.scope),
      options.status ? eq(collectionSubmissions.status, options.status) : undefined,
      options.submittedBy ? eq(collectionSubmissions.submittedBy, options.submittedBy) : undefined,
      options.afterId ? sql`${collectionSubmissions.id} < ${options.afterId}::uuid` : undefined,
    ];
    return this.db
      .select()
      .from(collectionSubmissions)
      .where(and(...conditions))
      .orderBy(desc(collectionSubmissions.id))
      .limit(options.limit);
  }
}
