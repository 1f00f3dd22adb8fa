import type {
  AssignStaffRequest,
  CreateGridRequest,
  GridDetail,
  GridList,
  GridListQuery,
  GridPost,
  Polygon,
  StaffCandidateList,
  StaffTerm,
  UpdateGridRequest,
} from "@linli/contracts";
import { v7 as uuidv7 } from "uuid";
import type { Database } from "../../db/client.js";
import { isUniqueViolation } from "../../db/errors.js";
import { type AuditService, succeeded } from "../../platform/audit/audit.service.js";
import type { Actor, RequestContext } from "../../platform/auth/actor.js";
import { AppError, invalid, notFound } from "../../platform/errors/app-error.js";
import { overlaps } from "../../platform/geo/polygon.js";
import { decodeCursor, encodeCursor } from "../../platform/http/cursor.js";
import { covers } from "../../platform/scope/scope.js";
import { localDate } from "../../platform/time/local-date.js";
import type { AccountService } from "../identity/account.service.js";
import type { RegionService } from "../regions/region.service.js";
import { assertInCommunityArea } from "./community-area.js";
import { GridRepository, type GridRow, type StaffTermRow } from "./grid.repository.js";
import { authorizeGrids } from "./grids.policy.js";
import type { LocationService } from "./location.service.js";

function toTerm(row: StaffTermRow, names: Map<string, string>): StaffTerm {
  return {
    id: row.id,
    regionCode: row.regionCode,
    gridCode: row.gridCode,
    userId: row.userId,
    displayName: names.get(row.userId) ?? "",
    post: row.post as StaffTerm["post"],
    from: row.fromDate,
    to: row.toDate,
  };
}

/**
 * Grids and their staffing: one chief grid leader per community and at most one grid leader per
 * grid at any time, any number of grid members; staff must work in the community; terms end,
 * they are never deleted.
 */
export class GridService {
  constructor(
    private readonly db: Database,
    private readonly regions: RegionService,
    private readonly accounts: AccountService,
    private readonly audit: AuditService,
    private readonly locations: LocationService,
  ) {}

  /** The accounts holding `post` today in the community (and grid): whom an escalation or a new case notifies. */
  async currentStaff(regionCode: string, post: GridPost, gridCode?: string, db: Database = this.db): Promise<string[]> {
    return new GridRepository(db).currentStaff(regionCode, post, localDate(new Date()), gridCode);
  }

  async create(actor: Actor, input: CreateGridRequest, context: RequestContext): Promise<GridDetail> {
    authorizeGrids(actor, "manage");
    await this.assertCommunityInScope(actor, input.regionCode);
    const code = `${input.regionCode}${String(input.sequence).padStart(3, "0")}`;
    const compoundIds = [...new Set(input.compoundIds)];
    const boundary = input.boundary ?? null;
    if (boundary) await assertInCommunityArea(this.regions, input.regionCode, boundary);
    try {
      const row = await this.db.transaction(async (tx) => {
        const repository = new GridRepository(tx);
        if ((await repository.countCompoundsOf(input.regionCode, compoundIds)) !== compoundIds.length)
          throw invalid("compoundIds", "not_in_community");
        if (boundary) await this.assertNoOverlap(repository, input.regionCode, code, boundary);
        const inserted = await repository.insertGrid(
          { code, regionCode: input.regionCode, countyCode: input.regionCode.slice(0, 6), name: input.name, boundary },
          compoundIds,
        );
        await this.audit.record(tx, succeeded(actor, context, "grids.grid_created", { type: "grid", id: code }));
        return inserted;
      });
      if (boundary) this.locations.invalidate();
      return { ...this.present(row, compoundIds), staff: [] };
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError("conflict", 409, [{ in: "body", field: "sequence", code: "taken" }]);
      throw error;
    }
  }

  async list(actor: Actor, query: GridListQuery): Promise<GridList> {
    authorizeGrids(actor, "read");
    const repository = new GridRepository(this.db);
    const after = query.cursor ? decodeCursor(query.cursor, ["code"]).code : undefined;
    const fetched = await repository.listGrids(actor.scope, query.region, { limit: query.limit + 1, after });
    const rows = fetched.slice(0, query.limit);
    const links = await repository.compoundIdsOf(rows.map((row) => row.code));
    const last = rows.at(-1);
    return {
      nextCursor: fetched.length > query.limit && last ? encodeCursor({ code: last.code }) : null,
      items: rows.map((row) =>
        this.present(
          row,
          links.filter((link) => link.gridCode === row.code).map((link) => link.compoundId),
        ),
      ),
    };
  }

  async get(actor: Actor, code: string): Promise<GridDetail> {
    authorizeGrids(actor, "read");
    const repository = new GridRepository(this.db);
    const row = await repository.findGridInScope(code, actor.scope);
    if (!row) throw notFound();
    const links = await repository.compoundIdsOf([code]);
    return {
      ...this.present(
        row,
        links.map((link) => link.compoundId),
      ),
      staff: await this.presentTerms(await repository.termsOfGrid(code)),
    };
  }

  /** Renames a grid and sets the compounds it covers (compounds of its own community only). */
  async update(actor: Actor, code: string, input: UpdateGridRequest, context: RequestContext): Promise<GridDetail> {
    authorizeGrids(actor, "manage");
    const compoundIds = [...new Set(input.compoundIds)];
    await this.db.transaction(async (tx) => {
      const repository = new GridRepository(tx);
      const grid = await repository.findGridInScope(code, actor.scope);
      if (!grid) throw notFound();
      if ((await repository.countCompoundsOf(grid.regionCode, compoundIds)) !== compoundIds.length)
        throw invalid("compoundIds", "not_in_community");
      await repository.updateGrid(code, input.name, compoundIds);
      await this.audit.record(tx, succeeded(actor, context, "grids.grid_updated", { type: "grid", id: code }));
    });
    return this.get(actor, code);
  }

