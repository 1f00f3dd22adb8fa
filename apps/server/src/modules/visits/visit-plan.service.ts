import {
  type PlanVisits,
  type Register,
  registerPermission,
  type VisitCoverage,
  type VisitPlan,
  type VisitTask,
  type VisitTaskListQuery,
} from "@linli/contracts";
import { sql } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { type AuditService, succeeded } from "../../platform/audit/audit.service.js";
import type { Actor, RequestContext } from "../../platform/auth/actor.js";
import { inScope } from "../../platform/scope/scope.js";
import { localDate } from "../../platform/time/local-date.js";
import { toVisitTask } from "./visit.presenter.js";
import { coverageWorkbook, tasksWorkbook } from "./visit-export.js";
import { VisitTaskRepository } from "./visit-task.repository.js";
import { assertCommunityInScope, authorizeVisits } from "./visits.policy.js";

/** The planner (走访计划) and what it made: each member's tasks, the grid's board, coverage. */
export class VisitPlanService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Plans a community's visits for the periods containing `on`; running it again adds only what is missing. */
  async plan(actor: Actor, input: PlanVisits, context: RequestContext): Promise<VisitPlan> {
    authorizeVisits(actor, "visits.plan");
    assertCommunityInScope(actor, input.regionCode);
    return this.db.transaction(async (tx) => {
      const plan = await new VisitTaskRepository(tx).plan(input.regionCode, input.on);
      await this.audit.record(
        tx,
        succeeded(actor, context, "visits.planned", { type: "region", id: `${input.regionCode}@${input.on}` }),
      );
      return plan;
    });
  }

  /** My tasks (the visitor's), or the tasks of the grids in my scope (the leader's board), due around `on`. */
  async tasks(actor: Actor, query: VisitTaskListQuery): Promise<{ items: VisitTask[] }> {
    const today = localDate(this.now());
    const on = query.on ?? today;
    authorizeVisits(actor, query.view === "mine" ? "visits.record" : "visits.read");
    const where =
      query.view === "mine"
        ? sql`t.assignee_user_id = ${actor.userId}`
        : inScope(actor.scope, { region: sql`t.region_code`, grid: sql`t.grid_code` });
    // A register task says its person is on the register: on the board, only that register's readers see it.
    const rows = (await new VisitTaskRepository(this.db).list(where, on)).filter(
      (row) =>
        query.view === "mine" ||
        row.register === null ||
        actor.permissions.includes(registerPermission(row.register as Register)),
    );
    const items = rows.map((row) => toVisitTask(row, today));
    return { items: query.status ? items.filter((item) => item.status === query.status) : items };
  }

  async coverage(actor: Actor, regionCode: string, on?: string): Promise<VisitCoverage> {
    authorizeVisits(actor, "visits.read");
    assertCommunityInScope(actor, regionCode, { partly: true });
    const day = on ?? localDate(this.now());
    const repository = new VisitTaskRepository(this.db);
    return {
      on: day,
      items: await repository.coverage(regionCode, day, actor.scope),
      compounds: await repository.coverageByCompound(regionCode, day, actor.scope),
    };
  }

  /** The tasks of `tasks`, as an Excel workbook. */
  async exportTasks(actor: Actor, query: VisitTaskListQuery, locale: "zh-CN" | "en"): Promise<Buffer> {
    return tasksWorkbook((await this.tasks(actor, query)).items, locale);
  }

  /** Coverage, as an Excel workbook. */
  async exportCoverage(actor: Actor, regionCode: string, on: string | undefined, locale: "zh-CN" | "en"): Promise<Buffer> {
    return coverageWorkbook(await this.coverage(actor, regionCode, on), locale);
  }
}
