import type { Scope } from "@linli/contracts";
import { and, asc, desc, eq, inArray, isNull, notInArray, or, type Placeholder, type SQL, sql } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { type BoundStatement, PreparedStatement, placeholdersOf } from "../../db/prepared.js";
import { caseCategories, caseEvents, cases, compounds } from "../../db/schema.js";
import { inScope } from "../../platform/scope/scope.js";
import { openStatuses } from "./case-state-machine.js";

export type CaseRow = typeof cases.$inferSelect;
export type CaseInsert = typeof cases.$inferInsert;
export type CaseEventRow = typeof caseEvents.$inferSelect;
/** A case with the names it is shown with. */
export type CaseListRow = CaseRow & { categoryName: string; categoryNameEn: string; compoundName: string | null };

/** Columns a report may leave out, written as these. */
const optionalAtIntake = {
  gridCode: null,
  compoundId: null,
  pooled: false,
  longitude: null,
  latitude: null,
  address: "",
  answers: {},
  photoIds: [] as string[],
  reporterUserId: null,
  visitId: null,
  reporterName: null,
  reporterPhoneSealed: null,
  reporterPhoneMasked: null,
  partyKind: null,
  partyName: null,
  stage: null,
  dueAt: null,
} satisfies Partial<CaseRow>;

/**
 * Columns only later steps fill in: a new case leaves them to the table's defaults, mirrored
 * here so that the new row is known without reading it back.
 */
const filledLater = {
  handlerUserId: null,
  escalationLevel: 0,
  escalatedAt: null,
  mergedInto: null,
  reworkCount: 0,
  reopenCount: 0,
  handledOnTime: null,
  rating: null,
  ratingComment: null,
  registeredAt: null,
  dispatchedAt: null,
  handledAt: null,
  verifiedAt: null,
  closedAt: null,
  ratedAt: null,
  version: 1,
} satisfies Partial<CaseRow>;

type NewCase = Omit<CaseRow, "number" | keyof typeof optionalAtIntake | keyof typeof filledLater> &
  Partial<Pick<CaseRow, keyof typeof optionalAtIntake>>;
type IntakeColumns = Omit<CaseRow, "number" | keyof typeof filledLater>;

/** A new case's intake columns, numbered `<day>-<next of the sequence, six digits>` in the same statement. */
const insertCase = new PreparedStatement<IntakeColumns & { day: string }>("cases_insert", (db) => {
  const intake = Object.fromEntries(
    Object.entries(placeholdersOf(cases)).filter(([key]) => key !== "number" && !(key in filledLater)),
  ) as Record<keyof IntakeColumns, Placeholder>;
  // Six digits at least; past 999,999 the number grows (lpad alone would cut it to six and repeat numbers).
  const number = sql`${sql.placeholder("day")} || '-' || (select lpad(n::text, greatest(6, length(n::text)), '0') from (select nextval('case_number_seq') as n) as next)`;
  return db
    .insert(cases)
    .values({ ...intake, number })
    .returning({ number: cases.number });
});
const insertEvent = new PreparedStatement<CaseEventRow>("case_events_insert", (db) =>
  db.insert(caseEvents).values(placeholdersOf(caseEvents)),
);

const casesIn = (scope: Scope) => inScope(scope, { region: cases.regionCode, grid: cases.gridCode });
const openStage = sql`${cases.stage} is not null`;

const listColumns = {
  row: cases,
  categoryName: caseCategories.name,
  categoryNameEn: caseCategories.nameEn,
  compoundName: compounds.name,
};
const flatten = (rows: { row: CaseRow; categoryName: string; categoryNameEn: string; compoundName: string | null }[]) =>
  rows.map(({ row, ...names }): CaseListRow => ({ ...row, ...names }));

/** SQL for cases and their events. */
export class CaseRepository {
  constructor(private readonly db: Database) {}

  /**
   * A new case numbered `<day>-<next of the sequence, six digits>` in the same statement, as a
   * statement of the transaction that opens it. The row is known without reading it back (what
   * was sent, the defaults mirrored above): only its number returns.
   */
  static insert(row: NewCase, day: string): BoundStatement<CaseRow> {
    const written = { ...optionalAtIntake, ...row };
    return insertCase.bind({ ...written, day }, ([inserted]) => {
      if (typeof inserted?.number !== "string") throw new Error("insert returned no row");
      return { ...written, ...filledLater, number: inserted.number };
    });
  }

