import { createHash } from "node:crypto";
import type {
  CaseDetail,
  CaseListQuery,
  CasePage,
  CaseStatus,
  DuplicateList,
  DuplicateQuery,
  PartyKind,
  RateCaseRequest,
  ReportCaseRequest,
  ReportedCase,
  TrackedCase,
} from "@linli/contracts";
import { v7 as uuidv7 } from "uuid";
import type { Config } from "../../config.js";
import type { Database } from "../../db/client.js";
import { inOneTrip } from "../../db/one-trip.js";
import { type AuditEventInput, type AuditService, auditActor } from "../../platform/audit/audit.service.js";
import type { Actor, RequestContext } from "../../platform/auth/actor.js";
import { AppError, notFound } from "../../platform/errors/app-error.js";
import { decodeCursor, encodeCursor } from "../../platform/http/cursor.js";
import { claimOf, type IdempotencyRequest, replayOf } from "../../platform/idempotency/idempotency.js";
import { localDate } from "../../platform/time/local-date.js";
import type { CompoundService } from "../grids/compound.service.js";
import type { LocationService } from "../grids/location.service.js";
import type { AccountService } from "../identity/account.service.js";
import type { SensitiveFields } from "../people/sensitive-fields.js";
import type { RegionService } from "../regions/region.service.js";
import { accountIdsOf, toCaseDetail, toCaseSummary } from "./case.presenter.js";
import { type CaseEventRow, type CaseListRow, CaseRepository, type CaseRow } from "./case.repository.js";
import type { CasePhotoService } from "./case-photo.service.js";
import { type CaseSite, handlerRoles, partyFor } from "./case-routing.js";
import { allowedTransitions } from "./case-state-machine.js";
import { recordStep, stepWrites } from "./case-step.js";
import { authorizeCases, canSee, relationsOf } from "./cases.policy.js";
import type { ActiveCategory, CategoryService } from "./category.service.js";
import { addStageHours } from "./working-time.js";

/** A report checked and placed, ready to open in a transaction (CaseService.prepare, then open). */
export interface PreparedReport {
  reporter: Reporter;
  input: ReportCaseRequest;
  category: ActiveCategory;
  site: CaseSite;
  compoundId: string | null;
  calendar: Awaited<ReturnType<CategoryService["calendar"]>>;
}

/** Who sends a report: a signed-in user, an anonymous resident, or an Open311 client. */
export type Reporter =
  | { kind: "user"; actor: Actor }
  | { kind: "public" }
  | { kind: "open311"; client: { id: string; name: string; regions: readonly string[] } };

export interface CaseDependencies {
  db: Database;
  audit: AuditService;
  categories: CategoryService;
  compounds: CompoundService;
  locations: LocationService;
  regions: RegionService;
  accounts: AccountService;
  photos: CasePhotoService;
  sensitive: SensitiveFields;
  settings: Pick<Config["cases"], "duplicateRadiusMetres" | "duplicateWindowHours">;
  now: () => Date;
}

export const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** A case's tracking code: derived from its id with the blind-index key, so it needs no storage (only its SHA-256 is kept). */
export function trackingCodeFor(sensitive: Pick<SensitiveFields, "indexOf">, caseId: string): string {
  const digest = createHash("sha256").update(sensitive.indexOf("case_tracking", caseId)).digest();
  return digest.readBigUInt64BE(0).toString(36).toUpperCase().padStart(13, "0").slice(-12);
}

function auditOf(reporter: Reporter): AuditEventInput["actor"] {
  if (reporter.kind === "user") return auditActor(reporter.actor);
  if (reporter.kind === "open311") return { userId: null, username: `open311:${reporter.client.name}`, roles: [] };
  return { userId: null, username: null, roles: [] };
}

/**
 * Cases (事件工单): intake from every channel — placed, routed and timed in one transaction,
 * once per Idempotency-Key — and what each party sees of them. The steps after intake are the
 * workflow service's.
 */
export class CaseService {
  constructor(readonly deps: CaseDependencies) {}

  /** The code a reporter follows the case with: derived from its id with a server key, so it needs no storage. */
  trackingCodeOf(caseId: string): string {
    return trackingCodeFor(this.deps.sensitive, caseId);
  }

