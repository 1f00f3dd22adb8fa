import type {
  AddResolutionAction,
  CompleteAction,
  Locale,
  ProfileChange,
  Resolution,
  ResolutionAction,
  ResolutionList,
  ResolutionListQuery,
} from "@linli/contracts";
import { v7 as uuidv7 } from "uuid";
import type { Database } from "../../db/client.js";
import { type AuditService, succeeded } from "../../platform/audit/audit.service.js";
import type { Actor, RequestContext } from "../../platform/auth/actor.js";
import { conflictOn, invalid, notFound, staleVersion } from "../../platform/errors/app-error.js";
import { localDate } from "../../platform/time/local-date.js";
import type { CompoundService } from "../grids/compound.service.js";
import { authorizeDeliberation } from "./deliberation.policy.js";
import { resolutionsWorkbook } from "./deliberation-export.js";
import {
  type ActionRow,
  type LockedAction,
  type ProgressRow,
  ResolutionRepository,
  type ResolutionRow,
} from "./resolution.repository.js";

export interface ResolutionDependencies {
  db: Database;
  audit: AuditService;
  compounds: CompoundService;
  now: () => Date;
}

const boardLimit = 1_000;

/**
 * Resolutions (决议) tracked to done: each passed motion's actions, who does them by when,
 * their progress, and the compound's 三化 profile they change, citing the resolution.
 */
export class ResolutionService {
  constructor(private readonly deps: ResolutionDependencies) {}

  private today(): string {
    return localDate(this.deps.now());
  }

  async list(actor: Actor, query: ResolutionListQuery): Promise<ResolutionList> {
    authorizeDeliberation(actor, "deliberation.read", "deliberation.manage");
    const items = await this.present(await new ResolutionRepository(this.deps.db).list(actor.scope, query, boardLimit));
    return { items: query.status ? items.filter((item) => item.status === query.status) : items };
  }

  async exportList(actor: Actor, query: ResolutionListQuery, locale: Locale): Promise<Buffer> {
    return resolutionsWorkbook((await this.list(actor, query)).items, locale);
  }

  async get(actor: Actor, id: string): Promise<Resolution> {
    authorizeDeliberation(actor, "deliberation.read", "deliberation.manage");
    const [item] = await this.present(await new ResolutionRepository(this.deps.db).list(actor.scope, { id }, 1));
    if (!item) throw notFound();
    return item;
  }

  async addAction(actor: Actor, id: string, input: AddResolutionAction, context: RequestContext): Promise<Resolution> {
    authorizeDeliberation(actor, "deliberation.manage");
    const resolution = await this.get(actor, id);
    if (input.dueOn < resolution.adoptedOn) throw invalid("dueOn", "before_adopted");
    if (input.profileChange && !resolution.compoundId) throw invalid("profileChange", "needs_a_compound");
    // A property company is named exactly when the change hires one, as on the compound's profile.
    const hires = input.profileChange?.propertyManagement === "property_company";
    if (hires && !input.profileChange?.propertyCompany) throw invalid("profileChange.propertyCompany", "required");
    if (!hires && input.profileChange?.propertyCompany)
      throw invalid("profileChange.propertyCompany", "only_with_property_company");
    await this.deps.db.transaction(async (tx) => {
      await new ResolutionRepository(tx).insertAction({
        id: uuidv7(),
        resolutionId: id,
        title: input.title,
        assigneeKind: input.assigneeKind,
        assigneeName: input.assigneeName,
        dueOn: input.dueOn,
        profileChange: input.profileChange ?? null,
      });
      await this.deps.audit.record(tx, succeeded(actor, context, "deliberation.action_added", { type: "resolution", id }));
    });
    return this.get(actor, id);
  }

