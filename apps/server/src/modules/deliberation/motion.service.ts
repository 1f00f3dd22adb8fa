import {
  type BallotReceipt,
  type CastBallot,
  type CloseMotion,
  type CreateMotion,
  type Meeting,
  type Motion,
  type OpenMotion,
  ownersMatters,
  specialMatters,
  type TallyView,
} from "@linli/contracts";
import { v7 as uuidv7 } from "uuid";
import type { Database } from "../../db/client.js";
import { isUniqueViolation } from "../../db/errors.js";
import { type AuditService, succeeded } from "../../platform/audit/audit.service.js";
import type { Actor, RequestContext } from "../../platform/auth/actor.js";
import { AppError, conflictOn, type FieldErrorInput, invalid, notFound, staleVersion } from "../../platform/errors/app-error.js";
import { localDate } from "../../platform/time/local-date.js";
import type { AccountService } from "../identity/account.service.js";
import { authorizeDeliberation } from "./deliberation.policy.js";
import type { MeetingService } from "./meeting.service.js";
import { toMotion, toTallyView } from "./motion.presenter.js";
import { MotionRepository, type MotionRow, type MotionRepository as Repository } from "./motion.repository.js";
import type { OwnerRollService } from "./owner-roll.service.js";
import { assertClosable, earlyCloseColumns, earlyCloseOf, incompleteRoll } from "./poll-closing.js";
import { ResolutionRepository } from "./resolution.repository.js";
import { type Tally, tallyHands, tallyOwners } from "./tally.js";

export interface MotionDependencies {
  db: Database;
  audit: AuditService;
  meetings: MeetingService;
  ownerRoll: OwnerRollService;
  accounts: AccountService;
  now: () => Date;
}

const isOwnersRule = (rule: string) => rule === "owners_ordinary" || rule === "owners_special";

/**
 * Motions and votes. An owners' vote (Civil Code art. 278) freezes the compound's roll when it
 * opens, takes one ballot per owner, and is counted from the roll and the ballots alone; a
 * show of hands is counted from the figures the organisers record.
 */
export class MotionService {
  constructor(private readonly deps: MotionDependencies) {}

  async create(actor: Actor, meetingId: string, input: CreateMotion, context: RequestContext): Promise<Motion> {
    authorizeDeliberation(actor, "deliberation.manage");
    const meeting = await this.deps.meetings.find(actor, meetingId);
    if (meeting.cancelledAt) throw conflictOn("id", "cancelled");
    const errors = ruleProblems(input, meeting.compoundId);
    if (errors.length > 0) throw new AppError("validation_failed", 400, errors);
    const id = uuidv7();
    await this.deps.db.transaction(async (tx) => {
      await new MotionRepository(tx).insert({
        id,
        meetingId,
        regionCode: meeting.regionCode,
        compoundId: meeting.compoundId,
        title: input.title,
        body: input.body,
        matter: input.matter,
        rule: input.rule,
        thresholdNumerator: input.threshold?.numerator ?? null,
        thresholdDenominator: input.threshold?.denominator ?? null,
        revote: input.revote,
        createdBy: actor.userId,
      });
      await this.deps.audit.record(tx, succeeded(actor, context, "deliberation.motion_created", { type: "motion", id }));
    });
    return this.get(actor, id);
  }

  /** A motion the actor may see (through its meeting), else 404. */
  private async visible(actor: Actor, id: string): Promise<MotionRow> {
    const row = await new MotionRepository(this.deps.db).find(id);
    if (!row) throw notFound();
    await this.deps.meetings.find(actor, row.meetingId);
    return row;
  }

  async get(actor: Actor, id: string): Promise<Motion> {
    return this.present(actor, await this.visible(actor, id));
  }

  /** The meeting's page with its motions. */
  async meeting(actor: Actor, meetingId: string): Promise<Meeting> {
    const meeting = await this.deps.meetings.get(actor, meetingId);
    const rows = await new MotionRepository(this.deps.db).ofMeeting(meetingId);
    const motionList = [];
    for (const row of rows) motionList.push(await this.present(actor, row));
    return { ...meeting, motions: rows.length, motionList };
  }

  private async present(actor: Actor, row: MotionRow): Promise<Motion> {
    const repository = new MotionRepository(this.deps.db);
    let participation: Motion["participation"] = null;
    if (row.status === "open" && isOwnersRule(row.rule)) {
      const roll = await repository.roll(row.id);
      const cast = await repository.participation(row.id);
      participation = {
        owners: cast.owners,
        area: cast.areaCents / 100,
        rollOwners: roll.length,
        rollArea: roll.reduce((sum, unit) => sum + unit.areaCents, 0) / 100,
      };
    }
    let myBallot: Motion["myBallot"] = null;
    if (actor.permissions.includes("deliberation.vote") && isOwnersRule(row.rule) && row.status !== "draft") {
      const units = await this.unitsOfVoter(repository, row.id, actor);
      const ballots = await repository.ballotsOfUnits(
        row.id,
        units.map((unit) => unit.unit),
      );
      myBallot = {
        eligible: units.length > 0,
        choice: (ballots[0]?.choice as "for" | "against" | "abstain" | undefined) ?? null,
      };
    }
    return toMotion(row, {
      participation,
      myBallot,
      resolutionId: await repository.resolutionIdOf(row.id),
      earlyClose: await earlyCloseOf(row, (ids) => this.deps.accounts.displayNamesOf(ids)),
      ruleCorrection: row.ruleCorrection
        ? {
            code: row.ruleCorrection as "use_maintenance_fund_is_ordinary",
            passedUnderCorrectedRule:
              row.status === "closed" && isOwnersRule(row.rule)
                ? (await countOwners(repository, row, "owners_ordinary")).passed
                : null,
          }
        : null,
    });
  }

