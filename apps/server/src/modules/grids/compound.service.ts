import type {
  Compound,
  CompoundDetail,
  CompoundListQuery,
  CompoundPage,
  CompoundProfile,
  CompoundProfileInput,
  CreateCompoundRequest,
  Polygon,
  ProfileChange,
} from "@linli/contracts";
import { v7 as uuidv7 } from "uuid";
import type { Database } from "../../db/client.js";
import { isUniqueViolation } from "../../db/errors.js";
import { type AuditService, succeeded } from "../../platform/audit/audit.service.js";
import type { Actor, RequestContext } from "../../platform/auth/actor.js";
import { AppError, notFound } from "../../platform/errors/app-error.js";
import { decodeCursor, encodeCursor } from "../../platform/http/cursor.js";
import { covers } from "../../platform/scope/scope.js";
import { localDate } from "../../platform/time/local-date.js";
import type { RegionService } from "../regions/region.service.js";
import { assertInCommunityArea } from "./community-area.js";
import { type CompoundProfileRow, CompoundRepository, type CompoundRow } from "./compound.repository.js";
import { isThreeNo } from "./compound-profile.js";
import { authorizeGrids } from "./grids.policy.js";
import type { LocationService } from "./location.service.js";

function toProfile(row: CompoundProfileRow): CompoundProfile {
  return {
    id: row.id,
    effectiveFrom: row.effectiveFrom,
    propertyManagement: row.propertyManagement as CompoundProfile["propertyManagement"],
    propertyCompany: row.propertyCompany,
    contractFrom: row.contractFrom,
    contractTo: row.contractTo,
    guards: row.guards,
    watch24h: row.watch24h,
    fence: row.fence,
    gate: row.gate,
    smartAccess: row.smartAccess,
    cameras: row.cameras,
    ownersCommittee: row.ownersCommittee,
    decisionRef: row.decisionRef,
    note: row.note,
    recordedAt: row.recordedAt.toISOString(),
    threeNo: isThreeNo(row),
  };
}

export interface CompoundSite {
  id: string;
  name: string;
  regionCode: string;
  communityName: string;
  gridCode: string | null;
  propertyCompany: string | null;
  ownersCommittee: boolean;
}

/** How long a compound's site (its grid and who manages it) is trusted in memory: another process's change shows within this. */
const siteFreshMs = 5_000;

/** Compounds (小区) and their dated "三化" profiles, inside the caller's scope. */
export class CompoundService {
  /** Every report in a compound reads its site; kept a few seconds. */
  private readonly sites = new Map<string, { site: CompoundSite; at: number }>();