  async addProgress(actor: Actor, actionId: string, note: string, context: RequestContext): Promise<Resolution> {
    authorizeDeliberation(actor, "deliberation.manage");
    const resolutionId = await this.deps.db.transaction(async (tx) => {
      const repository = new ResolutionRepository(tx);
      const action = await repository.lockAction(actionId, actor.scope);
      if (!action) throw notFound();
      if (action.completedOn) throw conflictOn("id", "already_done");
      await repository.addProgress(actionId, note, actor.userId, uuidv7());
      await this.deps.audit.record(
        tx,
        succeeded(actor, context, "deliberation.action_progress", { type: "resolution", id: action.resolutionId }),
      );
      return action.resolutionId;
    });
    return this.get(actor, resolutionId);
  }

  /** Marks an action done (version-checked); its 三化 change is recorded on the compound in the same transaction. */
  async complete(actor: Actor, actionId: string, input: CompleteAction, context: RequestContext): Promise<Resolution> {
    authorizeDeliberation(actor, "deliberation.manage");
    if (input.completedOn > this.today()) throw invalid("completedOn", "in_future");
    const resolutionId = await this.deps.db.transaction(async (tx) => {
      const repository = new ResolutionRepository(tx);
      const action = await repository.lockAction(actionId, actor.scope);
      if (!action) throw notFound();
      if (action.completedOn) throw conflictOn("id", "already_done");
      if (action.version !== input.version) throw staleVersion();
      if (input.completedOn < action.adoptedOn) throw invalid("completedOn", "before_adopted");
      if (input.note) await repository.addProgress(actionId, input.note, actor.userId, uuidv7());
      await repository.complete(actionId, input.completedOn);
      if (action.profileChange && action.compoundId)
        await this.deps.compounds.recordDecidedProfile(tx, action.compoundId, action.profileChange as ProfileChange, {
          ref: citation(action),
          effectiveFrom: input.completedOn,
          recordedBy: actor.userId,
          note: action.title,
        });
      await this.deps.audit.record(
        tx,
        succeeded(actor, context, "deliberation.action_done", { type: "resolution", id: action.resolutionId }),
      );
      return action.resolutionId;
    });
    return this.get(actor, resolutionId);
  }

  private async present(rows: ResolutionRow[]): Promise<Resolution[]> {
    const repository = new ResolutionRepository(this.deps.db);
    const actions = await repository.actionsOf(rows.map((row) => row.id));
    const progress = await repository.progressOf(actions.map((action) => action.id));
    const today = this.today();
    return rows.map((row) => {
      const own = actions.filter((action) => action.resolutionId === row.id).map((action) => toAction(action, progress, today));
      const status =
        own.length > 0 && own.every((action) => action.status === "done")
          ? "done"
          : own.some((action) => action.status === "overdue")
            ? "overdue"
            : "open";
      return {
        id: row.id,
        motionId: row.motionId,
        meetingId: row.meetingId,
        meetingTitle: row.meetingTitle,
        regionCode: row.regionCode,
        compoundId: row.compoundId,
        compoundName: row.compoundName,
        title: row.title,
        adoptedOn: String(row.adoptedOn),
        status,
        actions: own,
      };
    });
  }
}

function toAction(row: ActionRow, progress: ProgressRow[], today: string): ResolutionAction {
  const dueOn = String(row.dueOn);
  return {
    id: row.id,
    title: row.title,
    assigneeKind: row.assigneeKind as ResolutionAction["assigneeKind"],
    assigneeName: row.assigneeName,
    dueOn,
    status: row.completedOn ? "done" : dueOn < today ? "overdue" : "open",
    completedOn: row.completedOn ? String(row.completedOn) : null,
    profileChange: (row.profileChange as ProfileChange | null) ?? null,
    progress: progress
      .filter((entry) => entry.actionId === row.id)
      .map((entry) => ({ note: entry.note, recordedBy: entry.recordedBy ?? "", recordedAt: entry.recordedAt.toISOString() })),
    version: row.version,
  };
}

/** How a 三化 change cites its resolution, as people read it on the compound's history. */
export function citation(action: Pick<LockedAction, "meetingTitle" | "adoptedOn" | "resolutionTitle">): string {
  return `${action.meetingTitle}决议（${action.adoptedOn}）：${action.resolutionTitle}`.slice(0, 200);
}