  /**
   * Opens a report as a new case: placed and routed before, then the idempotency claim, the case,
   * its first step and its audit row in one transaction — on PostgreSQL one round trip
   * (`inOneTrip`). A retry under the same Idempotency-Key answers with the first case.
   */
  async report(
    reporter: Reporter,
    input: ReportCaseRequest,
    context: RequestContext,
    idempotency?: Omit<IdempotencyRequest, "request">,
  ): Promise<{ row: CaseListRow; events?: CaseEventRow[]; trackingCode: string; replayed: boolean }> {
    const prepared = await this.prepare(reporter, input);
    const id = uuidv7();
    const key = idempotency && { ...idempotency, request: input };
    const opening = this.opening(prepared, id, context);
    const claim = key ? [claimOf(key, id)] : [];
    const { db, photos } = this.deps;
    try {
      const results =
        input.photoIds.length === 0
          ? await inOneTrip(db, [...claim, ...opening.statements])
          : // Photos are checked as they are attached: that takes its own statement and answer.
            await db.transaction(async (tx) => {
              const written = await inOneTrip(tx, [...claim, ...opening.statements]);
              await photos.attach(tx, input.photoIds, id, "photoIds");
              return written;
            });
      return { ...opening.opened(results[claim.length] as CaseRow), replayed: false };
    } catch (error) {
      const firstId = key && (await replayOf(db, key, error));
      if (!firstId) throw error;
      const row = await new CaseRepository(db).find(firstId);
      if (!row) throw new Error("the reported case is missing");
      return { row, trackingCode: this.trackingCodeOf(row.id), replayed: true };
    }
  }

  /**
   * Checks a report and places it — everything read before a transaction starts, so that another
   * module can open the case inside its own (a visit's need). `place` is where the report is
   * known to be (a visited household's community and grid) instead of where its input points.
   */
  async prepare(
    reporter: Reporter,
    input: ReportCaseRequest,
    place?: { regionCode: string; gridCode: string | null },
  ): Promise<PreparedReport> {
    if (reporter.kind === "user") authorizeCases(reporter.actor, "cases.report");
    const category = await this.deps.categories.activeSubCategory(input.categoryCode);
    if (!category)
      throw new AppError("validation_failed", 400, [{ in: "body", field: "categoryCode", code: "unknown_category" }]);
    checkAnswers(category, input.answers);
    const { site, compoundId } = await this.siteOf(input, reporter, place);
    return { reporter, input, category, site, compoundId, calendar: await this.deps.categories.calendar() };
  }

  /** Opens a prepared report as case `id` in the caller's transaction: the case, its photos, its first step. */
  async open(
    tx: Database,
    prepared: PreparedReport,
    id: string,
    context: RequestContext,
    origin: { visitId?: string } = {},
  ): Promise<{ row: CaseListRow; events: CaseEventRow[]; trackingCode: string }> {
    const opening = this.opening(prepared, id, context, origin);
    const [inserted] = await inOneTrip(tx, opening.statements);
    await this.deps.photos.attach(tx, prepared.input.photoIds, id, "photoIds");
    return opening.opened(inserted);
  }

  /**
   * The statements that open a prepared report as case `id` — the case, its first event, the
   * audit row — and what the case is once they are written (`opened`, from the inserted row).
   */
  private opening(prepared: PreparedReport, id: string, context: RequestContext, origin: { visitId?: string } = {}) {
    const { reporter, input, category, site, compoundId, calendar } = prepared;
    const trackingCode = this.trackingCodeOf(id);
    const { audit, sensitive } = this.deps;
    const now = this.deps.now();
    const party = partyFor(category, site);
    const insert = CaseRepository.insert(
      {
        id,
        trackingHash: sha256(trackingCode),
        categoryCode: category.code,
        status: "reported",
        channel: channelOf(reporter),
        regionCode: site.regionCode,
        countyCode: site.regionCode.slice(0, 6),
        gridCode: site.gridCode,
        compoundId,
        pooled: site.gridCode === null,
        longitude: input.longitude ?? null,
        latitude: input.latitude ?? null,
        address: input.address || site.compound?.name || "",
        description: input.description,
        answers: input.answers,
        photoIds: input.photoIds,
        reporterUserId: reporter.kind === "user" ? reporter.actor.userId : null,
        visitId: origin.visitId ?? null,
        reporterName: input.reporterName ?? (reporter.kind === "user" ? reporter.actor.displayName : null),
        reporterPhoneSealed: input.reporterPhone ? sensitive.seal("phone", input.reporterPhone) : null,
        reporterPhoneMasked: input.reporterPhone ? sensitive.mask("phone", input.reporterPhone) : null,
        partyKind: party.kind,
        partyName: party.name,
        limits: category.limits,
        workingHours: category.workingHours,
        stage: "register",
        dueAt: addStageHours(now, category.limits.register, category.workingHours, calendar),
        reportedAt: now,
      },
      localDate(now).replaceAll("-", ""),
    );
    const { event, statements: stepStatements } = stepWrites(audit, {
      caseId: id,
      kind: "reported",
      from: null,
      to: "reported",
      actorUserId: reporter.kind === "user" ? reporter.actor.userId : null,
      auditActor: auditOf(reporter),
      ip: context.ip,
      photoIds: input.photoIds,
      details: { channel: channelOf(reporter), ...(origin.visitId ? { visitId: origin.visitId } : {}) },
      at: now,
    });
    return {
      statements: [insert, ...stepStatements] as const,
      opened: (inserted: CaseRow) => ({
        row: {
          ...inserted,
          categoryName: category.name,
          categoryNameEn: category.nameEn,
          compoundName: site.compound?.name ?? null,
        },
        events: [event],
        trackingCode,
      }),
    };
  }

