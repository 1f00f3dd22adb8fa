import { randomUUID } from "node:crypto";
import type {
  AddElectionVoters,
  CreateElection,
  Election,
  ElectionBallot,
  ElectionList,
  ElectionRoll,
  ElectionSummary,
  Locale,
  OpenElection,
} from "@linli/contracts";
import { v7 as uuidv7 } from "uuid";
import type { Database } from "../../db/client.js";
import { type AuditService, succeeded } from "../../platform/audit/audit.service.js";
import type { Actor, RequestContext } from "../../platform/auth/actor.js";
import { AppError, conflictOn, type FieldErrorInput, invalid, notFound, staleVersion } from "../../platform/errors/app-error.js";
import { readSheetRows } from "../../platform/files/spreadsheet.js";
import { covers } from "../../platform/scope/scope.js";
import type { CompoundService } from "../grids/compound.service.js";
import type { AccountService } from "../identity/account.service.js";
import type { ResidentService } from "../people/resident.service.js";
import { authorizeDeliberation, organises } from "./deliberation.policy.js";
import { electionResultWorkbook, electionsWorkbook, rollColumns, rollSheetTitle, rollWorkbook } from "./deliberation-export.js";
import {
  type CandidateRow,
  type ElectionReader,
  ElectionRepository,
  type ElectionRow,
  noVoters,
  type PositionRow,
} from "./election.repository.js";
import { countElection, type PositionCount } from "./election-count.js";

export interface ElectionDependencies {
  db: Database;
  audit: AuditService;
  accounts: AccountService;
  residents: ResidentService;
  compounds: CompoundService;
  now: () => Date;
}

/**
 * Elections (选举) by secret ballot. The roll records who has voted and how they voted (phone
 * or a paper ballot handed out); the ballot box holds choices alone. Counting is plurality per
 * position, with an optional majority, and a tie for the last seat is reported, never broken.
 */
export class ElectionService {
  constructor(private readonly deps: ElectionDependencies) {}

  async create(actor: Actor, input: CreateElection, context: RequestContext): Promise<Election> {
    authorizeDeliberation(actor, "deliberation.manage");
    if (!covers(actor.scope, input.regionCode)) throw invalid("regionCode", "outside_scope");
    if (input.compoundId) {
      const compound = await this.deps.compounds.get(actor, input.compoundId).catch(() => undefined);
      if (compound?.regionCode !== input.regionCode) throw invalid("compoundId", "not_in_community");
    }
    const id = uuidv7();
    const positions = input.positions.map((position, ordinal) => ({ ...position, id: uuidv7(), ordinal }));
    await this.deps.db.transaction(async (tx) => {
      await new ElectionRepository(tx).insert(
        {
          id,
          regionCode: input.regionCode,
          compoundId: input.compoundId ?? null,
          organisation: input.organisation,
          organisationKind: input.organisationKind,
          title: input.title,
          createdBy: actor.userId,
        },
        positions.map((position) => ({
          id: position.id,
          electionId: id,
          name: position.name,
          seats: position.seats,
          majorityRequired: position.majorityRequired,
          ordinal: position.ordinal,
        })),
        positions.flatMap((position) =>
          position.candidates.map((candidate, ordinal) => ({
            id: uuidv7(),
            electionId: id,
            positionId: position.id,
            name: candidate.name,
            residentId: candidate.residentId ?? null,
            ordinal,
          })),
        ),
      );
      await this.deps.audit.record(tx, succeeded(actor, context, "deliberation.election_created", { type: "election", id }));
    });
    return this.get(actor, id);
  }

  async list(actor: Actor, regionCode?: string): Promise<ElectionList> {
    const repository = new ElectionRepository(this.deps.db);
    const rows = await repository.list(await this.readerOf(actor), regionCode);
    const counts = await repository.rollCountsOf(rows.map((row) => row.id));
    const items: ElectionSummary[] = rows.map((row) => summaryOf(row, counts.get(row.id) ?? noVoters));
    return { items };
  }

  private async readerOf(actor: Actor): Promise<ElectionReader> {
    if (actor.permissions.includes("deliberation.read") || organises(actor)) return { scope: actor.scope };
    authorizeDeliberation(actor, "deliberation.vote");
    return { residentId: await this.deps.accounts.linkedResident(actor.userId) };
  }

  /** The election as the reader may see it (404 otherwise). */
  private async find(actor: Actor, id: string): Promise<ElectionRow> {
    const row = await new ElectionRepository(this.deps.db).find(id, await this.readerOf(actor));
    if (!row) throw notFound();
    return row;
  }