  /** A step's event, as a statement of the transaction that takes the step. */
  static insertEvent(row: CaseEventRow): BoundStatement<void> {
    return insertEvent.bind(row, () => undefined);
  }

  /** Cases with the names they are shown with (category, compound). */
  private withNames() {
    return this.db
      .select(listColumns)
      .from(cases)
      .innerJoin(caseCategories, eq(caseCategories.code, cases.categoryCode))
      .leftJoin(compounds, eq(compounds.id, cases.compoundId));
  }

  async find(id: string): Promise<CaseListRow | undefined> {
    return flatten(await this.withNames().where(eq(cases.id, id)))[0];
  }

  async lock(id: string): Promise<CaseRow | undefined> {
    const [row] = await this.db.select().from(cases).where(eq(cases.id, id)).for("update");
    return row;
  }

  async findByTrackingHash(hash: string): Promise<CaseListRow | undefined> {
    return flatten(await this.withNames().where(eq(cases.trackingHash, hash)))[0];
  }

  /**
   * Cases in `scope` for an API client: by number, or reported in [from, to), of a sub-category,
   * open or closed (closed: out of the state machine's open states); newest first.
   */
  async search(options: {
    scope: Scope;
    numbers?: readonly string[];
    categoryCode?: string;
    from?: Date;
    to?: Date;
    closed?: boolean;
    limit: number;
  }): Promise<CaseListRow[]> {
    const conditions: (SQL | undefined)[] = [
      casesIn(options.scope),
      options.numbers ? inArray(cases.number, [...options.numbers]) : undefined,
      options.categoryCode ? eq(cases.categoryCode, options.categoryCode) : undefined,
      options.from ? sql`${cases.reportedAt} >= ${options.from.toISOString()}::timestamptz` : undefined,
      options.to ? sql`${cases.reportedAt} < ${options.to.toISOString()}::timestamptz` : undefined,
      options.closed === true ? notInArray(cases.status, [...openStatuses]) : undefined,
      options.closed === false ? inArray(cases.status, [...openStatuses]) : undefined,
    ];
    return flatten(
      await this.withNames()
        .where(and(...conditions))
        .orderBy(desc(cases.id))
        .limit(options.limit),
    );
  }

  /** Cases whose reporter's phone is sealed with another key than the current one. */
  async staleReporterPhones(currentPrefix: string, limit: number): Promise<{ id: string; sealed: string }[]> {
    const rows = await this.db
      .select({ id: cases.id, sealed: cases.reporterPhoneSealed })
      .from(cases)
      .where(sql`${cases.reporterPhoneSealed} is not null and ${cases.reporterPhoneSealed} not like ${`${currentPrefix}%`}`)
      .limit(limit)
      .for("update");
    return rows.map((row) => ({ id: row.id, sealed: row.sealed ?? "" }));
  }

  async setReporterPhone(id: string, sealed: string): Promise<void> {
    await this.db.update(cases).set({ reporterPhoneSealed: sealed }).where(eq(cases.id, id));
  }

  async update(id: string, patch: Partial<CaseInsert>): Promise<CaseRow> {
    const [row] = await this.db
      .update(cases)
      .set({ ...patch, version: sql`${cases.version} + 1` })
      .where(eq(cases.id, id))
      .returning();
    if (!row) throw new Error("the case to update is missing");
    return row;
  }

  async events(caseId: string): Promise<CaseEventRow[]> {
    return this.db
      .select()
      .from(caseEvents)
      .where(eq(caseEvents.caseId, caseId))
      .orderBy(asc(caseEvents.occurredAt), asc(caseEvents.id));
  }

