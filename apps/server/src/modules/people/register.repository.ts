import type { Register, Scope } from "@linli/contracts";
import { and, asc, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { registerEntries, residents } from "../../db/schema.js";
import { inScope } from "../../platform/scope/scope.js";

export type RegisterEntryRow = typeof registerEntries.$inferSelect;
export type RegisterEntryWithName = RegisterEntryRow & { residentName: string };

const columns = { entry: registerEntries, residentName: residents.name };

/** SQL for special-register records; the service decides which registers the caller may read. */
export class RegisterRepository {
  constructor(private readonly db: Database) {}

  /** One record per resident and register: a second recording updates the first. */
  async upsert(row: typeof registerEntries.$inferInsert): Promise<RegisterEntryRow> {
    const { id: _id, residentId: _resident, register: _register, createdAt: _created, ...update } = row;
    const [saved] = await this.db
      .insert(registerEntries)
      .values(row)
      .onConflictDoUpdate({
        target: [registerEntries.residentId, registerEntries.register],
        set: { ...update, updatedAt: sql`now()` },
      })
      .returning();
    if (!saved) throw new Error("upsert returned no row");
    return saved;
  }

  async ofResident(residentId: string, readable: readonly Register[]): Promise<RegisterEntryWithName[]> {
    if (readable.length === 0) return [];
    const rows = await this.db
      .select(columns)
      .from(registerEntries)
      .innerJoin(residents, eq(residents.id, registerEntries.residentId))
      .where(and(eq(registerEntries.residentId, residentId), inArray(registerEntries.register, [...readable])))
      .orderBy(asc(registerEntries.register));
    return rows.map(({ entry, residentName }) => ({ ...entry, residentName }));
  }

  async page(options: {
    register: Register;
    scope: Scope;
    limit: number;
    after?: { name: string; id: string };
  }): Promise<RegisterEntryWithName[]> {
    const conditions: (SQL | undefined)[] = [
      eq(registerEntries.register, options.register),
      inScope(options.scope, { region: registerEntries.regionCode, grid: registerEntries.gridCode }),
      options.after
        ? sql`(${residents.name} collate "C", ${registerEntries.id}) > (${options.after.name} collate "C", ${options.after.id}::uuid)`
        : undefined,
    ];
    const rows = await this.db
      .select(columns)
      .from(registerEntries)
      .innerJoin(residents, eq(residents.id, registerEntries.residentId))
      .where(and(...conditions))
      .orderBy(asc(sql`${residents.name} collate "C"`), asc(registerEntries.id))
      .limit(options.limit);
    return rows.map(({ entry, residentName }) => ({ ...entry, residentName }));
  }

  /** Keeps the records where their resident lives now (after a move). */
  async followResident(residentId: string, place: { regionCode: string; gridCode: string | null }): Promise<void> {
    await this.db.update(registerEntries).set(place).where(eq(registerEntries.residentId, residentId));
  }
}
