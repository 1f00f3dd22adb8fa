import type {
  CloseElection,
  CreateElection,
  Election,
  ElectionList,
  ElectionSummary,
  Locale,
  OpenElection,
} from "@linli/contracts";
import { v7 as uuidv7 } from "uuid";
import type { Database } from "../../db/client.js";
import { type AuditService, succeeded } from "../../platform/audit/audit.service.js";
import type { Actor, RequestContext } from "../../platform/auth/actor.js";
import { AppError, conflictOn, invalid, notFound, staleVersion } from "../../platform/errors/app-error.js";
import { covers } from "../../platform/scope/scope.js";
import type { CompoundService } from "../grids/compound.service.js";
import type { AccountService } from "../identity/account.service.js";
import { authorizeDeliberation, organises } from "./deliberation.policy.js";
import { electionResultWorkbook, electionsWorkbook } from "./deliberation-export.js";
import { summaryOf, thresholdOf, toElection } from "./election.presenter.js";
import { type ElectionReader, ElectionRepository, type ElectionRow, noVoters } from "./election.repository.js";
import { countElection, countOwnersElection } from "./election-count.js";
import type { OwnerRollService } from "./owner-roll.service.js";
import { assertClosable, earlyCloseOf } from "./poll-closing.js";

export interface ElectionDependencies {
  db: Database;
  audit: AuditService;
  accounts: AccountService;
  compounds: CompoundService;
  ownerRoll: OwnerRollService;
  now: () => Date;
}

/**
 * Elections (选举) by secret ballot. The roll records who has voted and how they voted (phone
 * or a paper ballot handed out); the ballot box holds choices alone. An association or a
 * residents' committee counts by plurality per position, with an optional majority; an owners'
 * committee is elected by the compound's owners under Civil Code art. 278 (`countOwnersElection`).
 * A tie for the last seat is reported, never broken. The roll's and the box's own steps are
 * `ElectionRollService` and `ElectionBallotService`.
 */
export class ElectionService {
  constructor(private readonly deps: ElectionDependencies) {}

  async create(actor: Actor, input: CreateElection, context: RequestContext): Promise<Election> {
    authorizeDeliberation(actor, "deliberation.manage");
    if (!covers(actor.scope, input.regionCode)) throw invalid("regionCode", "outside_scope");
    const owners = input.organisationKind === "owners_committee";
    if (owners && !input.compoundId) throw invalid("compoundId", "required");
    if (!owners && input.threshold) throw invalid("threshold", "only_for_owners_election");
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
          counting: owners ? "owners" : "plurality",
          thresholdNumerator: input.threshold?.numerator ?? null,
          thresholdDenominator: input.threshold?.denominator ?? null,
          createdBy: actor.userId,
        },
        positions.map((position) => ({
          id: position.id,
          electionId: id,
          name: position.name,
          seats: position.seats,
          // An owners' committee member always needs a majority of the participating area and owners.
          majorityRequired: owners || position.majorityRequired,
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

  /** The election as the reader may see it (404 otherwise): for this module's roll and ballot services too. */
  async find(actor: Actor, id: string): Promise<ElectionRow> {
    const row = await new ElectionRepository(this.deps.db).find(id, await this.readerOf(actor));
    if (!row) throw notFound();
    return row;
  }

  async get(actor: Actor, id: string): Promise<Election> {
    const row = await this.find(actor, id);
    const repository = new ElectionRepository(this.deps.db);
    let myVote: Election["myVote"] = null;
    if (actor.permissions.includes("deliberation.vote")) {
      const residentId = await this.deps.accounts.linkedResident(actor.userId);
      const voter = residentId ? await repository.voterOfResident(id, residentId) : undefined;
      myVote = { onRoll: voter !== undefined, voted: voter?.votedAt != null };
    }
    return toElection(row, {
      counts: await repository.rollCounts(id),
      positions: await repository.positions(id),
      candidates: await repository.candidates(id),
      ballots: await repository.ballotCount(id),
      myVote,
      earlyClose: await earlyCloseOf(row, (ids) => this.deps.accounts.displayNamesOf(ids)),
    });
  }

  async exportList(actor: Actor, regionCode: string | undefined, locale: Locale): Promise<Buffer> {
    return electionsWorkbook((await this.list(actor, regionCode)).items, locale);
  }

  /** The result sheet as a workbook, once counted. */
  async exportResult(actor: Actor, id: string, locale: Locale): Promise<Buffer> {
    const election = await this.get(actor, id);
    if (election.status !== "closed") throw conflictOn("id", "not_closed");
    return electionResultWorkbook(election, locale);
  }

  /**
   * Opens the poll. An owners' committee election freezes its roll now, from the owners' register
   * of its compound — one entry per owner (one buyer's dwellings, co-owners together) with their
   * area — and will not open while a dwelling lacks its area or its owners (each one named).
   */
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
      if (election.counting === "owners" && election.compoundId) {
        const { units, gaps } = await this.deps.ownerRoll.unitsFor(tx, election.compoundId);
        if (gaps.length > 0)
          throw new AppError(
            "conflict",
            409,
            gaps.map((gap) => ({
              in: "params",
              field: "dwellings",
              code: `missing_${gap.missing}`,
              params: { dwelling: gap.label },
            })),
          );
        await repository.addVoters(
          units.map((unit) => ({
            id: uuidv7(),
            electionId: id,
            rollNumber: `U${String(unit.unit).padStart(5, "0")}`,
            name: unit.ownerNames.join("、"),
            residentId: null,
            ownerIds: unit.ownerIds,
            areaCents: unit.areaCents,
          })),
        );
      }
      if ((await repository.rollCounts(id)).roll === 0) throw conflictOn("id", "empty_roll");
      await repository.update(id, { status: "open", openedAt: this.deps.now(), closesAt: new Date(input.closesAt) });
      await this.deps.audit.record(tx, succeeded(actor, context, "deliberation.election_opened", { type: "election", id }));
    });
    return this.get(actor, id);
  }