  private async unitsOfVoter(repository: Repository, motionId: string, actor: Actor) {
    const residentId = await this.deps.accounts.linkedResident(actor.userId);
    return residentId ? repository.unitsOfOwner(motionId, residentId) : [];
  }

  /**
   * Opens the poll. An owners' vote needs a noticed meeting and a complete roll: every dwelling
   * of the compound with its floor area and its owners; otherwise it names the dwellings.
   */
  async open(actor: Actor, id: string, input: OpenMotion, context: RequestContext): Promise<Motion> {
    authorizeDeliberation(actor, "deliberation.manage");
    const row = await this.visible(actor, id);
    const meeting = await this.deps.meetings.find(actor, row.meetingId);
    if (new Date(input.closesAt) <= this.deps.now()) throw invalid("closesAt", "in_past");
    await this.deps.db.transaction(async (tx) => {
      const repository = new MotionRepository(tx);
      const motion = await repository.lock(id, "update");
      if (!motion) throw notFound();
      if (motion.version !== input.version) throw staleVersion();
      if (motion.status !== "draft") throw conflictOn("id", "already_opened");
      if (meeting.cancelledAt) throw conflictOn("id", "cancelled");
      if (!meeting.noticedAt) throw conflictOn("id", "not_noticed");
      if (isOwnersRule(motion.rule) && motion.compoundId) {
        const { units, gaps } = await this.deps.ownerRoll.unitsFor(tx, motion.compoundId);
        if (gaps.length > 0) throw incompleteRoll(gaps);
        if (units.length === 0) throw conflictOn("dwellings", "empty_roll");
        await repository.insertRoll(
          units.map((unit) => ({
            motionId: id,
            unit: unit.unit,
            dwellingIds: unit.dwellingIds,
            ownerIds: unit.ownerIds,
            areaCents: unit.areaCents,
          })),
        );
      }
      await repository.update(id, { status: "open", openedAt: this.deps.now(), closesAt: new Date(input.closesAt) });
      await this.deps.audit.record(tx, succeeded(actor, context, "deliberation.motion_opened", { type: "motion", id }));
    });
    return this.get(actor, id);
  }

