import type { Scope } from "@linli/contracts";
import { and, desc, eq, getTableColumns, type SQL, sql } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { compounds, meetingAttendance, meetingFiles, meetings } from "../../db/schema.js";
import { inScope } from "../../platform/scope/scope.js";

export type MeetingRow = typeof meetings.$inferSelect;
export type AttendanceRow = typeof meetingAttendance.$inferSelect;
export type MeetingListRow = MeetingRow & { compoundName: string | null; motions: number; attendance: number };

/** Who may see a meeting: staff by area; a resident by the compounds where they live or own. */
export type MeetingReader = { scope: Scope } | { compounds: string[] };

export interface MeetingFilter {
  regionCode?: string;
  compoundId?: string;
  from?: string;
  to?: string;
}

const visibleTo = (reader: MeetingReader): SQL =>
  "scope" in reader
    ? inScope(reader.scope, { region: meetings.regionCode })
    : reader.compounds.length === 0
      ? sql`false`
      : sql`(${meetings.noticedAt} is not null and 'compound_residents' = any(${meetings.invitees})
          and ${meetings.compoundId} in (${sql.join(
            reader.compounds.map((id) => sql`${id}::uuid`),
            sql`, `,
          )}))`;

/** SQL for meetings and their sign-in; reads are limited to what the reader may see. */
export class MeetingRepository {
  constructor(private readonly db: Database) {}

  async insert(row: typeof meetings.$inferInsert): Promise<void> {
    await this.db.insert(meetings).values(row);
  }

  async list(reader: MeetingReader, filter: MeetingFilter, limit: number): Promise<MeetingListRow[]> {
    const conditions: SQL[] = [visibleTo(reader)];
    if (filter.regionCode) conditions.push(sql`${meetings.regionCode} like ${`${filter.regionCode}%`}`);
    if (filter.compoundId) conditions.push(eq(meetings.compoundId, filter.compoundId));
    // Days are Beijing days: a meeting at 23:30 UTC belongs to the next day.
    if (filter.from) conditions.push(sql`(${meetings.startsAt} at time zone 'Asia/Shanghai')::date >= ${filter.from}::date`);
    if (filter.to) conditions.push(sql`(${meetings.startsAt} at time zone 'Asia/Shanghai')::date <= ${filter.to}::date`);
    return this.db
      .select({
        ...getTableColumns(meetings),
        compoundName: compounds.name,
        motions: sql<number>`(select count(*)::int from motions x where x.meeting_id = ${meetings.id})`,
        attendance: sql<number>`(select count(*)::int from meeting_attendance a where a.meeting_id = ${meetings.id})`,
      })
      .from(meetings)
      .leftJoin(compounds, eq(compounds.id, meetings.compoundId))
      .where(and(...conditions))
      .orderBy(desc(meetings.startsAt), meetings.id)
      .limit(limit);
  }

  async find(id: string, reader: MeetingReader): Promise<MeetingRow | undefined> {
    const [row] = await this.db
      .select()
      .from(meetings)
      .where(and(eq(meetings.id, id), visibleTo(reader)));
    return row;
  }

  async lock(id: string, scope: Scope): Promise<MeetingRow | undefined> {
    const [row] = await this.db
      .select()
      .from(meetings)
      .where(and(eq(meetings.id, id), inScope(scope, { region: meetings.regionCode })))
      .for("update");
    return row;
  }

  async update(id: string, patch: Partial<MeetingRow>): Promise<void> {
    await this.db
      .update(meetings)
      .set({ ...patch, version: sql`${meetings.version} + 1` })
      .where(eq(meetings.id, id));
  }

  async attendanceOf(meetingId: string): Promise<AttendanceRow[]> {
    return this.db
      .select()
      .from(meetingAttendance)
      .where(eq(meetingAttendance.meetingId, meetingId))
      .orderBy(meetingAttendance.signedInAt, meetingAttendance.id);
  }

  async insertFile(row: typeof meetingFiles.$inferInsert): Promise<void> {
    await this.db.insert(meetingFiles).values(row);
  }

  async findFile(id: string): Promise<typeof meetingFiles.$inferSelect | undefined> {
    const [row] = await this.db.select().from(meetingFiles).where(eq(meetingFiles.id, id));
    return row;
  }

  async filesOf(meetingId: string): Promise<(typeof meetingFiles.$inferSelect)[]> {
    return this.db
      .select()
      .from(meetingFiles)
      .where(eq(meetingFiles.meetingId, meetingId))
      .orderBy(meetingFiles.createdAt, meetingFiles.id);
  }

  /** Signs one person in; a resident signed in already stays as they were (returns false). */
  async signIn(row: typeof meetingAttendance.$inferInsert): Promise<boolean> {
    const inserted = await this.db
      .insert(meetingAttendance)
      .values(row)
      .onConflictDoNothing()
      .returning({ id: meetingAttendance.id });
    return inserted.length > 0;
  }
}
