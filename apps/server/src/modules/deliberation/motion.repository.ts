import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { motionBallots, motionRoll, motions, resolutions } from "../../db/schema.js";

export type MotionRow = typeof motions.$inferSelect;
export type RollRow = typeof motionRoll.$inferSelect;
export type BallotRow = typeof motionBallots.$inferSelect;

/** SQL for motions, their frozen rolls and their ballots. */
export class MotionRepository {
  constructor(private readonly db: Database) {}

  async insert(row: typeof motions.$inferInsert): Promise<void> {
    await this.db.insert(motions).values(row);
  }

  async find(id: string): Promise<MotionRow | undefined> {
    const [row] = await this.db.select().from(motions).where(eq(motions.id, id));
    return row;
  }

  /** The motion, locked: closing takes it for update, a ballot for share, so no ballot lands after the close. */
  async lock(id: string, mode: "update" | "share"): Promise<MotionRow | undefined> {
    const [row] = await this.db
      .select()
      .from(motions)
      .where(eq(motions.id, id))
      .for(mode === "update" ? "update" : "share");
    return row;
  }

  async ofMeeting(meetingId: string): Promise<MotionRow[]> {
    return this.db
      .select()
      .from(motions)
      .where(eq(motions.meetingId, meetingId))
      .orderBy(asc(motions.createdAt), asc(motions.id));
  }

  async update(id: string, patch: Partial<MotionRow>): Promise<void> {
    await this.db
      .update(motions)
      .set({ ...patch, version: sql`${motions.version} + 1` })
      .where(eq(motions.id, id));
  }

  async insertRoll(rows: (typeof motionRoll.$inferInsert)[]): Promise<void> {
    for (let start = 0; start < rows.length; start += 1000)
      await this.db.insert(motionRoll).values(rows.slice(start, start + 1000));
  }

  async roll(motionId: string): Promise<RollRow[]> {
    return this.db.select().from(motionRoll).where(eq(motionRoll.motionId, motionId)).orderBy(asc(motionRoll.unit));
  }

  /** The roll units where the resident is an owner. */
  async unitsOfOwner(motionId: string, residentId: string): Promise<RollRow[]> {
    return this.db
      .select()
      .from(motionRoll)
      .where(and(eq(motionRoll.motionId, motionId), sql`${residentId}::uuid = any(${motionRoll.ownerIds})`));
  }

  async unitOfDwelling(motionId: string, dwellingId: string): Promise<RollRow | undefined> {
    const [row] = await this.db
      .select()
      .from(motionRoll)
      .where(and(eq(motionRoll.motionId, motionId), sql`${dwellingId}::uuid = any(${motionRoll.dwellingIds})`));
    return row;
  }

  async ballots(motionId: string): Promise<BallotRow[]> {
    return this.db.select().from(motionBallots).where(eq(motionBallots.motionId, motionId)).orderBy(asc(motionBallots.unit));
  }

  async ballotsOfUnits(motionId: string, units: number[]): Promise<BallotRow[]> {
    if (units.length === 0) return [];
    return this.db
      .select()
      .from(motionBallots)
      .where(and(eq(motionBallots.motionId, motionId), inArray(motionBallots.unit, units)));
  }

  /**
   * Casts one owner's ballot. The primary key (motion, unit) decides a race between two
   * submissions: with `replace` the later one wins and counts as a replacement; with `refuse`
   * the second finds the first and nothing is written (null).
   */
  async cast(row: typeof motionBallots.$inferInsert, replace: boolean): Promise<{ replaced: number } | null> {
    const insert = this.db.insert(motionBallots).values(row);
    const [written] = replace
      ? await insert
          .onConflictDoUpdate({
            target: [motionBallots.motionId, motionBallots.unit],
            set: {
              choice: row.choice,
              channel: row.channel,
              paperNumber: row.paperNumber ?? null,
              castBy: row.castBy,
              castAt: row.castAt,
              replaced: sql`${motionBallots.replaced} + 1`,
            },
          })
          .returning({ replaced: motionBallots.replaced })
      : await insert
          .onConflictDoNothing({ target: [motionBallots.motionId, motionBallots.unit] })
          .returning({ replaced: motionBallots.replaced });
    return written ?? null;
  }

  async participation(motionId: string): Promise<{ owners: number; areaCents: number }> {
    const [row] = await this.db
      .select({
        owners: sql<number>`count(*)::int`,
        areaCents: sql<number>`coalesce(sum(${motionRoll.areaCents}), 0)::bigint`,
      })
      .from(motionBallots)
      .innerJoin(motionRoll, and(eq(motionRoll.motionId, motionBallots.motionId), eq(motionRoll.unit, motionBallots.unit)))
      .where(eq(motionBallots.motionId, motionId));
    return { owners: Number(row?.owners ?? 0), areaCents: Number(row?.areaCents ?? 0) };
  }

  async resolutionIdOf(motionId: string): Promise<string | null> {
    const [row] = await this.db.select({ id: resolutions.id }).from(resolutions).where(eq(resolutions.motionId, motionId));
    return row?.id ?? null;
  }
}
