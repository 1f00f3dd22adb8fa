import type { RoutePoint, Scope } from "@linli/contracts";
import { and, asc, desc, eq, getTableColumns, type SQL, sql } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { patrolHazards, patrols, users } from "../../db/schema.js";
import { inScope } from "../../platform/scope/scope.js";

export type PatrolRow = typeof patrols.$inferSelect & { patroller: string };
export type PatrolSummaryRow = Omit<PatrolRow, "route"> & { hazards: number; cases: number };
export type HazardRow = typeof patrolHazards.$inferSelect;

const { route: _route, ...summaryColumns } = getTableColumns(patrols);

/** SQL for patrols and the hazards found on them. */
export class PatrolRepository {
  constructor(private readonly db: Database) {}

  async insert(row: typeof patrols.$inferInsert): Promise<void> {
    await this.db.insert(patrols).values(row);
  }

  async find(id: string): Promise<PatrolRow | undefined> {
    const [row] = await this.db
      .select({ ...getTableColumns(patrols), patroller: users.displayName })
      .from(patrols)
      .innerJoin(users, eq(users.id, patrols.patrollerUserId))
      .where(eq(patrols.id, id));
    return row;
  }

  async lock(id: string): Promise<typeof patrols.$inferSelect | undefined> {
    const [row] = await this.db.select().from(patrols).where(eq(patrols.id, id)).for("update");
    return row;
  }

  /** Appends points and adds their length to the distance walked. */
  async appendRoute(id: string, points: readonly RoutePoint[], metres: number): Promise<void> {
    await this.db
      .update(patrols)
      .set({
        route: sql`${patrols.route} || ${JSON.stringify(points)}::jsonb`,
        distanceMetres: sql`${patrols.distanceMetres} + ${Math.round(metres)}`,
      })
      .where(eq(patrols.id, id));
  }

  async finish(id: string, at: Date, notes: string): Promise<void> {
    await this.db.update(patrols).set({ finishedAt: at, notes }).where(eq(patrols.id, id));
  }

  async insertHazard(row: typeof patrolHazards.$inferInsert): Promise<void> {
    await this.db.insert(patrolHazards).values(row);
  }

  async hazardsOf(id: string): Promise<HazardRow[]> {
    return this.db.select().from(patrolHazards).where(eq(patrolHazards.patrolId, id)).orderBy(asc(patrolHazards.foundAt));
  }

  /** A patroller's own patrols, or those inside a scope, newest first. */
  async list(filter: { patrollerUserId: string } | { scope: Scope }, from: string | undefined, limit: number) {
    const conditions: SQL[] = [
      "patrollerUserId" in filter
        ? eq(patrols.patrollerUserId, filter.patrollerUserId)
        : inScope(filter.scope, { region: patrols.regionCode, grid: patrols.gridCode }),
    ];
    if (from) conditions.push(sql`${patrols.startedAt} >= ${from}::date`);
    return this.db
      .select({
        ...summaryColumns,
        patroller: users.displayName,
        hazards: sql<number>`(select count(*)::int from patrol_hazards h where h.patrol_id = patrols.id)`,
        cases: sql<number>`(select count(h.case_id)::int from patrol_hazards h where h.patrol_id = patrols.id)`,
      })
      .from(patrols)
      .innerJoin(users, eq(users.id, patrols.patrollerUserId))
      .where(and(...conditions))
      .orderBy(desc(patrols.startedAt))
      .limit(limit);
  }
}