  /** Reports as a signed-in user or anonymously, answering with the case and its tracking code. */
  async reportAndPresent(
    reporter: Extract<Reporter, { kind: "user" | "public" }>,
    input: ReportCaseRequest,
    context: RequestContext,
    idempotency?: Omit<IdempotencyRequest, "request">,
  ): Promise<ReportedCase & { replayed: boolean }> {
    const { row, events, trackingCode, replayed } = await this.report(reporter, input, context, idempotency);
    const actor = reporter.kind === "user" ? reporter.actor : null;
    return { case: await this.detailOf(row, actor, events), trackingCode, replayed };
  }

  /**
   * Where a report lies: the compound picked (or under the point), the grid covering it, and the
   * community. A point in no grid still lands, in its community's pool (or the pool of the region
   * given, or of the reporter's own single region), flagged `pooled`.
   */
  private async siteOf(
    input: ReportCaseRequest,
    reporter: Reporter,
    place?: { regionCode: string; gridCode: string | null },
  ): Promise<{ site: CaseSite; compoundId: string | null }> {
    const { compounds, locations, regions } = this.deps;
    let compound = input.compoundId ? await compounds.siteOf(input.compoundId) : undefined;
    if (input.compoundId && !compound)
      throw new AppError("validation_failed", 400, [{ in: "body", field: "compoundId", code: "unknown_compound" }]);
    let gridCode = place ? place.gridCode : (compound?.gridCode ?? null);
    let regionCode = place?.regionCode ?? compound?.regionCode;
    if (!compound && input.longitude !== undefined && input.latitude !== undefined) {
      // The point decides where it falls in a grid or compound; outside them, the caller's place (a patrol's grid) stands.
      const located = await locations.placeAt(input.longitude, input.latitude);
      compound = located.compound ? await compounds.siteOf(located.compound.id) : undefined;
      const placed = Boolean(located.grid || compound);
      gridCode = placed ? (located.grid?.code ?? compound?.gridCode ?? null) : gridCode;
      regionCode = placed ? (located.grid?.regionCode ?? compound?.regionCode) : regionCode;
    }
    if (!regionCode && input.regionCode) {
      const region = await regions.findActive(input.regionCode);
      if (region?.level !== 5)
        throw new AppError("validation_failed", 400, [{ in: "body", field: "regionCode", code: "unknown_region" }]);
      regionCode = region.code;
    }
    regionCode ??= poolOf(reporter);
    if (!regionCode)
      throw new AppError("validation_failed", 400, [
        { in: "body", field: input.longitude !== undefined ? "longitude" : "regionCode", code: "unplaced" },
      ]);
    const regionName = compound?.communityName ?? (await regions.findActive(regionCode))?.name ?? regionCode;
    return {
      site: {
        regionCode,
        regionName,
        gridCode,
        compound: compound
          ? {
              id: compound.id,
              name: compound.name,
              propertyCompany: compound.propertyCompany,
              ownersCommittee: compound.ownersCommittee,
            }
          : null,
      },
      compoundId: compound?.id ?? null,
    };
  }

  async get(actor: Actor, id: string): Promise<CaseDetail> {
    const row = await new CaseRepository(this.deps.db).find(id);
    if (!row || !canSee(actor, row)) throw notFound();
    return this.detailOf(row, actor);
  }

  /** Whether the actor may see the case (photos are shown to whoever may see their case). */
  async maySee(actor: Actor, id: string): Promise<boolean> {
    const row = await new CaseRepository(this.deps.db).find(id);
    return row !== undefined && canSee(actor, row);
  }

