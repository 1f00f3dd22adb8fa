import type { Category, CategoryQuestion, StageLimits, UpdateCategoryRequest } from "@linli/contracts";
import type { Database } from "../../db/client.js";
import { type AuditService, succeeded } from "../../platform/audit/audit.service.js";
import type { Actor, RequestContext } from "../../platform/auth/actor.js";
import { AppError, notFound } from "../../platform/errors/app-error.js";
import { localDate } from "../../platform/time/local-date.js";
import { authorizeCases } from "./cases.policy.js";
import { CategoryRepository, type CategoryRow } from "./category.repository.js";
import type { CalendarDays } from "./working-time.js";

export function toCategory(row: CategoryRow): Category {
  return {
    code: row.code,
    parentCode: row.parentCode,
    kind: row.kind as Category["kind"],
    name: row.name,
    nameEn: row.nameEn,
    party: row.party as Category["party"],
    department: row.department,
    limits: row.limits ?? null,
    workingHours: row.workingHours,
    questions: row.questions as CategoryQuestion[],
    active: row.active,
    version: row.version,
  };
}

/** An active sub-category, as a new case is opened under it. */
export type ActiveCategory = Category & { party: NonNullable<Category["party"]>; limits: StageLimits };

/** Case categories (editable by admins) and the working-day calendar the time limits count by. */
export class CategoryService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<{ items: Category[] }> {
    return { items: (await new CategoryRepository(this.db).all()).map(toCategory) };
  }

  /** The sub-category a new case may be opened under, or undefined (unknown, a top group, or switched off). */
  async activeSubCategory(code: string, db: Database = this.db): Promise<ActiveCategory | undefined> {
    const row = await new CategoryRepository(db).find(code);
    if (!row?.active || !row.parentCode || !row.party || !row.limits) return undefined;
    return toCategory(row) as ActiveCategory;
  }

  /** Edits a category; open cases keep the limits they were opened under (they copied them). */
  async update(actor: Actor, code: string, input: UpdateCategoryRequest, context: RequestContext): Promise<Category> {
    authorizeCases(actor, "cases.configure");
    const row = await this.db.transaction(async (tx) => {
      const repository = new CategoryRepository(tx);
      const current = await repository.lock(code);
      if (!current) throw notFound();
      if (current.version !== input.version)
        throw new AppError("conflict", 409, [{ in: "body", field: "version", code: "stale_version" }]);
      const isGroup = current.parentCode === null;
      for (const field of ["party", "department", "limits", "workingHours", "questions"] as const)
        if (isGroup && input[field] !== undefined)
          throw new AppError("validation_failed", 400, [{ in: "body", field, code: "only_for_sub_categories" }]);
      const party = input.party ?? current.party;
      const department = input.department !== undefined ? input.department : current.department;
      if (party === "department" && !department)
        throw new AppError("validation_failed", 400, [{ in: "body", field: "department", code: "required" }]);
      const { version: _version, ...patch } = input;
      const updated = await repository.update(code, patch);
      await this.audit.record(tx, succeeded(actor, context, "cases.category_updated", { type: "case_category", id: code }));
      return updated;
    });
    return toCategory(row);
  }

  /** The marked days from today on, as the due-time arithmetic reads them. */
  async calendar(db: Database = this.db): Promise<CalendarDays> {
    const rows = await new CategoryRepository(db).calendarFrom(localDate(new Date(Date.now() - 86_400_000)));
    return new Map(rows.map((row) => [row.day, row.kind as "holiday" | "workday"]));
  }

  async calendarDays(actor: Actor): Promise<{ items: { day: string; kind: "holiday" | "workday"; name: string }[] }> {
    authorizeCases(actor, "cases.configure", "cases.dispatch");
    const rows = await new CategoryRepository(this.db).calendarFrom("1900-01-01");
    return { items: rows.map((row) => ({ day: row.day, kind: row.kind as "holiday" | "workday", name: row.name })) };
  }

  async setCalendarDay(
    actor: Actor,
    input: { day: string; kind: "holiday" | "workday"; name: string },
    context: RequestContext,
  ): Promise<void> {
    authorizeCases(actor, "cases.configure");
    await this.db.transaction(async (tx) => {
      await new CategoryRepository(tx).setDay(input);
      await this.audit.record(tx, succeeded(actor, context, "cases.calendar_set", { type: "calendar_day", id: input.day }));
    });
  }

  async removeCalendarDay(actor: Actor, day: string, context: RequestContext): Promise<void> {
    authorizeCases(actor, "cases.configure");
    await this.db.transaction(async (tx) => {
      if (!(await new CategoryRepository(tx).removeDay(day))) throw notFound();
      await this.audit.record(tx, succeeded(actor, context, "cases.calendar_removed", { type: "calendar_day", id: day }));
    });
  }
}
