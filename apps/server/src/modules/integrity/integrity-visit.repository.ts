import type { Scope } from "@linli/contracts";
import { and, desc, eq, getTableColumns, type SQL, sql } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { integrityVisits, users } from "../../db/schema.js";
import { inScope } from "../../platform/scope/scope.js";

export type IntegrityVisitRow = typeof integrityVisits.$inferSelect & { recordedBy: string };

const columns = { ...getTableColumns(integrityVisits), recordedBy: users.displayName };
const visitInScope = (scope: Scope) => inScope(scope, { region: integrityVisits.regionCode });

/** SQL for integrity visits; reads are filtered by the caller's scope. */
export class IntegrityVisitRepository {
  constructor(private readonly db: Database) {}

  async insert(row: typeof integrityVisits.$inferInsert): Promise<void> {
    await this.db.insert(integrityVisits).values(row);
  }

  async findInScope(id: string, scope: Scope): Promise<IntegrityVisitRow | undefined> {
    const [row] = await this.db
      .select(columns)
      .from(integrityVisits)
      .innerJoin(users, eq(users.id, integrityVisits.createdBy))
      .where(and(eq(integrityVisits.id, id), visitInScope(scope)));
    return row;
  }

  async list(scope: Scope, range: { from?: string; to?: string }, limit: number): Promise<IntegrityVisitRow[]> {
    const conditions: SQL[] = [visitInScope(scope)];
    if (range.from) conditions.push(sql`${integrityVisits.visitedOn} >= ${range.from}::date`);
    if (range.to) conditions.push(sql`${integrityVisits.visitedOn} <= ${range.to}::date`);
    return this.db
      .select(columns)
      .from(integrityVisits)
      .innerJoin(users, eq(users.id, integrityVisits.createdBy))
      .where(and(...conditions))
      .orderBy(desc(integrityVisits.visitedOn), desc(integrityVisits.createdAt))
      .limit(limit);
  }
}
