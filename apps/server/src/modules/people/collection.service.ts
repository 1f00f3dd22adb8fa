import type {
  CorrectResidentRequest,
  CreateResidentRequest,
  CreateSubmissionRequest,
  DwellingChoiceList,
  FieldChange,
  ReturnSubmissionRequest,
  Submission,
  SubmissionListQuery,
  SubmissionPage,
} from "@linli/contracts";
import { v7 as uuidv7 } from "uuid";
import { succeeded } from "../../platform/audit/audit.service.js";
import type { Actor, RequestContext } from "../../platform/auth/actor.js";
import { AppError, notFound } from "../../platform/errors/app-error.js";
import { decodeCursor, encodeCursor } from "../../platform/http/cursor.js";
import { CollectionRepository, type SubmissionInsert, type SubmissionRow } from "./collection.repository.js";
import { authorizePeople } from "./people.policy.js";
import { ResidentRepository } from "./resident.repository.js";
import type { ResidentService } from "./resident.service.js";
import { idTakenOnRace } from "./resident-writer.js";
import type { SensitiveFields } from "./sensitive-fields.js";

/** A request as stored while it waits: the ID and phone numbers sealed, like the resident's own. */
type Sealed<T> = Omit<T, "idNumber" | "phone"> & { idNumberSealed?: string | null; phoneSealed?: string | null };

function seal<T extends { idNumber?: string | null; phone?: string | null }>(sensitive: SensitiveFields, value: T): Sealed<T> {
  const { idNumber, phone, ...rest } = value;
  return {
    ...rest,
    ...(idNumber !== undefined ? { idNumberSealed: idNumber && sensitive.seal("id_number", idNumber) } : {}),
    ...(phone !== undefined ? { phoneSealed: phone && sensitive.seal("phone", phone) } : {}),
  };
}

function open<T>(sensitive: SensitiveFields, value: Sealed<T>): T {
  const { idNumberSealed, phoneSealed, ...rest } = value;
  return {
    ...rest,
    ...(idNumberSealed !== undefined ? { idNumber: idNumberSealed && sensitive.open("id_number", idNumberSealed) } : {}),
    ...(phoneSealed !== undefined ? { phone: phoneSealed && sensitive.open("phone", phoneSealed) } : {}),
  } as T;
}

/**
 * Collection (信息采集): a grid member registers or corrects residents of their own grid; each
 * change waits, with its diff, until the grid leader accepts it (applied atomically, with who
 * collected and who accepted it in the history) or returns it with a comment.
 */
export class CollectionService {
  constructor(private readonly residents: ResidentService) {}

  private get deps() {
    return this.residents.deps;
  }

  async submit(actor: Actor, request: CreateSubmissionRequest, context: RequestContext): Promise<Submission> {
    authorizePeople(actor, "people.collect", "people.manage");
    const row = await this.deps.db.transaction(async (tx) => {
      const writer = this.residents.writerOn(tx);
      let entry: Omit<SubmissionInsert, "id" | "submittedBy" | "status">;
      if (request.kind === "register") {
        // Checked now, so the member hears of a wrong or taken ID number at the door, not days later.
        const place = await writer.checkNew(actor, request.resident);
        const facts = writer.derivedFacts(request.resident);
        entry = {
          kind: "register",
          regionCode: place.regionCode,
          gridCode: place.gridCode,
          residentId: null,
          residentName: request.resident.name,
          address: place.address,
          payload: seal(this.deps.sensitive, request.resident),
          changes: this.newResidentChanges(request.resident, facts, place.address),
        };
      } else {
        const resident = await new ResidentRepository(tx).findInScope(request.residentId, actor.scope);
        if (!resident) throw notFound();
        if (request.changes.version !== resident.version)
          throw new AppError("conflict", 409, [{ in: "body", field: "changes.version", code: "stale_version" }]);
        const plan = writer.planCorrection(resident, request.changes);
        if (plan.changes.length === 0)
          throw new AppError("validation_failed", 400, [{ in: "body", field: "changes", code: "no_changes" }]);
        if (plan.newIdNumberIndex) await writer.assertIdNumberFree(actor, plan.newIdNumberIndex, resident.id);
        entry = {
          kind: "correct",
          regionCode: resident.regionCode,
          gridCode: resident.gridCode,
          residentId: resident.id,
          residentName: resident.name,
          address: resident.address,
          payload: seal(this.deps.sensitive, request.changes),
          changes: plan.changes,
        };
      }
      const saved = await new CollectionRepository(tx).insert({
        ...entry,
        id: uuidv7(),
        status: "pending",
        submittedBy: actor.userId,
      });
      await this.deps.audit.record(
        tx,
        succeeded(actor, context, "people.submission_created", { type: "submission", id: saved.id }),
      );
      return saved;
    });
    return (await this.present([row]))[0] as Submission;
  }

