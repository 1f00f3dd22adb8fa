import { randomUUID } from "node:crypto";
import type { ElectionBallot } from "@linli/contracts";
import type { Database } from "../../db/client.js";
import { type AuditService, succeeded } from "../../platform/audit/audit.service.js";
import type { Actor, RequestContext } from "../../platform/auth/actor.js";
import { AppError, conflictOn, type FieldErrorInput, invalid, notFound } from "../../platform/errors/app-error.js";
import type { AccountService } from "../identity/account.service.js";
import { authorizeDeliberation } from "./deliberation.policy.js";
import { type CandidateRow, ElectionRepository, type ElectionRow, type PositionRow } from "./election.repository.js";
import type { ElectionService } from "./election.service.js";

export interface ElectionBallotDependencies {
  db: Database;
  audit: AuditService;
  accounts: AccountService;
  elections: ElectionService;
  now: () => Date;
}

/**
 * The ballot box: paper ballots handed out at the polling station, ballots cast on the phone or
 * entered from paper. The roll records that someone voted; the box holds the choices alone (and,
 * in an owners' election, the voter's floor area, which art. 278 counts).
 */
export class ElectionBallotService {
  constructor(private readonly deps: ElectionBallotDependencies) {}

  /** At the polling station: the voter on the roll is handed a paper ballot (once). */
  async issuePaperBallot(actor: Actor, id: string, voterId: string, context: RequestContext): Promise<void> {
    authorizeDeliberation(actor, "deliberation.manage");
    await this.deps.elections.find(actor, id);
    await this.deps.db.transaction(async (tx) => {
      const repository = new ElectionRepository(tx);
      await this.assertPollOpen(repository, id);
      if (!(await repository.markVoted(voterId, id, "paper", this.deps.now()))) {
        const onRoll = (await repository.voter(id, voterId)) !== undefined;
        throw onRoll ? conflictOn("voterId", "already_voted") : notFound();
      }
      await this.deps.audit.record(tx, succeeded(actor, context, "deliberation.paper_ballot_issued", { type: "election", id }));
    });
  }

  /**
   * A ballot into the box: a verified resident on the roll from the phone (marked on the roll in
   * the same transaction), or staff entering a paper ballot — never more than were handed out. In
   * an owners' election a paper ballot names the roll entry it was handed to, because its weight
   * is that owner's area; the box still keeps only the choices and the weight.
   */
  async cast(actor: Actor, id: string, input: ElectionBallot, context: RequestContext): Promise<void> {
    authorizeDeliberation(actor, input.paper ? "deliberation.manage" : "deliberation.vote");
    const election = await this.deps.elections.find(actor, id);
    const owners = election.counting === "owners";
    if (input.voterId && !(owners && input.paper)) throw invalid("voterId", "only_for_owners_election");
    if (owners && input.paper && !input.voterId) throw invalid("voterId", "required");
    const repository = new ElectionRepository(this.deps.db);
    const errors = ballotProblems(input.choices, await repository.positions(id), await repository.candidates(id));
    if (errors.length > 0) throw new AppError("validation_failed", 400, errors);
    const residentId = input.paper ? null : await this.deps.accounts.linkedResident(actor.userId);
    if (!input.paper && !residentId)
      throw new AppError("forbidden", 403, [{ in: "body", field: "choices", code: "not_verified" }]);
    await this.deps.db.transaction(async (tx) => {
      const box = new ElectionRepository(tx);
      const locked = await this.assertPollOpen(box, id, input.paper ? "update" : "share");
      let areaCents: number | null = null;
      if (input.paper) {
        const { paperIssued } = await box.rollCounts(id);
        if (locked.paperBallotsEntered >= paperIssued) throw conflictOn("id", "more_ballots_than_issued");
        if (owners) {
          const voter = await box.voter(id, input.voterId as string);
          if (!voter || !(await box.markPaperEntered(voter.id, id, this.deps.now())))
            throw invalid("voterId", "no_paper_ballot_issued");
          areaCents = voter.areaCents;
        }
        await box.update(id, { paperBallotsEntered: locked.paperBallotsEntered + 1 });
      } else {
        const voter = await box.voterOfResident(id, residentId as string);
        if (!voter) throw new AppError("forbidden", 403, [{ in: "body", field: "choices", code: "not_on_roll" }]);
        if (!(await box.markVoted(voter.id, id, "phone", this.deps.now()))) throw conflictOn("id", "already_voted");
        areaCents = owners ? voter.areaCents : null;
      }
      // A random (v4) id: a time-ordered one would date the ballot.
      await box.insertBallot(randomUUID(), id, input.choices, areaCents);
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
