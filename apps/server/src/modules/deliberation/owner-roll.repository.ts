import type { Scope } from "@linli/contracts";
import { and, eq, sql } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { rowsOf } from "../../db/migrate.js";
import { dwellingOwners, dwellings } from "../../db/schema.js";
import { inScope } from "../../platform/scope/scope.js";

export interface RollDwellingRow {
  dwellingId: string;
  label: string;
  floorArea: string | null;
  ownerIds: string[];
  ownerNames: string[];
}

/**
 * SQL for the owners' register (业主名册): who owns which dwelling. Reads the compound's
 * dwellings and the owners' names as a roll, the way a reporting query joins across modules.
 */
export class OwnerRollRepository {
  constructor(private readonly db: Database) {}

  async dwellingInScope(id: string, scope: Scope): Promise<{ id: string; regionCode: string } | undefined> {
    const [row] = await this.db
      .select({ id: dwellings.id, regionCode: dwellings.regionCode })
      .from(dwellings)
      .where(and(eq(dwellings.id, id), inScope(scope, { region: dwellings.regionCode })));
    return row;
  }

  async replaceOwners(dwellingId: string, regionCode: string, residentIds: readonly string[]): Promise<void> {
    await this.db.delete(dwellingOwners).where(eq(dwellingOwners.dwellingId, dwellingId));
    if (residentIds.length > 0)
      await this.db.insert(dwellingOwners).values(residentIds.map((residentId) => ({ dwellingId, residentId, regionCode })));
  }

  /** Every dwelling of the compound in building, entrance and number order, with its owners. */
  async dwellingsOf(compoundId: string): Promise<RollDwellingRow[]> {
    return rowsOf<RollDwellingRow>(
      await this.db.execute(sql`
        select d.id as "dwellingId",
          concat_ws(' ', b.name, e.name, d.number) as label,
          d.floor_area::text as "floorArea",
          coalesce(array_agg(o.resident_id order by o.resident_id) filter (where o.resident_id is not null), '{}') as "ownerIds",
          coalesce(array_agg(r.name order by o.resident_id) filter (where o.resident_id is not null), '{}') as "ownerNames"
        from dwellings d
          join buildings b on b.id = d.building_id
          left join entrances e on e.id = d.entrance_id
          left join dwelling_owners o on o.dwelling_id = d.id
          left join residents r on r.id = o.resident_id
        where d.compound_id = ${compoundId}
        group by d.id, b.name, e.name
        order by b.name collate "C", e.name collate "C" nulls first, d.number collate "C", d.id`),
    );
  }

  /** The compounds where the resident lives or owns a dwelling: the meetings they are invited to. */
  async compoundsOfResident(residentId: string): Promise<string[]> {
    const rows = rowsOf<{ compoundId: string }>(
      await this.db.execute(sql`
        select d.compound_id as "compoundId" from residents r join dwellings d on d.id = r.dwelling_id
          where r.id = ${residentId} and r.living_status in ('present', 'away')
        union
        select d.compound_id from dwelling_owners o join dwellings d on d.id = o.dwelling_id where o.resident_id = ${residentId}`),
    );
    return rows.map((row) => row.compoundId);
  }

  /** Everyone who lives in the compound or owns a dwelling there: whom a meeting of its residents invites. */
  async residentsOfCompound(compoundId: string): Promise<string[]> {
    const rows = rowsOf<{ id: string }>(
      await this.db.execute(sql`
        select r.id from residents r join dwellings d on d.id = r.dwelling_id
          where d.compound_id = ${compoundId} and r.living_status in ('present', 'away')
        union
        select o.resident_id from dwelling_owners o join dwellings d on d.id = o.dwelling_id where d.compound_id = ${compoundId}`),
    );
    return rows.map((row) => row.id);
  }
}
