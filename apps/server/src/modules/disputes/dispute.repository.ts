import type { Scope } from "@linli/contracts";
import { and, asc, eq, getTableColumns, type SQL, sql } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { rowsOf } from "../../db/migrate.js";
import { disputeSessions, disputes } from "../../db/schema.js";
import { inScope } from "../../platform/scope/scope.js";

export type DisputeRow = typeof disputes.$inferSelect;
export type DisputeSessionRow = typeof disputeSessions.$inferSelect & { recordedByName: string | null };

export interface DisputeFilter {
  regionCode?: string;
  status?: "open" | "closed";
  kind?: string;
}

export interface DisputeStatsRow {
  regionCode: string;
  regionName: string | null;
  received: number;
  open: number;
  agreement: number;
  referred: number;
  withdrawn: number;
  followUpsDue: number;
}

const disputeInScope = (scope: Scope) => inScope(scope, { region: disputes.regionCode, grid: disputes.gridCode });

/** SQL for disputes and their mediation sessions; reads are filtered by the caller's scope. */
export class DisputeRepository {
  constructor(private readonly db: Database) {}

  async insert(row: typeof disputes.$inferInsert): Promise<void> {
    await this.db.insert(disputes).values(row);
  }

  async list(scope: Scope, filter: DisputeFilter, limit: number): Promise<(DisputeRow & { sessions: number })[]> {
    const conditions: SQL[] = [disputeInScope(scope)];
    if (filter.regionCode) conditions.push(sql`${disputes.regionCode} like ${`${filter.regionCode}%`}`);
    if (filter.status === "open") conditions.push(sql`${disputes.outcome} is null`);
    if (filter.status === "closed") conditions.push(sql`${disputes.outcome} is not null`);
    if (filter.kind) conditions.push(eq(disputes.kind, filter.kind));
    return this.db
      .select({
        ...getTableColumns(disputes),
        sessions: sql<number>`(select count(*)::int from dispute_sessions s where s.dispute_id = disputes.id)`,
      })
      .from(disputes)
      .where(and(...conditions))
      .orderBy(sql`${disputes.outcome} is not null`, sql`${disputes.reportedOn} desc`, asc(disputes.id))
      .limit(limit);
  }

  async findInScope(id: string, scope: Scope): Promise<DisputeRow | undefined> {
    const [row] = await this.db
      .select()
      .from(disputes)
      .where(and(eq(disputes.id, id), disputeInScope(scope)));
    return row;
  }

  async lockInScope(id: string, scope: Scope): Promise<DisputeRow | undefined> {
    const [row] = await this.db
      .select()
      .from(disputes)
      .where(and(eq(disputes.id, id), disputeInScope(scope)))
      .for("update");
    return row;
  }

  async sessionsOf(id: string): Promise<DisputeSessionRow[]> {
    return rowsOf<DisputeSessionRow>(
      await this.db.execute(sql`select s.id, s.dispute_id as "disputeId", s.held_on::text as "heldOn", s.notes,
          s.recorded_by as "recordedBy", s.created_at as "createdAt", u.display_name as "recordedByName"
        from dispute_sessions s left join users u on u.id = s.recorded_by
        where s.dispute_id = ${id} order by s.held_on, s.created_at`),
    );
  }

  async insertSession(row: typeof disputeSessions.$inferInsert): Promise<void> {
    await this.db.insert(disputeSessions).values(row);
  }

  async close(id: string, patch: Pick<DisputeRow, "outcome" | "resolution" | "followUpOn" | "closedOn">): Promise<void> {
    await this.db
      .update(disputes)
      .set({ ...patch, version: sql`${disputes.version} + 1` })
      .where(eq(disputes.id, id));
  }

  /** Per community under `regionCode` (inside the scope), the disputes reported between the days, by how they ended. */
  async stats(scope: Scope, regionCode: string, from: string, to: string, today: string): Promise<DisputeStatsRow[]> {
    return rowsOf<DisputeStatsRow>(
      await this.db.execute(sql`
        select d.region_code as "regionCode", r.name as "regionName", count(*)::int as received,
          count(*) filter (where d.outcome is null)::int as open,
          count(*) filter (where d.outcome = 'agreement')::int as agreement,
          count(*) filter (where d.outcome like 'referred_%')::int as referred,
          count(*) filter (where d.outcome = 'withdrawn')::int as withdrawn,
          count(*) filter (where d.outcome = 'agreement' and d.follow_up_on <= ${today}::date)::int as "followUpsDue"
        from disputes d left join regions r on r.code = d.region_code
        where d.region_code like ${`${regionCode}%`} and d.reported_on between ${from}::date and ${to}::date
          and ${inScope(scope, { region: sql`d.region_code`, grid: sql`d.grid_code` })}
        group by d.region_code, r.name order by d.region_code`),
    );
  }
}
