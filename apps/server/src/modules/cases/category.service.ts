import type { Category, CategoryQuestion, StageLimits, UpdateCategoryRequest } from "@linli/contracts";
import type { Database } from "../../db/client.js";
import { type AuditService, succeeded } from "../../platform/audit/audit.service.js";
import type { Actor, RequestContext } from "../../platform/auth/actor.js";
import { RefreshingValue } from "../../platform/cache/refreshing-value.js";
import { AppError, notFound } from "../../platform/errors/app-error.js";
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
  /** Every intake reads both; they change a few times a year, so they are kept in memory. */
  private readonly categories: RefreshingValue<Category[]>;
  private readonly days: RefreshingValue<CalendarDays>;

  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
  ) {
    const repository = new CategoryRepository(db);
    this.categories = new RefreshingValue(
      async () => (await repository.all()).map(toCategory),
      () => repository.version(),
    );
    this.days = new RefreshingValue(
      async () => {
        const rows = await repository.calendarFrom("1900-01-01");
        return new Map(rows.map((row) => [row.day, row.kind as "holiday" | "workday"]));
      },
      () => repository.calendarVersion(),
    );
  }

  async list(): Promise<{ items: Category[] }> {
    return { items: await this.categories.get() };
  }

  /** The sub-category a new case may be opened under, or undefined (unknown, a top group, or switched off). */
  async activeSubCategory(code: string): Promise<ActiveCategory | undefined> {
    const category = (await this.categories.get()).find((item) => item.code === code);
    if (!category?.active || !category.parentCode || !category.party || !category.limits) return undefined;
    return category as ActiveCategory;
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
    this.categories.invalidate();
    return toCategory(row);
  }

  /** The marked days, as the due-time arithmetic reads them. */
  async calendar(): Promise<CalendarDays> {
    return this.days.get();
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
    this.days.invalidate();
  }

  async removeCalendarDay(actor: Actor, day: string, context: RequestContext): Promise<void> {
    authorizeCases(actor, "cases.configure");
    await this.db.transaction(async (tx) => {
      if (!(await new CategoryRepository(tx).removeDay(day))) throw notFound();
      await this.audit.record(tx, succeeded(actor, context, "cases.calendar_removed", { type: "calendar_day", id: day }));
    });
    this.days.invalidate();
  }
}