  constructor(
    private readonly db: Database,
    private readonly regions: RegionService,
    private readonly audit: AuditService,
    private readonly locations: LocationService,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The profiles newest first; the current one is the latest that has taken effect (Asia/Shanghai date). */
  private present(row: CompoundRow, history: readonly CompoundProfileRow[]): CompoundDetail {
    const today = localDate(this.now());
    const current = history.find((profile) => profile.effectiveFrom <= today) ?? null;
    return {
      id: row.id,
      regionCode: row.regionCode,
      name: row.name,
      address: row.address,
      dwellingsCount: row.dwellingsCount,
      yearBuilt: row.yearBuilt,
      boundary: row.boundary ?? null,
      profile: current ? toProfile(current) : null,
      threeNo: isThreeNo(current),
      history: history.map(toProfile),
    };
  }

  async list(actor: Actor, query: CompoundListQuery): Promise<CompoundPage> {
    authorizeGrids(actor, "read");
    const after = query.cursor ? decodeCursor(query.cursor, ["regionCode", "name"]) : undefined;
    const repository = new CompoundRepository(this.db);
    const rows = await repository.list({
      scope: actor.scope,
      region: query.region,
      limit: query.limit + 1,
      after: after ? { regionCode: after.regionCode, name: after.name } : undefined,
    });
    const page = rows.slice(0, query.limit);
    const histories = new Map<string, CompoundProfileRow[]>();
    for (const profile of await repository.history(page.map((row) => row.id))) {
      histories.set(profile.compoundId, [...(histories.get(profile.compoundId) ?? []), profile]);
    }
    const last = page.at(-1);
    return {
      items: page.map((row): Compound => {
        const { history: _history, ...compound } = this.present(row, histories.get(row.id) ?? []);
        return compound;
      }),
      nextCursor: rows.length > query.limit && last ? encodeCursor({ regionCode: last.regionCode, name: last.name }) : null,
    };
  }

  /**
   * Where a compound is and who manages it today, whoever asks: the cases module routes a report
   * by it (the property company, or the owners' committee). Undefined for an unknown id.
   */
  async siteOf(id: string): Promise<CompoundSite | undefined> {
    const cached = this.sites.get(id);
    if (cached && this.now().getTime() - cached.at < siteFreshMs) return cached.site;
    const site = await this.readSite(id);
    if (this.sites.size >= 10_000) this.sites.clear();
    if (site) this.sites.set(id, { site, at: this.now().getTime() });
    return site;
  }

  private async readSite(id: string): Promise<CompoundSite | undefined> {
    const repository = new CompoundRepository(this.db);
    const site = await repository.site(id);
    if (!site) return undefined;
    const today = localDate(this.now());
    const current = (await repository.history([id])).find((profile) => profile.effectiveFrom <= today);
    return {
      ...site,
      propertyCompany: current?.propertyManagement === "property_company" ? current.propertyCompany : null,
      ownersCommittee: current?.ownersCommittee ?? false,
    };
  }

  /** Compounds by part of their name, for the public report form (names and communities only). */
  async searchByName(text: string): Promise<{ id: string; name: string; regionCode: string; communityName: string }[]> {
    return new CompoundRepository(this.db).searchByName(text, 20);
  }

  async get(actor: Actor, id: string): Promise<CompoundDetail> {
    authorizeGrids(actor, "read");
    const repository = new CompoundRepository(this.db);
    const row = await repository.findInScope(id, actor.scope);
    if (!row) throw notFound();
    return this.present(row, await repository.history([row.id]));
  }

  /** A compound in a community of the caller's scope; the community must exist in the division list. */
  async create(actor: Actor, input: CreateCompoundRequest, context: RequestContext): Promise<CompoundDetail> {
    authorizeGrids(actor, "manage");
    const community = await this.regions.findActive(input.regionCode);
    if (community?.level !== 5)
      throw new AppError("validation_failed", 400, [{ in: "body", field: "regionCode", code: "unknown_region" }]);
    if (!covers(actor.scope, input.regionCode))
      throw new AppError("validation_failed", 400, [{ in: "body", field: "regionCode", code: "outside_scope" }]);
    if (input.boundary) await assertInCommunityArea(this.regions, input.regionCode, input.boundary);
    try {
      const row = await this.db.transaction(async (tx) => {
        const inserted = await new CompoundRepository(tx).insert({
          id: uuidv7(),
          ...input,
          countyCode: input.regionCode.slice(0, 6),
        });
        await this.audit.record(tx, succeeded(actor, context, "grids.compound_created", { type: "compound", id: inserted.id }));
        return inserted;
      });
      if (input.boundary) this.locations.invalidate();
      return this.present(row, []);
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError("conflict", 409, [{ in: "body", field: "name", code: "taken" }]);
      throw error;
    }
  }

  /** Changes a compound's address, year built or declared number of dwellings. */
  async update(
    actor: Actor,
    id: string,
    patch: { address: string; yearBuilt: number | null; dwellingsCount: number | null },
    context: RequestContext,
  ): Promise<CompoundDetail> {
    authorizeGrids(actor, "manage");
    return this.db.transaction(async (tx) => {
      const repository = new CompoundRepository(tx);
      if (!(await repository.findInScope(id, actor.scope))) throw notFound();
      const row = await repository.update(id, patch);
      await this.audit.record(tx, succeeded(actor, context, "grids.compound_updated", { type: "compound", id: id }));
      return this.present(row, await repository.history([id]));
    });
  }

  /** Redraws the compound's boundary (inside its community's area where that is known). */
  async setBoundary(actor: Actor, id: string, boundary: Polygon, context: RequestContext): Promise<CompoundDetail> {
    authorizeGrids(actor, "manage");
    const existing = await new CompoundRepository(this.db).findInScope(id, actor.scope);
    if (!existing) throw notFound();
    await assertInCommunityArea(this.regions, existing.regionCode, boundary);
    const detail = await this.db.transaction(async (tx) => {
      const repository = new CompoundRepository(tx);
      const row = await repository.setBoundary(id, boundary);
      await this.audit.record(tx, succeeded(actor, context, "grids.compound_boundary_set", { type: "compound", id: id }));
      return this.present(row, await repository.history([id]));
    });
    this.locations.invalidate();
    return detail;
  }

  /** Records the profile from a date on, as a new history entry; earlier entries stay as they were. */
  async recordProfile(actor: Actor, id: string, input: CompoundProfileInput, context: RequestContext): Promise<CompoundDetail> {
    authorizeGrids(actor, "manage");
    this.sites.delete(id);
    if (input.effectiveFrom > localDate(this.now()))
      throw new AppError("validation_failed", 400, [{ in: "body", field: "effectiveFrom", code: "in_future" }]);
    return this.db.transaction(async (tx) => {
      const repository = new CompoundRepository(tx);
      const row = await repository.findInScope(id, actor.scope);
      if (!row) throw notFound();
      await repository.insertProfile({ id: uuidv7(), compoundId: row.id, ...input, recordedBy: actor.userId });
      await this.audit.record(tx, succeeded(actor, context, "grids.compound_profile_recorded", { type: "compound", id: row.id }));
      return this.present(row, await repository.history([row.id]));
    });
  }

  /**
   * Records the profile a decision changed (a resolution's action, done): the current profile
   * with `change` applied, citing the decision. The caller has authorised the decision and
   * passes its transaction as `db`.
   */
  async recordDecidedProfile(
    db: Database,
    compoundId: string,
    change: ProfileChange,
    decision: { ref: string; effectiveFrom: string; recordedBy: string; note?: string },
  ): Promise<void> {
    this.sites.delete(compoundId);
    const repository = new CompoundRepository(db);
    const [current] = await repository.history([compoundId]);
    const base = current ?? {
      propertyManagement: "none",
      propertyCompany: null,
      contractFrom: null,
      contractTo: null,
      guards: false,
      watch24h: false,
      fence: false,
      gate: false,
      smartAccess: false,
      cameras: false,
      ownersCommittee: false,
    };
    const propertyManagement = change.propertyManagement ?? base.propertyManagement;
    await repository.insertProfile({
      id: uuidv7(),
      compoundId,
      effectiveFrom: decision.effectiveFrom,
      propertyManagement,
      propertyCompany: propertyManagement === "property_company" ? (change.propertyCompany ?? base.propertyCompany) : null,
      contractFrom: base.contractFrom,
      contractTo: base.contractTo,
      guards: change.guards ?? base.guards,
      watch24h: change.watch24h ?? base.watch24h,
      fence: change.fence ?? base.fence,
      gate: change.gate ?? base.gate,
      smartAccess: change.smartAccess ?? base.smartAccess,
      cameras: change.cameras ?? base.cameras,
      ownersCommittee: change.ownersCommittee ?? base.ownersCommittee,
      decisionRef: decision.ref,
      note: decision.note ?? null,
      recordedBy: decision.recordedBy,
    });
  }
}