  /**
   * Closes the poll, shuffles the box and counts it; the result is stored for the result sheet.
   * Before the announced closing time only with a recorded decision, shown on the result.
   */
  async close(actor: Actor, id: string, input: CloseElection, context: RequestContext): Promise<Election> {
    authorizeDeliberation(actor, "deliberation.manage");
    await this.find(actor, id);
    const now = this.deps.now();
    await this.deps.db.transaction(async (tx) => {
      const repository = new ElectionRepository(tx);
      const election = await repository.lock(id, "update");
      if (!election) throw notFound();
      if (election.version !== input.version) throw staleVersion();
      if (election.status !== "open") throw conflictOn("id", election.status === "closed" ? "poll_already_closed" : "not_open");
      const { early } = assertClosable(election.closesAt, now, input.earlyClose);
      await repository.shuffleBallots(id);
      const candidates = await repository.candidates(id);
      const positions = (await repository.positions(id)).map((position) => ({
        id: position.id,
        seats: position.seats,
        majorityRequired: position.majorityRequired,
        candidates: candidates.filter((candidate) => candidate.positionId === position.id).map((candidate) => candidate.id),
      }));
      const ballots = await repository.ballots(id);
      const threshold = thresholdOf(election);
      let result: unknown;
      if (threshold) {
        const roll = await repository.rollCounts(id);
        result = countOwnersElection(
          positions,
          ballots.map((ballot) => ({ choices: ballot.choices, areaCents: ballot.areaCents ?? 0 })),
          { owners: roll.roll, areaCents: roll.areaCents ?? 0 },
          threshold,
        );
      } else
        result = countElection(
          positions,
          ballots.map((ballot) => ballot.choices),
        );
      await repository.update(id, {
        status: "closed",
        closedAt: now,
        closedBy: actor.userId,
        result,
        ...(input.earlyClose
          ? { earlyCloseReason: input.earlyClose.reason, earlyCloseDecidedBy: input.earlyClose.decidedBy }
          : {}),
      });
      await this.deps.audit.record(
        tx,
        succeeded(actor, context, early ? "deliberation.election_closed_early" : "deliberation.election_closed", {
          type: "election",
          id,
        }),
      );
    });
    return this.get(actor, id);
  }
}
