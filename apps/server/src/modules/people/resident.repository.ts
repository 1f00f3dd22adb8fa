import type { Register, ResidentTag, Scope } from "@linli/contracts";
import { type AnyColumn, and, asc, eq, inArray, isNull, or, type SQL, sql } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { escapeLike } from "../../db/like.js";
import { PreparedStatement, rowOf } from "../../db/prepared.js";
import { dwellings, households, registerEntries, residentEvents, residents } from "../../db/schema.js";
import { covers, inScope } from "../../platform/scope/scope.js";

export type ResidentRow = typeof residents.$inferSelect;
export type ResidentInsert = typeof residents.$inferInsert;
export type HouseholdRow = typeof households.$inferSelect;
export type HouseholdInsert = typeof households.$inferInsert;
export type ResidentEventRow = typeof residentEvents.$inferSelect;
export type ResidentEventInsert = typeof residentEvents.$inferInsert;

export interface ResidentSearch {
  scope: Scope;
  /** A name: equal, starting with it, or similar (pg_trgm). */
  name?: string;
  idNumberIndex?: string;
  phoneIndex?: string;
  region?: string;
  grid?: string;
  compoundId?: string;
  householdId?: string;
  dwellingId?: string;
  address?: string;
  tag?: ResidentTag;
  register?: Register;
  livingStatus?: string;
  limit: number;
  after?: { name: string; id: string };
}

/**
 * The resident holding an ID number, by its blind index: built once and run as a named prepared
 * statement, because the registry's most frequent lookup cost more to build in Drizzle than to run.
 */
const byIdNumberIndex = new PreparedStatement<{ index: string }>("residents_by_id_number_index", (db) =>
  db
    .select()
    .from(residents)
    .where(eq(residents.idNumberIndex, sql.placeholder("index")))
    .limit(1),
);

/** Whether a search asks for an ID number and nothing else (no other filter, no page after the first). */
const onlyIdNumber = ({ scope, limit, idNumberIndex, ...others }: ResidentSearch) =>
  idNumberIndex !== undefined && Object.values(others).every((value) => value === undefined);

const residentInScope = (scope: Scope) => inScope(scope, { region: residents.regionCode, grid: residents.gridCode });
const householdInScope = (scope: Scope) => inScope(scope, { region: households.regionCode, grid: households.gridCode });
const nameStartsWith = (prefix: string) => sql`(${residents.name} collate "C") like ${`${escapeLike(prefix)}%`}`;

/** SQL for residents, households and their history; reads are filtered by the caller's scope. */
export class ResidentRepository {
  constructor(readonly db: Database) {}

  async insertResident(row: ResidentInsert): Promise<ResidentRow> {
    const [inserted] = await this.db.insert(residents).values(row).returning();
    if (!inserted) throw new Error("insert returned no row");
    return inserted;
  }

  /** Many rows at once, 500 to a statement (a statement's parameters are limited). */
  async insertResidents(rows: ResidentInsert[]): Promise<ResidentRow[]> {
    const inserted: ResidentRow[] = [];
    for (let start = 0; start < rows.length; start += 500)
      inserted.push(
        ...(await this.db
          .insert(residents)
          .values(rows.slice(start, start + 500))
          .returning()),
      );
    return inserted;
  }

  async insertHouseholds(rows: HouseholdInsert[]): Promise<void> {
    for (let start = 0; start < rows.length; start += 1000)
      await this.db.insert(households).values(rows.slice(start, start + 1000));
  }

  async namesInScope(ids: string[], scope: Scope): Promise<{ id: string; name: string }[]> {
    if (ids.length === 0) return [];
    return this.db
      .select({ id: residents.id, name: residents.name })
      .from(residents)
      .where(and(inArray(residents.id, ids), residentInScope(scope)));
  }

  /** Adults (18 on `day`) living in the community, or in one compound of it, by name. */
  async adultsLiving(regionCode: string, compoundId: string | undefined, day: string): Promise<{ id: string; name: string }[]> {
    const conditions: SQL[] = [
      eq(residents.regionCode, regionCode),
      inArray(residents.livingStatus, ["present", "away"]),
      sql`${residents.birthDate} <= (${day}::date - interval '18 years')`,
    ];
    if (compoundId)
      conditions.push(sql`${residents.dwellingId} in (select d.id from dwellings d where d.compound_id = ${compoundId})`);
    return this.db
      .select({ id: residents.id, name: residents.name })
      .from(residents)
      .where(and(...conditions))
      .orderBy(sql`${residents.name} collate "C"`, residents.id);
  }

