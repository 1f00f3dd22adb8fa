import type { Scope } from "@linli/contracts";
import { and, asc, count, desc, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { electionBallots, electionCandidates, electionPositions, elections, electionVoters } from "../../db/schema.js";
import { inScope } from "../../platform/scope/scope.js";

export interface RollCounts {
  roll: number;
  voted: number;
  paperIssued: number;
  /** An owners' election: the roll's floor area, hundredths of a m² (null for any other roll). */
  areaCents: number | null;
}
export const noVoters: RollCounts = { roll: 0, voted: 0, paperIssued: 0, areaCents: null };

export type ElectionRow = typeof elections.$inferSelect;
export type PositionRow = typeof electionPositions.$inferSelect;
export type CandidateRow = typeof electionCandidates.$inferSelect;
export type VoterRow = typeof electionVoters.$inferSelect;

/** Who reads: staff by their scope; a resident by their registry record on the roll. */
export type ElectionReader = { scope: Scope } | { residentId: string | null };

const visibleTo = (reader: ElectionReader) =>
  "scope" in reader
    ? inScope(reader.scope, { region: elections.regionCode })
    : reader.residentId === null
      ? sql`false`
      : sql`(${elections.status} <> 'draft' and exists (select 1 from election_voters v
          where v.election_id = ${elections.id}
            and (v.resident_id = ${reader.residentId} or ${reader.residentId}::uuid = any(v.owner_ids))))`;

/**
 * SQL for elections. Ballot secrecy is kept here: no statement reads or writes the ballots and
 * the roll together, and a ballot carries nothing but a random id, its election and its choices
 * (`election.api.test.ts` checks both).
 */
export class ElectionRepository {
  constructor(private readonly db: Database) {}

  async insert(
    election: typeof elections.$inferInsert,
    positions: (typeof electionPositions.$inferInsert)[],
    candidates: (typeof electionCandidates.$inferInsert)[],
  ): Promise<void> {
    await this.db.insert(elections).values(election);
    await this.db.insert(electionPositions).values(positions);
    await this.db.insert(electionCandidates).values(candidates);
  }

  /** Elections in the scope, or (for a resident) those past their draft whose roll holds them. */
  async list(reader: ElectionReader, regionCode?: string): Promise<ElectionRow[]> {
    return this.db
      .select()
      .from(elections)
      .where(and(visibleTo(reader), regionCode ? sql`${elections.regionCode} like ${`${regionCode}%`}` : undefined))
      .orderBy(desc(elections.createdAt), asc(elections.id))
      .limit(500);
  }

  async find(id: string, reader: ElectionReader): Promise<ElectionRow | undefined> {
    const [row] = await this.db
      .select()
      .from(elections)
      .where(and(eq(elections.id, id), visibleTo(reader)));
    return row;
  }

  async lock(id: string, mode: "update" | "share"): Promise<ElectionRow | undefined> {
    const [row] = await this.db.select().from(elections).where(eq(elections.id, id)).for(mode);
    return row;
  }

  async update(id: string, patch: Partial<ElectionRow>): Promise<void> {
    await this.db
      .update(elections)
      .set({ ...patch, version: sql`${elections.version} + 1` })
      .where(eq(elections.id, id));
  }

  async positions(electionId: string): Promise<PositionRow[]> {
    return this.db
      .select()
      .from(electionPositions)
      .where(eq(electionPositions.electionId, electionId))
      .orderBy(asc(electionPositions.ordinal));
  }

  async candidates(electionId: string): Promise<CandidateRow[]> {
    return this.db
      .select()
      .from(electionCandidates)
      .where(eq(electionCandidates.electionId, electionId))
      .orderBy(asc(electionCandidates.ordinal));
  }

  async roll(electionId: string): Promise<VoterRow[]> {
    return this.db
      .select()
      .from(electionVoters)
      .where(eq(electionVoters.electionId, electionId))
      .orderBy(sql`${electionVoters.rollNumber} collate "C"`);
  }

  async rollCounts(electionId: string): Promise<RollCounts> {
    return (await this.rollCountsOf([electionId])).get(electionId) ?? noVoters;
  }

  /** The roll's counts of several elections in one query (an election without voters is left out). */
  async rollCountsOf(electionIds: string[]): Promise<Map<string, RollCounts>> {
    if (electionIds.length === 0) return new Map();
    const rows = await this.db
      .select({
        electionId: electionVoters.electionId,
        roll: count(),
        voted: sql<number>`count(${electionVoters.votedAt})::int`,
        paperIssued: sql<number>`count(*) filter (where ${electionVoters.channel} = 'paper')::int`,
        areaCents: sql<string | null>`sum(${electionVoters.areaCents})`,
      })
      .from(electionVoters)
      .where(inArray(electionVoters.electionId, electionIds))
      .groupBy(electionVoters.electionId);
    return new Map(
      rows.map((row) => [
        row.electionId,
        {
          roll: Number(row.roll),
          voted: Number(row.voted),
          paperIssued: Number(row.paperIssued),
          areaCents: row.areaCents === null ? null : Number(row.areaCents),
        },
      ]),
    );
  }

  /** Adds voters; one already on the roll (same number, or same resident) stays as they were. Returns how many were added. */
  async addVoters(rows: (typeof electionVoters.$inferInsert)[]): Promise<number> {
    let added = 0;
    for (let start = 0; start < rows.length; start += 1000) {
      const inserted = await this.db
        .insert(electionVoters)
        .values(rows.slice(start, start + 1000))
        .onConflictDoNothing()
        .returning({ id: electionVoters.id });
      added += inserted.length;
    }
    return added;
  }

  /** The resident's entry on the roll: their own, or (an owners' election) the unit they are an owner of. */
  async voterOfResident(electionId: string, residentId: string): Promise<VoterRow | undefined> {
    const [row] = await this.db
      .select()
      .from(electionVoters)
      .where(
        and(
          eq(electionVoters.electionId, electionId),
          sql`(${electionVoters.residentId} = ${residentId} or ${residentId}::uuid = any(${electionVoters.ownerIds}))`,
        ),
      );
    return row;
  }

  async voter(electionId: string, voterId: string): Promise<VoterRow | undefined> {
    const [row] = await this.db
      .select()
      .from(electionVoters)
      .where(and(eq(electionVoters.electionId, electionId), eq(electionVoters.id, voterId)));
    return row;
  }

  /** Marks the paper ballot handed to an owners' roll unit as entered; false unless one was handed out and not yet entered. */
  async markPaperEntered(voterId: string, electionId: string, at: Date): Promise<boolean> {
    const marked = await this.db
      .update(electionVoters)
      .set({ paperEnteredAt: at })
      .where(
        and(
          eq(electionVoters.id, voterId),
          eq(electionVoters.electionId, electionId),
          eq(electionVoters.channel, "paper"),
          sql`${electionVoters.paperEnteredAt} is null`,
        ),
      )
      .returning({ id: electionVoters.id });
    return marked.length > 0;
  }

  /** Marks the voter as having voted (or been handed a paper ballot); false when they already had. */
  async markVoted(voterId: string, electionId: string, channel: "phone" | "paper", at: Date): Promise<boolean> {
    const marked = await this.db
      .update(electionVoters)
      .set({ channel, votedAt: at })
      .where(
        and(eq(electionVoters.id, voterId), eq(electionVoters.electionId, electionId), sql`${electionVoters.votedAt} is null`),
      )
      .returning({ id: electionVoters.id });
    return marked.length > 0;
  }

  async nextRollNumber(electionId: string): Promise<number> {
    const [row] = await this.db.select({ n: count() }).from(electionVoters).where(eq(electionVoters.electionId, electionId));
    return Number(row?.n ?? 0) + 1;
  }

  /** A ballot into the box: its choices and, in an owners' election, its weight (the voter's area), nothing else. */
  async insertBallot(id: string, electionId: string, choices: Record<string, string[]>, areaCents: number | null): Promise<void> {
    await this.db.insert(electionBallots).values({ id, electionId, choices, areaCents });
  }

  async ballots(electionId: string): Promise<{ choices: Record<string, string[]>; areaCents: number | null }[]> {
    return this.db
      .select({ choices: electionBallots.choices, areaCents: electionBallots.areaCents })
      .from(electionBallots)
      .where(eq(electionBallots.electionId, electionId));
  }

  async ballotCount(electionId: string): Promise<number> {
    const [row] = await this.db.select({ n: count() }).from(electionBallots).where(eq(electionBallots.electionId, electionId));
    return Number(row?.n ?? 0);
  }

  /**
   * Rewrites the election's ballots in random order under new random ids, so that the order in
   * which they were cast (which the roll's times would match) is gone from the table.
   */
  async shuffleBallots(electionId: string): Promise<void> {
    await this.db.execute(sql`
      with cast_ballots as (delete from election_ballots where election_id = ${electionId} returning choices, area_cents)
      insert into election_ballots (id, election_id, choices, area_cents)
      select gen_random_uuid(), ${electionId}, choices, area_cents from cast_ballots order by random()`);
  }
}
