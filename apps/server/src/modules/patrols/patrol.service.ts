import type {
  AddRoutePoints,
  FinishPatrol,
  Locale,
  Patrol,
  PatrolList,
  PatrolListQuery,
  ReportHazard,
  StartPatrol,
} from "@linli/contracts";
import { lineString } from "@turf/helpers";
import turfLength from "@turf/length";
import { v7 as uuidv7 } from "uuid";
import type { Database } from "../../db/client.js";
import { type AuditService, succeeded } from "../../platform/audit/audit.service.js";
import type { Actor, RequestContext } from "../../platform/auth/actor.js";
import { AppError, invalid, notFound } from "../../platform/errors/app-error.js";
import { workbookOf } from "../../platform/files/spreadsheet.js";
import { covers } from "../../platform/scope/scope.js";
import type { CaseService, PreparedReport } from "../cases/case.service.js";
import type { GridService } from "../grids/grid.service.js";
import { authorizeVisits } from "../visits/visits.policy.js";
import { toPatrol, toPatrolSummary } from "./patrol.presenter.js";
import { PatrolRepository } from "./patrol.repository.js";

export interface PatrolDependencies {
  db: Database;
  audit: AuditService;
  grids: GridService;
  cases: CaseService;
  now: () => Date;
}

/** A patrol keeps at most this many route points (one every 10 s for 13 hours). */
const maxRoutePoints = 5_000;
/** Phones' clocks drift: a point may carry a time this far ahead of the server's. */
const clockSkewMs = 5 * 60_000;

const finished = () => new AppError("conflict", 409, [{ in: "params", field: "id", code: "patrol_finished" }]);

/** Metres along the points, great-circle between successive ones. */
const metresAlong = (points: readonly { longitude: number; latitude: number }[]) =>
  points.length < 2
    ? 0
    : turfLength(lineString(points.map((point) => [point.longitude, point.latitude])), { units: "kilometers" }) * 1000;

/**
 * Public-safety patrols (治安巡逻): started and finished by the patroller, the route sent from the
 * phone as it goes, each hazard found recorded and, with a category, reported as a case at once.
 */
export class PatrolService {
  constructor(private readonly deps: PatrolDependencies) {}

  async start(actor: Actor, input: StartPatrol, context: RequestContext): Promise<Patrol> {
    authorizeVisits(actor, "visits.record");
    const gridCode = input.gridCode ?? (actor.scope.grids.length === 1 ? actor.scope.grids[0] : undefined);
    if (!gridCode) throw invalid("gridCode", "required");
    const grid = await this.deps.grids.get(actor, gridCode).catch((error: unknown) => {
      if (error instanceof AppError && (error.status === 404 || error.status === 403)) throw invalid("gridCode", "unknown_grid");
      throw error;
    });
    const id = uuidv7();
    await this.deps.db.transaction(async (tx) => {
      await new PatrolRepository(tx).insert({
        id,
        regionCode: grid.regionCode,
        gridCode: grid.code,
        patrollerUserId: actor.userId,
        companions: input.companions,
        startedAt: this.deps.now(),
      });
      await this.deps.audit.record(tx, succeeded(actor, context, "patrols.started", { type: "patrol", id }));
    });
    return this.get(actor, id);
  }

  /** Appends route points: the patroller's own open patrol, each point timed between its start and now. */
  async addPoints(actor: Actor, id: string, input: AddRoutePoints): Promise<Patrol> {
    authorizeVisits(actor, "visits.record");
    await this.deps.db.transaction(async (tx) => {
      const repository = new PatrolRepository(tx);
      const patrol = await this.ownOpenPatrol(repository, actor, id);
      const latest = this.deps.now().getTime() + clockSkewMs;
      for (const [index, point] of input.points.entries()) {
        const at = Date.parse(point.at);
        if (at < patrol.startedAt.getTime() - clockSkewMs) throw invalid(`points.${index}.at`, "before_start");
        if (at > latest) throw invalid(`points.${index}.at`, "in_future");
      }
      if (patrol.route.length + input.points.length > maxRoutePoints)
        throw invalid("points", "too_big_array", { maximum: maxRoutePoints - patrol.route.length });
      const last = patrol.route.at(-1);
      await repository.appendRoute(id, input.points, metresAlong([...(last ? [last] : []), ...input.points]));
    });
    return this.get(actor, id);
  }