  async get(actor: Actor, id: string): Promise<Election> {
    const row = await this.find(actor, id);
    const repository = new ElectionRepository(this.deps.db);
    const [positions, candidates, counts, ballots] = [
      await repository.positions(id),
      await repository.candidates(id),
      await repository.rollCounts(id),
      await repository.ballotCount(id),
    ];
    let myVote: Election["myVote"] = null;
    if (actor.permissions.includes("deliberation.vote")) {
      const residentId = await this.deps.accounts.linkedResident(actor.userId);
      const voter = residentId ? await repository.voterOfResident(id, residentId) : undefined;
      myVote = { onRoll: voter !== undefined, voted: voter?.votedAt != null };
    }
    const result = (row.result as PositionCount[] | null) ?? [];
    return {
      ...summaryOf(row, counts),
      positions: positions.map((position) => presentPosition(position, candidates, result)),
      paperBallotsIssued: counts.paperIssued,
      paperBallotsEntered: row.paperBallotsEntered,
      ballots,
      myVote,
    };
  }

  /**
   * Adds members from a file (Excel sheet 选民名册, or CSV) with the columns 编号 and 姓名: every
   * row is checked first and, if any is wrong, nothing is added and each bad row is named.
   */
  async importRoll(actor: Actor, id: string, content: Buffer, context: RequestContext) {
    authorizeDeliberation(actor, "deliberation.manage");
    const { rows, errors } = await readSheetRows(content, {
      sheetTitle: rollSheetTitle,
      columns: rollColumns,
      maxRows: 5_000,
      csv: true,
    });
    const seen = new Map<string, number>();
    for (const { row, cells } of rows) {
      if (!cells.rollNumber) errors.push({ in: "body", field: `rows.${row}.rollNumber`, code: "required" });
      else if (cells.rollNumber.length > 32)
        errors.push({ in: "body", field: `rows.${row}.rollNumber`, code: "too_big_string", params: { maximum: 32 } });
      else if (seen.has(cells.rollNumber))
        errors.push({
          in: "body",
          field: `rows.${row}.rollNumber`,
          code: "same_person_as_row",
          params: { row: seen.get(cells.rollNumber) },
        });
      else seen.set(cells.rollNumber, row);
      if (!cells.name) errors.push({ in: "body", field: `rows.${row}.name`, code: "required" });
      else if (cells.name.length > 50)
        errors.push({ in: "body", field: `rows.${row}.name`, code: "too_big_string", params: { maximum: 50 } });
    }
    if (errors.length > 0) throw new AppError("validation_failed", 400, errors);
    const members = rows.map(({ cells }) => ({ rollNumber: cells.rollNumber as string, name: cells.name as string }));
    return this.addVoters(actor, id, { residentIds: [], members }, context);
  }

  async exportList(actor: Actor, regionCode: string | undefined, locale: Locale): Promise<Buffer> {
    return electionsWorkbook((await this.list(actor, regionCode)).items, locale);
  }

  async exportRoll(actor: Actor, id: string, locale: Locale): Promise<Buffer> {
    return rollWorkbook((await this.roll(actor, id)).items, locale);
  }

  /** The result sheet as a workbook, once counted. */
  async exportResult(actor: Actor, id: string, locale: Locale): Promise<Buffer> {
    const election = await this.get(actor, id);
    if (election.status !== "closed") throw conflictOn("id", "not_closed");
    return electionResultWorkbook(election, locale);
  }

  async roll(actor: Actor, id: string): Promise<ElectionRoll> {
    authorizeDeliberation(actor, "deliberation.read", "deliberation.manage");
    await this.find(actor, id);
    const rows = await new ElectionRepository(this.deps.db).roll(id);
    return {
      items: rows.map((row) => ({
        id: row.id,
        rollNumber: row.rollNumber,
        name: row.name,
        residentId: row.residentId,
        voted: row.votedAt !== null,
        channel: row.channel as "phone" | "paper" | null,
      })),
    };
  }