  async findInScope(id: string, scope: Scope): Promise<ResidentRow | undefined> {
    const [row] = await this.db
      .select()
      .from(residents)
      .where(and(eq(residents.id, id), residentInScope(scope)))
      .limit(1);
    return row;
  }

  /** Locks the row for the rest of the transaction, so concurrent changes apply one after the other. */
  async lockInScope(id: string, scope: Scope): Promise<ResidentRow | undefined> {
    const [row] = await this.db
      .select()
      .from(residents)
      .where(and(eq(residents.id, id), residentInScope(scope)))
      .for("update");
    return row;
  }

  /** Whoever holds this ID number (by its blind index), wherever they live. */
  async findByIdNumberIndex(index: string): Promise<ResidentRow | undefined> {
    const [row] = await this.db.select().from(residents).where(eq(residents.idNumberIndex, index)).limit(1);
    return row;
  }

  async findByIdNumberIndexes(indexes: readonly string[]): Promise<ResidentRow[]> {
    if (indexes.length === 0) return [];
    return this.db
      .select()
      .from(residents)
      .where(inArray(residents.idNumberIndex, [...indexes]));
  }

  /** Present residents whose phone number has one of these blind indexes. */
  async findByPhoneIndexes(indexes: readonly string[]): Promise<ResidentRow[]> {
    if (indexes.length === 0) return [];
    return this.db
      .select()
      .from(residents)
      .where(and(inArray(residents.phoneIndex, [...indexes]), inArray(residents.livingStatus, ["present", "away"])));
  }

  /** Residents without an ID number at these dwellings, for matching an imported row by name. */
  async withoutIdNumberAt(dwellingIds: readonly string[]): Promise<ResidentRow[]> {
    if (dwellingIds.length === 0) return [];
    return this.db
      .select()
      .from(residents)
      .where(and(inArray(residents.dwellingId, [...dwellingIds]), isNull(residents.idNumberIndex)));
  }

  /** Applies the patch and raises the version by one; the caller has locked the row. */
  async updateResident(id: string, patch: Partial<ResidentInsert>): Promise<ResidentRow> {
    const [row] = await this.db
      .update(residents)
      .set({ ...patch, version: sql`${residents.version} + 1`, updatedAt: sql`now()` })
      .where(eq(residents.id, id))
      .returning();
    if (!row) throw new Error("the resident to update is missing");
    return row;
  }

  async search(options: ResidentSearch): Promise<ResidentRow[]> {
    if (onlyIdNumber(options) && options.idNumberIndex) {
      // One row at most (the index is unique), its scope checked as residentInScope would.
      const [found] = await byIdNumberIndex.run(this.db, { index: options.idNumberIndex });
      const row = found ? rowOf(residents, found) : undefined;
      return row && covers(options.scope, row.regionCode, row.gridCode) ? [row] : [];
    }
    const name = options.name;
    const conditions: (SQL | undefined)[] = [
      residentInScope(options.scope),
      // A prefix (which an exact name is too) walks the community's name index; from three
      // characters on, similar names (pg_trgm) join in.
      name ? (name.length >= 3 ? or(nameStartsWith(name), sql`${residents.name} % ${name}`) : nameStartsWith(name)) : undefined,
      options.idNumberIndex ? eq(residents.idNumberIndex, options.idNumberIndex) : undefined,
      options.phoneIndex ? eq(residents.phoneIndex, options.phoneIndex) : undefined,
      options.region
        ? options.region.length === 12
          ? eq(residents.regionCode, options.region)
          : sql`${residents.regionCode} like ${`${options.region}%`}`
        : undefined,
      options.grid ? eq(residents.gridCode, options.grid) : undefined,
      options.compoundId
        ? inArray(
            residents.dwellingId,
            this.db.select({ id: dwellings.id }).from(dwellings).where(eq(dwellings.compoundId, options.compoundId)),
          )
        : undefined,
      options.householdId ? eq(residents.householdId, options.householdId) : undefined,
      options.dwellingId ? eq(residents.dwellingId, options.dwellingId) : undefined,
      options.address ? sql`${residents.address} like ${`%${escapeLike(options.address)}%`}` : undefined,
      options.tag ? sql`${residents.tags} @> array[${options.tag}]::text[]` : undefined,
      options.register
        ? sql`exists (select 1 from ${registerEntries} where ${registerEntries.residentId} = ${residents.id}
            and ${registerEntries.register} = ${options.register} and ${registerEntries.status} = 'active')`
        : undefined,
      options.livingStatus ? eq(residents.livingStatus, options.livingStatus) : undefined,
      options.after
        ? sql`(${residents.name} collate "C", ${residents.id}) > (${options.after.name} collate "C", ${options.after.id}::uuid)`
        : undefined,
    ];
    const query = this.db
      .select()
      .from(residents)
      .where(and(...conditions));
    // An ID number is unique: at most one row, nothing to order — and without the ORDER BY the
    // planner has no name index to weigh, which halved the lookup's time on 6.5 M residents.
    if (options.idNumberIndex) return query.limit(options.limit);
    return query.orderBy(asc(sql`${residents.name} collate "C"`), asc(residents.id)).limit(options.limit);
  }