  /** A hazard found on the way; with a category, a case in the same step, placed at its point or in the patrol's grid. */
  async reportHazard(actor: Actor, id: string, input: ReportHazard, context: RequestContext): Promise<Patrol> {
    authorizeVisits(actor, "visits.record");
    const current = await new PatrolRepository(this.deps.db).find(id);
    if (!current || current.patrollerUserId !== actor.userId) throw notFound();
    let report: PreparedReport | undefined;
    if (input.categoryCode)
      report = await this.deps.cases.prepare(
        { kind: "user", actor },
        {
          categoryCode: input.categoryCode,
          description: input.description,
          ...(input.longitude !== undefined ? { longitude: input.longitude, latitude: input.latitude } : {}),
          address: "",
          answers: {},
          photoIds: [],
        },
        { regionCode: current.regionCode, gridCode: current.gridCode },
      );
    await this.deps.db.transaction(async (tx) => {
      const repository = new PatrolRepository(tx);
      await this.ownOpenPatrol(repository, actor, id);
      const caseId = report ? uuidv7() : null;
      if (report && caseId) await this.deps.cases.open(tx, report, caseId, context);
      await repository.insertHazard({
        id: uuidv7(),
        patrolId: id,
        description: input.description,
        longitude: input.longitude ?? null,
        latitude: input.latitude ?? null,
        caseId,
      });
      await this.deps.audit.record(tx, succeeded(actor, context, "patrols.hazard_reported", { type: "patrol", id }));
    });
    return this.get(actor, id);
  }

  async finish(actor: Actor, id: string, input: FinishPatrol, context: RequestContext): Promise<Patrol> {
    authorizeVisits(actor, "visits.record");
    await this.deps.db.transaction(async (tx) => {
      const repository = new PatrolRepository(tx);
      await this.ownOpenPatrol(repository, actor, id);
      await repository.finish(id, this.deps.now(), input.notes);
      await this.deps.audit.record(tx, succeeded(actor, context, "patrols.finished", { type: "patrol", id }));
    });
    return this.get(actor, id);
  }

  private async ownOpenPatrol(repository: PatrolRepository, actor: Actor, id: string) {
    const patrol = await repository.lock(id);
    if (!patrol || patrol.patrollerUserId !== actor.userId) throw notFound();
    if (patrol.finishedAt) throw finished();
    return patrol;
  }

  /** A patrol, for its patroller or a reader of visits in whose scope it lies. */
  async get(actor: Actor, id: string): Promise<Patrol> {
    const repository = new PatrolRepository(this.deps.db);
    const row = await repository.find(id);
    const mayRead =
      row &&
      (row.patrollerUserId === actor.userId ||
        (actor.permissions.includes("visits.read") && covers(actor.scope, row.regionCode, row.gridCode)));
    if (!row || !mayRead) throw notFound();
    return toPatrol(row, await repository.hazardsOf(id));
  }

  /** My patrols, or (for a reader of visits) those in my scope: the patrol log. */
  async list(actor: Actor, query: PatrolListQuery): Promise<PatrolList> {
    if (query.view === "mine") authorizeVisits(actor, "visits.record");
    else authorizeVisits(actor, "visits.read");
    const filter = query.view === "mine" ? { patrollerUserId: actor.userId } : { scope: actor.scope };
    const rows = await new PatrolRepository(this.deps.db).list(filter, query.from, 1_000);
    return { items: rows.map(toPatrolSummary) };
  }

  async export(actor: Actor, query: PatrolListQuery, locale: Locale): Promise<Buffer> {
    const zh = locale === "zh-CN";
    const { items } = await this.list(actor, query);
    return workbookOf(
      zh ? "巡逻记录" : "Patrols",
      [
        { header: zh ? "开始时间" : "Started", key: "startedAt", width: 18 },
        { header: zh ? "结束时间" : "Finished", key: "finishedAt", width: 18 },
        { header: zh ? "巡逻人" : "Patroller", key: "patroller", width: 12 },
        { header: zh ? "同行人员" : "Companions", key: "companions", width: 20 },
        { header: zh ? "网格" : "Grid", key: "gridCode", width: 18 },
        { header: zh ? "里程（米）" : "Distance (m)", key: "distanceMetres", width: 12 },
        { header: zh ? "隐患" : "Hazards", key: "hazards", width: 8 },
        { header: zh ? "转事件" : "Cases", key: "cases", width: 8 },
        { header: zh ? "备注" : "Notes", key: "notes", width: 30 },
      ],
      items.map((item) => ({
        ...item,
        startedAt: chinaTime(item.startedAt),
        finishedAt: item.finishedAt ? chinaTime(item.finishedAt) : "",
      })),
    );
  }
}

/** `YYYY-MM-DD HH:mm` in China Standard Time, as the workbook's readers count hours. */
const chinaTime = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace("T", " ");