  /** Adds voters before the poll opens: registry residents, members by number, or the adults living here. */
  async addVoters(actor: Actor, id: string, input: AddElectionVoters, context: RequestContext) {
    authorizeDeliberation(actor, "deliberation.manage");
    const election = await this.find(actor, id);
    if (election.status !== "draft") throw conflictOn("id", "already_opened");
    const names = await this.deps.residents.namesOf(actor, input.residentIds);
    const errors: FieldErrorInput[] = input.residentIds.flatMap((residentId, index) =>
      names.has(residentId) ? [] : [{ in: "body" as const, field: `residentIds.${index}`, code: "unknown_resident" }],
    );
    if (errors.length > 0) throw new AppError("validation_failed", 400, errors);
    if (input.drawAdultsOf === "compound" && !election.compoundId) throw invalid("drawAdultsOf", "needs_a_compound");
    const drawn = input.drawAdultsOf
      ? await this.deps.residents.adultsLiving(
          actor,
          election.regionCode,
          input.drawAdultsOf === "compound" ? (election.compoundId ?? undefined) : undefined,
        )
      : [];
    const people = [...input.residentIds.map((residentId) => ({ id: residentId, name: names.get(residentId) ?? "" })), ...drawn];
    return this.deps.db.transaction(async (tx) => {
      const repository = new ElectionRepository(tx);
      if ((await repository.lock(id, "update"))?.status !== "draft") throw conflictOn("id", "already_opened");
      let next = await repository.nextRollNumber(id);
      const rows = [
        ...people.map((person) => ({
          id: uuidv7(),
          electionId: id,
          rollNumber: `R${String(next++).padStart(5, "0")}`,
          name: person.name,
          residentId: person.id,
        })),
        ...input.members.map((member) => ({
          id: uuidv7(),
          electionId: id,
          rollNumber: member.rollNumber,
          name: member.name,
          residentId: null,
        })),
      ];
      const added = await repository.addVoters(rows);
      await this.deps.audit.record(tx, succeeded(actor, context, "deliberation.roll_changed", { type: "election", id }));
      return { added, alreadyOnRoll: rows.length - added, roll: (await repository.rollCounts(id)).roll };
    });
  }

  async open(actor: Actor, id: string, input: OpenElection, context: RequestContext): Promise<Election> {
    authorizeDeliberation(actor, "deliberation.manage");
    await this.find(actor, id);
    if (new Date(input.closesAt) <= this.deps.now()) throw invalid("closesAt", "in_past");
    await this.deps.db.transaction(async (tx) => {
      const repository = new ElectionRepository(tx);
      const election = await repository.lock(id, "update");
      if (!election) throw notFound();
      if (election.version !== input.version) throw staleVersion();
      if (election.status !== "draft") throw conflictOn("id", "already_opened");
      if ((await repository.rollCounts(id)).roll === 0) throw conflictOn("id", "empty_roll");
      await repository.update(id, { status: "open", openedAt: this.deps.now(), closesAt: new Date(input.closesAt) });
      await this.deps.audit.record(tx, succeeded(actor, context, "deliberation.election_opened", { type: "election", id }));
    });
    return this.get(actor, id);
  }

  /** At the polling station: the voter on the roll is handed a paper ballot (once). */
  async issuePaperBallot(actor: Actor, id: string, voterId: string, context: RequestContext): Promise<void> {
    authorizeDeliberation(actor, "deliberation.manage");
    await this.find(actor, id);
    await this.deps.db.transaction(async (tx) => {
      const repository = new ElectionRepository(tx);
      await this.assertPollOpen(repository, id);
      if (!(await repository.markVoted(voterId, id, "paper", this.deps.now()))) {
        const onRoll = (await repository.roll(id)).some((voter) => voter.id === voterId);
        throw onRoll ? conflictOn("voterId", "already_voted") : notFound();
      }
      await this.deps.audit.record(tx, succeeded(actor, context, "deliberation.paper_ballot_issued", { type: "election", id }));
    });
  }

  /**
   * A ballot into the box: a verified resident on the roll from the phone (marked on the roll in
   * the same transaction), or staff entering a paper ballot — never more than were handed out.
   */
  async cast(actor: Actor, id: string, input: ElectionBallot, context: RequestContext): Promise<void> {
    authorizeDeliberation(actor, input.paper ? "deliberation.manage" : "deliberation.vote");
    await this.find(actor, id);
    const repository = new ElectionRepository(this.deps.db);
    const errors = ballotProblems(input.choices, await repository.positions(id), await repository.candidates(id));
    if (errors.length > 0) throw new AppError("validation_failed", 400, errors);
    const residentId = input.paper ? null : await this.deps.accounts.linkedResident(actor.userId);
    if (!input.paper && !residentId)
      throw new AppError("forbidden", 403, [{ in: "body", field: "choices", code: "not_verified" }]);
    await this.deps.db.transaction(async (tx) => {
      const box = new ElectionRepository(tx);
      const election = await this.assertPollOpen(box, id, input.paper ? "update" : "share");
      if (input.paper) {
        const { paperIssued } = await box.rollCounts(id);
        if (election.paperBallotsEntered >= paperIssued) throw conflictOn("id", "more_ballots_than_issued");
        await box.update(id, { paperBallotsEntered: election.paperBallotsEntered + 1 });
      } else {
        const voter = await box.voterOfResident(id, residentId as string);
        if (!voter) throw new AppError("forbidden", 403, [{ in: "body", field: "choices", code: "not_on_roll" }]);
        if (!(await box.markVoted(voter.id, id, "phone", this.deps.now()))) throw conflictOn("id", "already_voted");
      }
      // A random (v4) id: a time-ordered one would date the ballot.
      await box.insertBallot(randomUUID(), id, input.choices);
      await this.deps.audit.record(tx, succeeded(actor, context, "deliberation.election_ballot_cast", { type: "election", id }));
    });
  }