  /**
   * Casts a ballot: a verified resident on the phone for the dwellings they own, or the staff
   * from a numbered paper ballot for one dwelling's owner. Never after the poll closed.
   */
  async cast(actor: Actor, id: string, input: CastBallot, context: RequestContext): Promise<BallotReceipt> {
    const paper = input.dwellingId !== undefined || input.paperNumber !== undefined;
    authorizeDeliberation(actor, paper ? "deliberation.manage" : "deliberation.vote");
    if (paper && !input.dwellingId) throw invalid("dwellingId", "required");
    if (paper && !input.paperNumber) throw invalid("paperNumber", "required");
    const visible = await this.visible(actor, id);
    if (!isOwnersRule(visible.rule)) throw conflictOn("id", "show_of_hands");
    const residentId = paper ? null : await this.deps.accounts.linkedResident(actor.userId);
    if (!paper && !residentId) throw new AppError("forbidden", 403, [{ in: "body", field: "choice", code: "not_verified" }]);
    const castAt = this.deps.now();
    try {
      return await this.deps.db.transaction(async (tx) => {
        const repository = new MotionRepository(tx);
        const motion = await repository.lock(id, "share");
        if (!motion) throw notFound();
        if (motion.status !== "open" || (motion.closesAt && motion.closesAt <= castAt)) throw conflictOn("id", "poll_closed");
        const units = paper
          ? [await repository.unitOfDwelling(id, input.dwellingId as string)].filter((unit) => unit !== undefined)
          : await repository.unitsOfOwner(id, residentId as string);
        if (units.length === 0)
          throw paper
            ? invalid("dwellingId", "not_on_roll")
            : new AppError("forbidden", 403, [{ in: "body", field: "choice", code: "not_on_roll" }]);
        let replaced = false;
        for (const unit of units) {
          const written = await repository.cast(
            {
              motionId: id,
              unit: unit.unit,
              choice: input.choice,
              channel: paper ? "paper" : "phone",
              paperNumber: input.paperNumber ?? null,
              castBy: actor.userId,
              castAt,
            },
            motion.revote === "replace",
          );
          if (!written) throw conflictOn("id", "already_voted");
          replaced ||= written.replaced > 0;
        }
        // The audit row names the motion, never the choice.
        await this.deps.audit.record(tx, succeeded(actor, context, "deliberation.ballot_cast", { type: "motion", id }));
        return { motionId: id, choice: input.choice, replaced, castAt: castAt.toISOString() };
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw invalid("paperNumber", "taken");
      throw error;
    }
  }

  /**
   * Closes the poll and counts it; a passed motion becomes a resolution. A show of hands takes
   * its counts here. Locked for update, so that no ballot lands after the count. Before the time
   * the poll was announced to close, only with a recorded decision (why, who decided), which the
   * result shows and the audit trail records as an early close.
   */
  async close(actor: Actor, id: string, input: CloseMotion, context: RequestContext): Promise<Motion> {
    authorizeDeliberation(actor, "deliberation.manage");
    const row = await this.visible(actor, id);
    const owners = isOwnersRule(row.rule);
    if (owners && input.hands) throw invalid("hands", "only_for_show_of_hands");
    if (!owners && !input.hands) throw invalid("hands", "required");
    const now = this.deps.now();
    await this.deps.db.transaction(async (tx) => {
      const repository = new MotionRepository(tx);
      const motion = await repository.lock(id, "update");
      if (!motion) throw notFound();
      if (motion.version !== input.version) throw staleVersion();
      if (motion.status !== "open") throw conflictOn("id", motion.status === "closed" ? "poll_already_closed" : "not_open");
      const { early } = assertClosable(motion.closesAt, now, input.earlyClose);
      const tally = owners
        ? await countOwners(repository, motion)
        : countHands(motion, input.hands as NonNullable<CloseMotion["hands"]>);
      await repository.update(id, {
        status: "closed",
        closedAt: now,
        tally: toTallyView(tally),
        passed: tally.passed,
        closedBy: actor.userId,
        ...earlyCloseColumns(input.earlyClose),
        ...(input.hands
          ? { handsFor: input.hands.for, handsAgainst: input.hands.against, handsAbstain: input.hands.abstain }
          : {}),
      });
      if (tally.passed)
        await new ResolutionRepository(tx).insert({
          id: uuidv7(),
          motionId: id,
          regionCode: motion.regionCode,
          compoundId: motion.compoundId,
          title: motion.title,
          adoptedOn: localDate(now),
        });
      await this.deps.audit.record(
        tx,
        succeeded(actor, context, early ? "deliberation.motion_closed_early" : "deliberation.motion_closed", {
          type: "motion",
          id,
        }),
      );
    });
    return this.get(actor, id);
  }

  /** Counts the motion again from its stored roll and ballots: anyone may check the stored result. */
  async recount(actor: Actor, id: string): Promise<TallyView> {
    authorizeDeliberation(actor, "deliberation.read", "deliberation.manage");
    const motion = await this.visible(actor, id);
    if (motion.status !== "closed") throw conflictOn("id", "not_closed");
    const repository = new MotionRepository(this.deps.db);
    return toTallyView(isOwnersRule(motion.rule) ? await countOwners(repository, motion) : countHands(motion));
  }
}

/** Counts an owners' vote from its stored roll and ballots, under its own rule or (to show a correction) another. */
async function countOwners(
  repository: MotionRepository,
  motion: MotionRow,
  rule = motion.rule as "owners_ordinary" | "owners_special",
): Promise<Tally> {
  const roll = await repository.roll(motion.id);
  const ballots = await repository.ballots(motion.id);
  return tallyOwners(
    rule,
    roll.map((unit) => ({ unit: unit.unit, areaCents: unit.areaCents })),
    ballots.map((ballot) => ({ unit: ballot.unit, choice: ballot.choice as "for" | "against" | "abstain" })),
  );
}

function countHands(motion: MotionRow, hands?: NonNullable<CloseMotion["hands"]>): Tally {
  const counts = hands ?? { for: motion.handsFor ?? 0, against: motion.handsAgainst ?? 0, abstain: motion.handsAbstain ?? 0 };
  const rule =
    motion.rule === "custom"
      ? { kind: "custom" as const, numerator: motion.thresholdNumerator ?? 1, denominator: motion.thresholdDenominator ?? 2 }
      : { kind: "simple_majority" as const };
  return tallyHands(rule, counts);
}

/** What is wrong with a motion's counting rule for its matter and meeting. */
function ruleProblems(input: CreateMotion, compoundId: string | null): FieldErrorInput[] {
  const errors: FieldErrorInput[] = [];
  const field = (name: string, code: string) => errors.push({ in: "body", field: name, code });
  if (specialMatters.includes(input.matter) && input.rule !== "owners_special") field("rule", "needs_three_quarters");
  else if (ownersMatters.includes(input.matter) && !isOwnersRule(input.rule)) field("rule", "needs_owners_vote");
  if (isOwnersRule(input.rule) && !compoundId) field("rule", "needs_a_compound");
  if (input.rule === "custom" && !input.threshold) field("threshold", "required");
  if (input.rule !== "custom" && input.threshold) field("threshold", "only_for_custom");
  return errors;
}