  /** One page, newest first (UUIDv7 ids order by time). */
  async page(options: {
    scope: Scope;
    userId: string;
    view: "mine" | "grid" | "overdue" | "all";
    /** Party kinds the caller's roles act for (their unassigned cases count as theirs). */
    handlesFor: readonly string[];
    status?: string;
    open?: boolean;
    categoryCode?: string;
    now: Date;
    limit: number;
    afterId?: string;
  }): Promise<CaseListRow[]> {
    const mine = or(
      eq(cases.reporterUserId, options.userId),
      eq(cases.handlerUserId, options.userId),
      options.handlesFor.length > 0
        ? and(isNull(cases.handlerUserId), inArray(cases.partyKind, [...options.handlesFor]), casesIn(options.scope))
        : undefined,
    );
    const views: Record<typeof options.view, SQL | undefined> = {
      mine,
      grid: and(casesIn(options.scope), sql`${cases.gridCode} is not null`),
      overdue: and(casesIn(options.scope), openStage, sql`${cases.dueAt} < ${options.now.toISOString()}::timestamptz`),
      all: or(casesIn(options.scope), eq(cases.reporterUserId, options.userId), eq(cases.handlerUserId, options.userId)),
    };
    const conditions: (SQL | undefined)[] = [
      views[options.view],
      options.status ? eq(cases.status, options.status) : undefined,
      options.open === true ? openStage : options.open === false ? sql`${cases.stage} is null` : undefined,
      options.categoryCode ? eq(cases.categoryCode, options.categoryCode) : undefined,
      options.afterId ? sql`${cases.id} < ${options.afterId}::uuid` : undefined,
    ];
    return flatten(
      await this.withNames()
        .where(and(...conditions))
        .orderBy(desc(cases.id))
        .limit(options.limit),
    );
  }

  /**
   * Open cases of the sub-category reported since `since` within `radiusMetres` of the point,
   * nearest first: a bounding box the index narrows, then the haversine distance.
   */
  async near(options: { categoryCode: string; longitude: number; latitude: number; radiusMetres: number; since: Date }) {
    const { longitude, latitude, radiusMetres } = options;
    const latitudeDelta = radiusMetres / 111_320;
    const longitudeDelta = radiusMetres / (111_320 * Math.max(Math.cos((latitude * Math.PI) / 180), 0.01));
    const distance = sql<number>`2 * 6371008.8 * asin(sqrt(
      power(sin(radians(${cases.latitude} - ${latitude}) / 2), 2) +
      cos(radians(${latitude})) * cos(radians(${cases.latitude})) * power(sin(radians(${cases.longitude} - ${longitude}) / 2), 2)))`;
    const rows = await this.db
      .select({ ...listColumns, distance })
      .from(cases)
      .innerJoin(caseCategories, eq(caseCategories.code, cases.categoryCode))
      .leftJoin(compounds, eq(compounds.id, cases.compoundId))
      .where(
        and(
          eq(cases.categoryCode, options.categoryCode),
          sql`${cases.reportedAt} >= ${options.since.toISOString()}::timestamptz`,
          openStage,
          sql`${cases.latitude} between ${latitude - latitudeDelta} and ${latitude + latitudeDelta}`,
          sql`${cases.longitude} between ${longitude - longitudeDelta} and ${longitude + longitudeDelta}`,
        ),
      )
      .orderBy(distance)
      .limit(20);
    return rows
      .filter((row) => row.distance <= radiusMetres)
      .map(({ distance, ...rest }) => ({ ...(flatten([rest])[0] as CaseListRow), distance }));
  }

  /**
   * Overdue cases due a (further) escalation, claimed for this transaction: any instance may run
   * the escalation, and each case is escalated once per level (FOR UPDATE SKIP LOCKED). Level 1
   * once past due; level 2 once past due by the stage's limit again.
   */
  async claimOverdue(now: Date, limit: number): Promise<CaseRow[]> {
    const at = now.toISOString();
    return this.db
      .select()
      .from(cases)
      .where(
        and(
          openStage,
          sql`${cases.dueAt} < ${at}::timestamptz`,
          or(
            eq(cases.escalationLevel, 0),
            and(
              eq(cases.escalationLevel, 1),
              sql`${cases.dueAt} + (${cases.limits} ->> ${cases.stage})::numeric * interval '1 hour' < ${at}::timestamptz`,
            ),
          ),
        ),
      )
      .orderBy(asc(cases.dueAt))
      .limit(limit)
      .for("update", { skipLocked: true });
  }
}