  private async assertPollOpen(
    repository: ElectionRepository,
    id: string,
    mode: "update" | "share" = "share",
  ): Promise<ElectionRow> {
    const election = await repository.lock(id, mode);
    if (!election) throw notFound();
    if (election.status !== "open" || (election.closesAt && election.closesAt <= this.deps.now()))
      throw conflictOn("id", "poll_closed");
    return election;
  }

  /** Closes the poll, shuffles the box and counts it; the result is stored for the result sheet. */
  async close(actor: Actor, id: string, version: number, context: RequestContext): Promise<Election> {
    authorizeDeliberation(actor, "deliberation.manage");
    await this.find(actor, id);
    await this.deps.db.transaction(async (tx) => {
      const repository = new ElectionRepository(tx);
      const election = await repository.lock(id, "update");
      if (!election) throw notFound();
      if (election.version !== version) throw staleVersion();
      if (election.status !== "open") throw conflictOn("id", election.status === "closed" ? "poll_already_closed" : "not_open");
      await repository.shuffleBallots(id);
      const positions = await repository.positions(id);
      const candidates = await repository.candidates(id);
      const result = countElection(
        positions.map((position) => ({
          id: position.id,
          seats: position.seats,
          majorityRequired: position.majorityRequired,
          candidates: candidates.filter((candidate) => candidate.positionId === position.id).map((candidate) => candidate.id),
        })),
        await repository.ballots(id),
      );
      await repository.update(id, { status: "closed", closedAt: this.deps.now(), result });
      await this.deps.audit.record(tx, succeeded(actor, context, "deliberation.election_closed", { type: "election", id }));
    });
    return this.get(actor, id);
  }
}

function summaryOf(row: ElectionRow, counts: { roll: number; voted: number }): ElectionSummary {
  return {
    id: row.id,
    regionCode: row.regionCode,
    organisation: row.organisation,
    organisationKind: row.organisationKind as ElectionSummary["organisationKind"],
    title: row.title,
    status: row.status as ElectionSummary["status"],
    closesAt: row.closesAt?.toISOString() ?? null,
    roll: counts.roll,
    voted: counts.voted,
    version: row.version,
  };
}

function presentPosition(
  position: PositionRow,
  candidates: CandidateRow[],
  result: PositionCount[],
): Election["positions"][number] {
  const counted = result.find((entry) => entry.positionId === position.id);
  return {
    id: position.id,
    name: position.name,
    seats: position.seats,
    majorityRequired: position.majorityRequired,
    candidates: candidates
      .filter((candidate) => candidate.positionId === position.id)
      .map((candidate) => {
        const tally = counted?.candidates.find((entry) => entry.candidateId === candidate.id);
        return { id: candidate.id, name: candidate.name, votes: tally?.votes ?? null, outcome: tally?.outcome ?? null };
      })
      .sort((a, b) => (b.votes ?? 0) - (a.votes ?? 0)),
    count: counted
      ? { ballots: counted.ballots, blank: counted.blank, elected: counted.elected, tiedSeats: counted.tiedSeats }
      : null,
  };
}

/** A ballot names positions of this election, candidates of those positions, and no more than the seats. */
function ballotProblems(
  choices: Record<string, string[]>,
  positions: PositionRow[],
  candidates: CandidateRow[],
): FieldErrorInput[] {
  const errors: FieldErrorInput[] = [];
  for (const [positionId, chosen] of Object.entries(choices)) {
    const position = positions.find((entry) => entry.id === positionId);
    const field = `choices.${positionId}`;
    if (!position) {
      errors.push({ in: "body", field, code: "unknown_position" });
      continue;
    }
    if (chosen.length > position.seats)
      errors.push({ in: "body", field, code: "too_many_choices", params: { seats: position.seats } });
    for (const candidateId of chosen)
      if (!candidates.some((candidate) => candidate.id === candidateId && candidate.positionId === positionId))
        errors.push({ in: "body", field, code: "unknown_candidate" });
  }
  return errors;
}