  async membersOf(householdId: string): Promise<ResidentRow[]> {
    return (
      this.db
        .select()
        .from(residents)
        .where(eq(residents.householdId, householdId))
        // The head, the spouse, then the others by age, oldest first.
        .orderBy(
          sql`case ${residents.relation} when 'head' then 0 when 'spouse' then 1 else 2 end`,
          sql`${residents.birthDate} asc nulls last`,
          asc(residents.id),
        )
    );
  }

  async insertHousehold(row: typeof households.$inferInsert): Promise<HouseholdRow> {
    const [inserted] = await this.db.insert(households).values(row).returning();
    if (!inserted) throw new Error("insert returned no row");
    return inserted;
  }

  async findHouseholdInScope(id: string, scope: Scope): Promise<HouseholdRow | undefined> {
    const [row] = await this.db
      .select()
      .from(households)
      .where(and(eq(households.id, id), householdInScope(scope)))
      .limit(1);
    return row;
  }

  async lockHouseholdInScope(id: string, scope: Scope): Promise<HouseholdRow | undefined> {
    const [row] = await this.db
      .select()
      .from(households)
      .where(and(eq(households.id, id), householdInScope(scope)))
      .for("update");
    return row;
  }

  /** Locks a household whose resident the caller already holds (no scope: it is theirs). */
  async lockHousehold(id: string): Promise<HouseholdRow | undefined> {
    const [row] = await this.db.select().from(households).where(eq(households.id, id)).for("update");
    return row;
  }

  async updateHousehold(id: string, patch: Partial<typeof households.$inferInsert>): Promise<void> {
    await this.db.update(households).set(patch).where(eq(households.id, id));
  }

  async insertEvents(rows: ResidentEventInsert[]): Promise<void> {
    for (let start = 0; start < rows.length; start += 1000)
      await this.db.insert(residentEvents).values(rows.slice(start, start + 1000));
  }

  /** A resident's history, or a household's (every event naming it), oldest first. */
  async eventsOf(filter: { residentId: string } | { householdId: string }): Promise<ResidentEventRow[]> {
    return this.db
      .select()
      .from(residentEvents)
      .where(
        "residentId" in filter
          ? eq(residentEvents.residentId, filter.residentId)
          : eq(residentEvents.householdId, filter.householdId),
      )
      .orderBy(asc(residentEvents.occurredAt), asc(residentEvents.id));
  }

  /** Residents with a value sealed under another key than `currentPrefix`, a batch at a time. */
  async staleSealed(currentPrefix: string, limit: number): Promise<ResidentRow[]> {
    const stale = (column: AnyColumn) => sql`(${column} is not null and ${column} not like ${`${currentPrefix}%`})`;
    return this.db
      .select()
      .from(residents)
      .where(or(stale(residents.idNumberSealed), stale(residents.phoneSealed)))
      .orderBy(asc(residents.id))
      .limit(limit)
      .for("update");
  }

  /** Replaces sealed values in place (a re-seal: same plain value, newer key); no version, no history. */
  async setSealed(id: string, sealed: Pick<ResidentRow, "idNumberSealed" | "phoneSealed">): Promise<void> {
    await this.db.update(residents).set(sealed).where(eq(residents.id, id));
  }

  async namesOf(ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db
      .select({ id: residents.id, name: residents.name })
      .from(residents)
      .where(inArray(residents.id, [...new Set(ids)]));
    return new Map(rows.map((row) => [row.id, row.name]));
  }
}