  /** The case as its detail shows it; `known` events spare reading them again (a case just reported). */
  async detailOf(row: CaseListRow, actor: Actor | null, known?: CaseEventRow[]): Promise<CaseDetail> {
    const events = known ?? (await new CaseRepository(this.deps.db).events(row.id));
    const names = await this.deps.accounts.displayNamesOf(accountIdsOf([row], events));
    const now = this.deps.now();
    const allowed = actor ? allowedTransitions(stateOf(row), relationsOf(actor, row), now).filter((t) => t !== "rate") : [];
    return toCaseDetail(row, events, names, allowed, now);
  }

  async list(actor: Actor, query: CaseListQuery): Promise<CasePage> {
    authorizeCases(actor, "cases.read", "cases.report", "cases.handle");
    const afterId = query.cursor ? decodeCursor(query.cursor, ["id"]).id : undefined;
    const handlesFor = actor.permissions.includes("cases.handle")
      ? (Object.keys(handlerRoles) as PartyKind[]).filter((kind) => handlerRoles[kind].some((role) => actor.roles.includes(role)))
      : [];
    const rows = await new CaseRepository(this.deps.db).page({
      scope: actor.permissions.includes("cases.read") ? actor.scope : { regions: [], grids: [] },
      userId: actor.userId,
      view: query.view,
      handlesFor,
      status: query.status,
      open: query.open,
      categoryCode: query.categoryCode,
      now: this.deps.now(),
      limit: query.limit + 1,
      afterId,
    });
    const page = rows.slice(0, query.limit);
    const names = await this.deps.accounts.displayNamesOf(accountIdsOf(page));
    const last = page.at(-1);
    return {
      items: page.map((row) => toCaseSummary(row, names, this.deps.now())),
      nextCursor: rows.length > query.limit && last ? encodeCursor({ id: last.id }) : null,
    };
  }

  /** Open cases of the sub-category near the point, reported within the window: offered before a new report is sent. */
  async duplicates(query: DuplicateQuery): Promise<DuplicateList> {
    const { duplicateRadiusMetres, duplicateWindowHours } = this.deps.settings;
    const rows = await new CaseRepository(this.deps.db).near({
      categoryCode: query.categoryCode,
      longitude: query.lon,
      latitude: query.lat,
      radiusMetres: duplicateRadiusMetres,
      since: new Date(this.deps.now().getTime() - duplicateWindowHours * 3_600_000),
    });
    return {
      items: rows.map((row) => ({
        id: row.id,
        number: row.number,
        categoryName: row.categoryName,
        categoryNameEn: row.categoryNameEn,
        status: row.status as CaseStatus,
        description: row.description,
        address: row.address,
        reportedAt: row.reportedAt.toISOString(),
        distanceMetres: Math.round(row.distance),
      })),
      radiusMetres: duplicateRadiusMetres,
      windowHours: duplicateWindowHours,
    };
  }

  /** Re-seals reporters' phone numbers sealed with a retired key (`npm run keys:reseal`); returns how many. */
  async resealStale(batchSize = 500): Promise<number> {
    const { sensitive } = this.deps;
    let total = 0;
    for (;;) {
      const done = await this.deps.db.transaction(async (tx) => {
        const repository = new CaseRepository(tx);
        const rows = await repository.staleReporterPhones(sensitive.currentPrefix, batchSize);
        for (const row of rows) await repository.setReporterPhone(row.id, sensitive.reseal("phone", row.sealed));
        return rows.length;
      });
      total += done;
      if (done < batchSize) return total;
    }
  }

  /** Cases an API client may read: inside its regions, filtered as Open311 asks. */
  async forClient(
    regions: readonly string[],
    filters: { numbers?: readonly string[]; categoryCode?: string; from?: Date; to?: Date; closed?: boolean; limit: number },
  ): Promise<CaseListRow[]> {
    return new CaseRepository(this.deps.db).search({ scope: { regions: [...regions], grids: [] }, ...filters });
  }

  /** The case of a tracking code, if it lies inside the regions (an Open311 token lookup). */
  async byTrackingCodeWithin(code: string, regions: readonly string[]): Promise<CaseListRow | undefined> {
    const row = await new CaseRepository(this.deps.db).findByTrackingHash(sha256(code));
    return row && regions.some((prefix) => row.regionCode.startsWith(prefix)) ? row : undefined;
  }