  private newResidentChanges(
    input: CreateResidentRequest,
    facts: { gender: string | null; birthDate: string | null },
    address: string,
  ): FieldChange[] {
    const shown: Record<string, unknown> = {
      name: input.name,
      idNumber: input.idNumber ? this.deps.sensitive.mask("id_number", input.idNumber) : null,
      gender: facts.gender,
      birthDate: facts.birthDate,
      phone: input.phone ? this.deps.sensitive.mask("phone", input.phone) : null,
      ethnicity: input.ethnicity ?? null,
      registration: input.registration,
      homeRegionCode: input.homeRegionCode ?? null,
      politicalStatus: input.politicalStatus ?? null,
      relation: input.householdId ? input.relation : "head",
      livingStatus: input.livingStatus,
      address,
      tags: input.tags.length > 0 ? input.tags : null,
    };
    return Object.entries(shown)
      .filter(([, value]) => value !== null && value !== undefined && value !== "")
      .map(([field, to]) => ({ field, from: null, to }));
  }

  /** The dwellings the caller may register people in: their grid's, or their area's (at most 5,000). */
  async dwellings(actor: Actor): Promise<DwellingChoiceList> {
    authorizePeople(actor, "people.collect", "people.manage");
    const places = await this.deps.buildings.placesInScope(actor.scope, 5_000);
    return {
      items: places.map(({ dwellingId, compoundName, address, gridCode }) => ({ dwellingId, compoundName, address, gridCode })),
    };
  }

  /** Reviewers see the submissions of their scope; anyone else sees only their own. */
  async list(actor: Actor, query: SubmissionListQuery): Promise<SubmissionPage> {
    authorizePeople(actor, "people.collect", "people.review", "people.manage");
    const reviewer = actor.permissions.includes("people.review");
    const afterId = query.cursor ? decodeCursor(query.cursor, ["id"]).id : undefined;
    const rows = await new CollectionRepository(this.deps.db).page({
      scope: actor.scope,
      status: query.status,
      submittedBy: query.mine || !reviewer ? actor.userId : undefined,
      limit: query.limit + 1,
      afterId,
    });
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      items: await this.present(page),
      nextCursor: rows.length > query.limit && last ? encodeCursor({ id: last.id }) : null,
    };
  }

  /** Applies the submission as the grid leader accepts it: all of it, or (on any refusal) nothing. */
  async accept(actor: Actor, id: string, context: RequestContext): Promise<Submission> {
    authorizePeople(actor, "people.review");
    const row = await this.deps.db
      .transaction(async (tx) => {
        const repository = new CollectionRepository(tx);
        const submission = await this.pendingOf(repository, actor, id);
        if (submission.submittedBy === actor.userId)
          throw new AppError("forbidden", 403, [{ in: "params", field: "id", code: "own_submission" }]);
        const writer = this.residents.writerOn(tx);
        const provenance = { actorUserId: submission.submittedBy, approvedBy: actor.userId, submissionId: submission.id };
        const resident =
          submission.kind === "register"
            ? await writer.create(
                actor,
                open<CreateResidentRequest>(this.deps.sensitive, submission.payload as never),
                provenance,
              )
            : await writer.correct(
                actor,
                submission.residentId as string,
                open<CorrectResidentRequest>(this.deps.sensitive, submission.payload as never),
                provenance,
              );
        const accepted = await repository.update(id, {
          status: "accepted",
          residentId: resident.id,
          reviewedBy: actor.userId,
          reviewedAt: new Date(),
          // A new resident's record holds only the sealed values; the waiting copy goes.
          payload: {},
        });
        await this.deps.audit.record(tx, succeeded(actor, context, "people.submission_accepted", { type: "submission", id }));
        return accepted;
      })
      .catch(idTakenOnRace);
    return (await this.present([row]))[0] as Submission;
  }

  async return(actor: Actor, id: string, input: ReturnSubmissionRequest, context: RequestContext): Promise<Submission> {
    authorizePeople(actor, "people.review");
    const row = await this.deps.db.transaction(async (tx) => {
      const repository = new CollectionRepository(tx);
      await this.pendingOf(repository, actor, id);
      const returned = await repository.update(id, {
        status: "returned",
        reviewedBy: actor.userId,
        reviewedAt: new Date(),
        comment: input.comment,
        payload: {},
      });
      await this.deps.audit.record(tx, succeeded(actor, context, "people.submission_returned", { type: "submission", id }));
      return returned;
    });
    return (await this.present([row]))[0] as Submission;
  }

  private async pendingOf(repository: CollectionRepository, actor: Actor, id: string): Promise<SubmissionRow> {
    const submission = await repository.lockInScope(id, actor.scope);
    if (!submission) throw notFound();
    if (submission.status !== "pending")
      throw new AppError("conflict", 409, [{ in: "params", field: "id", code: "already_reviewed" }]);
    return submission;
  }

  private async present(rows: SubmissionRow[]): Promise<Submission[]> {
    const names = await this.deps.accounts.displayNamesOf(
      rows.flatMap((row) => [row.submittedBy, row.reviewedBy].filter((id): id is string => id !== null)),
    );
    return rows.map((row) => ({
      id: row.id,
      kind: row.kind as Submission["kind"],
      status: row.status as Submission["status"],
      residentId: row.residentId,
      residentName: row.residentName,
      regionCode: row.regionCode,
      gridCode: row.gridCode,
      address: row.address,
      changes: row.changes as FieldChange[],
      submittedBy: names.get(row.submittedBy) ?? "",
      submittedAt: row.submittedAt.toISOString(),
      reviewedBy: row.reviewedBy ? (names.get(row.reviewedBy) ?? "") : null,
      reviewedAt: row.reviewedAt?.toISOString() ?? null,
      comment: row.comment,
    }));
  }
}