  /** Redraws a grid: inside its community's area, overlapping none of the community's other grids. */
  async setBoundary(actor: Actor, code: string, boundary: Polygon, context: RequestContext): Promise<GridDetail> {
    authorizeGrids(actor, "manage");
    const existing = await new GridRepository(this.db).findGridInScope(code, actor.scope);
    if (!existing) throw notFound();
    await assertInCommunityArea(this.regions, existing.regionCode, boundary);
    await this.db.transaction(async (tx) => {
      const repository = new GridRepository(tx);
      await this.assertNoOverlap(repository, existing.regionCode, code, boundary);
      await repository.setBoundary(code, boundary);
      await this.audit.record(tx, succeeded(actor, context, "grids.grid_boundary_set", { type: "grid", id: code }));
    });
    this.locations.invalidate();
    return this.get(actor, code);
  }

  /** Refuses a boundary that shares area with another grid of the community, naming that grid. */
  private async assertNoOverlap(repository: GridRepository, regionCode: string, code: string, boundary: Polygon) {
    await repository.lock(`grid_boundaries:${regionCode}`);
    for (const other of await repository.boundariesInCommunity(regionCode, code))
      if (other.boundary && overlaps(boundary, other.boundary))
        throw new AppError("conflict", 409, [
          { in: "body", field: "boundary", code: "overlaps", params: { grid: other.code, name: other.name } },
        ]);
  }

  /** The accounts a manager of the community may place on its grids. */
  async staffCandidates(actor: Actor, regionCode: string): Promise<StaffCandidateList> {
    authorizeGrids(actor, "manage");
    await this.assertCommunityInScope(actor, regionCode);
    return { items: await this.accounts.staffCandidates(regionCode) };
  }

  /** Starts a term; refused when the post is taken for an overlapping time, or the person works elsewhere. */
  async assign(actor: Actor, input: AssignStaffRequest, context: RequestContext): Promise<StaffTerm> {
    authorizeGrids(actor, "manage");
    await this.assertCommunityInScope(actor, input.regionCode);
    const staffScope = await this.accounts.scopeOfActiveUser(input.userId);
    if (!staffScope) throw invalid("userId", "unknown_user");
    if (!covers(staffScope, input.regionCode, input.gridCode ?? null)) throw invalid("userId", "outside_community");
    const gridCode = input.gridCode ?? null;
    const term = { post: input.post, regionCode: input.regionCode, gridCode, from: input.from, to: input.to ?? null };
    const row = await this.db.transaction(async (tx) => {
      const repository = new GridRepository(tx);
      if (gridCode !== null) {
        const grid = await repository.findGridInScope(gridCode, actor.scope);
        if (!grid || grid.regionCode !== input.regionCode) throw invalid("gridCode", "not_in_community");
      }
      await repository.lock(`grid_staff:${gridCode ?? input.regionCode}`);
      // One chief per community, one grid leader per grid at a time; a member serves a grid once at a time.
      const sole = input.post !== "grid_member";
      const clash = await repository.overlappingTerms(sole ? term : { ...term, userId: input.userId });
      if (clash.length > 0)
        throw new AppError("conflict", 409, [
          { in: "body", field: sole ? "post" : "userId", code: sole ? "post_taken" : "already_serving" },
        ]);
      const inserted = await repository.insertTerm({
        id: uuidv7(),
        regionCode: input.regionCode,
        gridCode,
        userId: input.userId,
        post: input.post,
        fromDate: input.from,
        toDate: input.to ?? null,
      });
      await this.audit.record(tx, succeeded(actor, context, "grids.staff_assigned", { type: "grid_staff", id: inserted.id }));
      return inserted;
    });
    return this.presentTerm(row);
  }

  /** Ends a term on `to` (kept in the history). */
  async endTerm(actor: Actor, id: string, to: string, context: RequestContext): Promise<StaffTerm> {
    authorizeGrids(actor, "manage");
    const row = await this.db.transaction(async (tx) => {
      const repository = new GridRepository(tx);
      const term = await repository.findTermInScope(id, actor.scope);
      if (!term) throw notFound();
      if (to < term.fromDate) throw invalid("to", "before_start");
      if (term.toDate !== null && term.toDate <= to) throw invalid("to", "already_ended");
      const ended = await repository.endTerm(id, to);
      await this.audit.record(tx, succeeded(actor, context, "grids.staff_term_ended", { type: "grid_staff", id }));
      return ended;
    });
    return this.presentTerm(row);
  }

  private async presentTerm(row: StaffTermRow): Promise<StaffTerm> {
    return toTerm(row, await this.accounts.displayNamesOf([row.userId]));
  }

  private async presentTerms(rows: StaffTermRow[]): Promise<StaffTerm[]> {
    const names = await this.accounts.displayNamesOf(rows.map((row) => row.userId));
    return rows.map((row) => toTerm(row, names));
  }

  private async assertCommunityInScope(actor: Actor, regionCode: string): Promise<void> {
    const community = await this.regions.findActive(regionCode);
    if (community?.level !== 5) throw invalid("regionCode", "unknown_region");
    if (!covers(actor.scope, regionCode)) throw invalid("regionCode", "outside_scope");
  }

  private present(row: GridRow, compoundIds: string[]) {
    return { code: row.code, regionCode: row.regionCode, name: row.name, compoundIds, boundary: row.boundary ?? null };
  }
}