  /** What the tracking code shows: the case's progress, no names, no phone numbers. */
  async track(code: string): Promise<TrackedCase> {
    const row = await this.byTrackingCode(code);
    const events = await new CaseRepository(this.deps.db).events(row.id);
    const state = stateOf(row);
    const now = this.deps.now();
    const reporter = new Set(["reporter"] as const);
    return {
      number: row.number,
      categoryName: row.categoryName,
      categoryNameEn: row.categoryNameEn,
      status: state.status,
      description: row.description,
      address: row.address,
      reportedAt: row.reportedAt.toISOString(),
      events: events.map((event) => ({
        kind: event.kind,
        toStatus: event.toStatus as CaseStatus | null,
        occurredAt: event.occurredAt.toISOString(),
      })),
      rating: row.rating,
      canRate: allowedTransitions(state, reporter, now).includes("rate"),
      canReopen: allowedTransitions(state, reporter, now).includes("reopen"),
    };
  }

  async byTrackingCode(code: string): Promise<CaseListRow> {
    const row = await new CaseRepository(this.deps.db).findByTrackingHash(sha256(code));
    if (!row) throw notFound();
    return row;
  }

  /** The reporter rates a closed case (评价): by the tracking code, or as the signed-in reporter. */
  async rate(
    who: { trackingCode: string } | { actor: Actor; caseId: string },
    input: RateCaseRequest,
    context: RequestContext,
  ): Promise<void> {
    const target = "trackingCode" in who ? await this.byTrackingCode(who.trackingCode) : undefined;
    const caseId = target?.id ?? ("caseId" in who ? who.caseId : "");
    await this.deps.db.transaction(async (tx) => {
      const repository = new CaseRepository(tx);
      const row = await repository.lock(caseId);
      if (!row || ("actor" in who && row.reporterUserId !== who.actor.userId)) throw notFound();
      if (row.status !== "closed")
        throw new AppError("transition_not_allowed", 409, [
          { in: "body", field: "rating", code: "not_allowed", params: { transition: "rate" } },
        ]);
      const now = this.deps.now();
      await repository.update(row.id, {
        status: "rated",
        rating: input.rating,
        ratingComment: input.comment ?? null,
        ratedAt: now,
      });
      await recordStep(tx, this.deps.audit, {
        caseId: row.id,
        kind: "rate",
        from: "closed",
        to: "rated",
        actorUserId: "actor" in who ? who.actor.userId : null,
        auditActor: "actor" in who ? auditActor(who.actor) : { userId: null, username: null, roles: [] },
        ip: context.ip,
        note: input.comment ?? null,
        details: { rating: input.rating },
        at: now,
      });
    });
  }
}

export function stateOf(row: CaseRow): { status: CaseStatus; closedAt: Date | null } {
  return { status: row.status as CaseStatus, closedAt: row.closedAt };
}

function channelOf(reporter: Reporter) {
  if (reporter.kind === "public") return "resident" as const;
  if (reporter.kind === "open311") return "open311" as const;
  if (reporter.actor.roles.includes("grid_member")) return "grid_member" as const;
  return reporter.actor.roles.includes("resident") ? ("resident" as const) : ("staff" as const);
}

/** The pool a report placed nowhere else falls into: the reporter's (or API client's) one region, if it has exactly one. */
function poolOf(reporter: Reporter): string | undefined {
  const regions =
    reporter.kind === "user" ? reporter.actor.scope.regions : reporter.kind === "open311" ? reporter.client.regions : [];
  const candidates = regions.filter((code) => /^\d{9}(\d{3})?$/.test(code));
  return candidates.length === 1 ? candidates[0] : undefined;
}

/** Answers to the sub-category's extra questions: required ones present, list answers among the listed values. */
function checkAnswers(category: ActiveCategory, answers: Record<string, unknown>): void {
  const errors: { in: "body"; field: string; code: string; params?: Record<string, unknown> }[] = [];
  const known = new Set(category.questions.map((question) => question.code));
  for (const code of Object.keys(answers))
    if (!known.has(code)) errors.push({ in: "body", field: `answers.${code}`, code: "unknown_question" });
  for (const question of category.questions) {
    const answer = answers[question.code];
    const field = `answers.${question.code}`;
    if (answer === undefined || answer === "") {
      if (question.required) errors.push({ in: "body", field, code: "required_answer" });
      continue;
    }
    const allowed = question.values?.map((value) => value.key) ?? [];
    const chosen = Array.isArray(answer) ? answer : [answer];
    if (question.datatype === "number" && typeof answer !== "number")
      errors.push({ in: "body", field, code: "invalid_type", params: { expected: "number" } });
    else if (question.datatype.endsWith("valuelist") && chosen.some((value) => !allowed.includes(String(value))))
      errors.push({ in: "body", field, code: "unknown_value", params: { allowed: allowed.join(", ") } });
  }
  if (errors.length > 0) throw new AppError("validation_failed", 400, errors);
}
