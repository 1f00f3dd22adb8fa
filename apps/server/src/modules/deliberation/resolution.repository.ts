import type { Scope } from "@linli/contracts";
import { and, asc, desc, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { compounds, meetings, motions, resolutionActions, resolutionProgress, resolutions, users } from "../../db/schema.js";
import { inScope } from "../../platform/scope/scope.js";

export type ResolutionRow = typeof resolutions.$inferSelect & {
  meetingId: string;
  meetingTitle: string;
  compoundName: string | null;
};
export type ActionRow = typeof resolutionActions.$inferSelect;
/** An action locked for a change, with what its resolution is called (the 三化 change cites it). */
export type LockedAction = ActionRow & {
  regionCode: string;
  compoundId: string | null;
  adoptedOn: string;
  resolutionTitle: string;
  meetingTitle: string;
};
export type ProgressRow = { actionId: string; note: string; recordedBy: string | null; recordedAt: Date };

/** SQL for resolutions, their actions and the actions' progress notes. */
export class ResolutionRepository {
  constructor(private readonly db: Database) {}

  async insert(row: typeof resolutions.$inferInsert): Promise<void> {
    await this.db.insert(resolutions).values(row);
  }

  async list(scope: Scope, filter: { regionCode?: string; id?: string }, limit: number): Promise<ResolutionRow[]> {
    const conditions: SQL[] = [inScope(scope, { region: resolutions.regionCode })];
    if (filter.regionCode) conditions.push(sql`${resolutions.regionCode} like ${`${filter.regionCode}%`}`);
    if (filter.id) conditions.push(eq(resolutions.id, filter.id));
    return this.db
      .select({
        id: resolutions.id,
        motionId: resolutions.motionId,
        regionCode: resolutions.regionCode,
        compoundId: resolutions.compoundId,
        title: resolutions.title,
        adoptedOn: resolutions.adoptedOn,
        createdAt: resolutions.createdAt,
        meetingId: motions.meetingId,
        meetingTitle: meetings.title,
        compoundName: compounds.name,
      })
      .from(resolutions)
      .innerJoin(motions, eq(motions.id, resolutions.motionId))
      .innerJoin(meetings, eq(meetings.id, motions.meetingId))
      .leftJoin(compounds, eq(compounds.id, resolutions.compoundId))
      .where(and(...conditions))
      .orderBy(desc(resolutions.adoptedOn), asc(resolutions.id))
      .limit(limit);
  }

  async actionsOf(resolutionIds: string[]): Promise<ActionRow[]> {
    if (resolutionIds.length === 0) return [];
    return this.db
      .select()
      .from(resolutionActions)
      .where(inArray(resolutionActions.resolutionId, resolutionIds))
      .orderBy(asc(resolutionActions.dueOn), asc(resolutionActions.id));
  }

  async progressOf(actionIds: string[]): Promise<ProgressRow[]> {
    if (actionIds.length === 0) return [];
    return this.db
      .select({
        actionId: resolutionProgress.actionId,
        note: resolutionProgress.note,
        recordedBy: users.displayName,
        recordedAt: resolutionProgress.recordedAt,
      })
      .from(resolutionProgress)
      .leftJoin(users, eq(users.id, resolutionProgress.recordedBy))
      .where(inArray(resolutionProgress.actionId, actionIds))
      .orderBy(asc(resolutionProgress.recordedAt), asc(resolutionProgress.id));
  }

  async insertAction(row: typeof resolutionActions.$inferInsert): Promise<void> {
    await this.db.insert(resolutionActions).values(row);
  }

  /** An action with its resolution, locked for the change, inside the scope. */
  async lockAction(id: string, scope: Scope): Promise<LockedAction | undefined> {
    const [row] = await this.db
      .select({
        id: resolutionActions.id,
        resolutionId: resolutionActions.resolutionId,
        title: resolutionActions.title,
        assigneeKind: resolutionActions.assigneeKind,
        assigneeName: resolutionActions.assigneeName,
        dueOn: resolutionActions.dueOn,
        profileChange: resolutionActions.profileChange,
        completedOn: resolutionActions.completedOn,
        version: resolutionActions.version,
        createdAt: resolutionActions.createdAt,
        regionCode: resolutions.regionCode,
        compoundId: resolutions.compoundId,
        adoptedOn: resolutions.adoptedOn,
        resolutionTitle: resolutions.title,
        meetingTitle: meetings.title,
      })
      .from(resolutionActions)
      .innerJoin(resolutions, eq(resolutions.id, resolutionActions.resolutionId))
      .innerJoin(motions, eq(motions.id, resolutions.motionId))
      .innerJoin(meetings, eq(meetings.id, motions.meetingId))
      .where(and(eq(resolutionActions.id, id), inScope(scope, { region: resolutions.regionCode })))
      .for("update", { of: resolutionActions });
    return row;
  }

  async addProgress(actionId: string, note: string, recordedBy: string, id: string): Promise<void> {
    await this.db.insert(resolutionProgress).values({ id, actionId, note, recordedBy });
  }

  async complete(id: string, completedOn: string): Promise<void> {
    await this.db
      .update(resolutionActions)
      .set({ completedOn, version: sql`${resolutionActions.version} + 1` })
      .where(eq(resolutionActions.id, id));
  }
}
