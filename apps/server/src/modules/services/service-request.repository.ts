import type { Scope, ServiceRequestListQuery } from "@linli/contracts";
import { and, desc, eq, like, type SQL, sql } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { serviceRequests } from "../../db/schema.js";
import { inScope } from "../../platform/scope/scope.js";

export type ServiceRequestRow = typeof serviceRequests.$inferSelect;

const inScopeOf = (scope: Scope) => inScope(scope, { region: serviceRequests.regionCode, grid: serviceRequests.gridCode });

/** Service requests (服务需求): SQL only. */
export class ServiceRequestRepository {
  constructor(private readonly db: Database) {}

  async insert(rows: (typeof serviceRequests.$inferInsert)[]): Promise<void> {
    if (rows.length > 0) await this.db.insert(serviceRequests).values(rows);
  }

  async findInScope(id: string, scope: Scope): Promise<ServiceRequestRow | undefined> {
    const [row] = await this.db
      .select()
      .from(serviceRequests)
      .where(and(eq(serviceRequests.id, id), inScopeOf(scope)));
    return row;
  }

  async lockInScope(id: string, scope: Scope): Promise<ServiceRequestRow | undefined> {
    const [row] = await this.db
      .select()
      .from(serviceRequests)
      .where(and(eq(serviceRequests.id, id), inScopeOf(scope)))
      .for("update");
    return row;
  }

  /** The newest first, at most `limit`. */
  async list(scope: Scope, query: ServiceRequestListQuery, limit: number): Promise<ServiceRequestRow[]> {
    const conditions: SQL[] = [inScopeOf(scope)];
    if (query.regionCode) conditions.push(like(serviceRequests.regionCode, `${query.regionCode}%`));
    if (query.status) conditions.push(eq(serviceRequests.status, query.status));
    if (query.kind) conditions.push(eq(serviceRequests.kind, query.kind));
    return this.db
      .select()
      .from(serviceRequests)
      .where(and(...conditions))
      .orderBy(desc(serviceRequests.createdAt), desc(serviceRequests.id))
      .limit(limit);
  }

  async move(id: string, patch: { status: string; note: string; handlerUserId: string; updatedAt: Date }): Promise<void> {
    await this.db
      .update(serviceRequests)
      .set({ ...patch, version: sql`${serviceRequests.version} + 1` })
      .where(eq(serviceRequests.id, id));
  }
}
