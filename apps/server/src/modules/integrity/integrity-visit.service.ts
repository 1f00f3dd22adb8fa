import type { CreateIntegrityVisit, IntegrityVisit, IntegrityVisitListQuery, Locale } from "@linli/contracts";
import { v7 as uuidv7 } from "uuid";
import type { Database } from "../../db/client.js";
import { type AuditService, succeeded } from "../../platform/audit/audit.service.js";
import type { Actor, RequestContext } from "../../platform/auth/actor.js";
import { AppError, notFound } from "../../platform/errors/app-error.js";
import { workbookOf } from "../../platform/files/spreadsheet.js";
import { covers } from "../../platform/scope/scope.js";
import { localDate } from "../../platform/time/local-date.js";
import { IntegrityVisitRepository, type IntegrityVisitRow } from "./integrity-visit.repository.js";

const toVisit = (row: IntegrityVisitRow): IntegrityVisit => ({
  id: row.id,
  regionCode: row.regionCode,
  officialName: row.officialName,
  officialPost: row.officialPost,
  familyMet: row.familyMet,
  visitors: row.visitors,
  visitedOn: String(row.visitedOn),
  talk: row.talk,
  risksNoted: row.risksNoted,
  commitmentSigned: row.commitmentSigned,
  recordedBy: row.recordedBy,
  createdAt: row.createdAt.toISOString(),
});

/** Only holders of integrity.visits learn that an integrity visit exists: everyone else is refused outright. */
function authorize(actor: Actor): void {
  if (!actor.permissions.includes("integrity.visits")) throw new AppError("forbidden", 403);
}

/** Integrity visits (廉政家访) by discipline officers to officials' families. */
export class IntegrityVisitService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
    private readonly now: () => Date,
  ) {}

  async create(actor: Actor, input: CreateIntegrityVisit, context: RequestContext): Promise<IntegrityVisit> {
    authorize(actor);
    if (!covers(actor.scope, input.regionCode)) throw new AppError("forbidden", 403);
    if (input.visitedOn > localDate(this.now()))
      throw new AppError("validation_failed", 400, [{ in: "body", field: "visitedOn", code: "in_future" }]);
    const id = uuidv7();
    await this.db.transaction(async (tx) => {
      await new IntegrityVisitRepository(tx).insert({ id, ...input, createdBy: actor.userId });
      await this.audit.record(tx, succeeded(actor, context, "integrity.visit_recorded", { type: "integrity_visit", id }));
    });
    return this.get(actor, id);
  }

  async get(actor: Actor, id: string): Promise<IntegrityVisit> {
    authorize(actor);
    const row = await new IntegrityVisitRepository(this.db).findInScope(id, actor.scope);
    if (!row) throw notFound();
    return toVisit(row);
  }

  async list(actor: Actor, query: IntegrityVisitListQuery): Promise<{ items: IntegrityVisit[] }> {
    authorize(actor);
    return { items: (await new IntegrityVisitRepository(this.db).list(actor.scope, query, 2_000)).map(toVisit) };
  }

  async export(actor: Actor, query: IntegrityVisitListQuery, locale: Locale): Promise<Buffer> {
    const zh = locale === "zh-CN";
    const { items } = await this.list(actor, query);
    return workbookOf(
      zh ? "廉政家访" : "Integrity visits",
      [
        { header: zh ? "家访日期" : "Visited on", key: "visitedOn", width: 12 },
        { header: zh ? "领导干部" : "Official", key: "officialName", width: 12 },
        { header: zh ? "职务" : "Post", key: "officialPost", width: 24 },
        { header: zh ? "见到的家属" : "Family met", key: "familyMet", width: 20 },
        { header: zh ? "家访人员" : "Visitors", key: "visitors", width: 24 },
        { header: zh ? "谈话内容" : "Talk", key: "talk", width: 40 },
        { header: zh ? "廉政风险提醒" : "Risks noted", key: "risksNoted", width: 30 },
        { header: zh ? "签订家庭助廉承诺" : "Pledge signed", key: "commitmentSigned", width: 14 },
      ],
      items.map((item) => ({
        ...item,
        visitors: item.visitors.join("、"),
        commitmentSigned: item.commitmentSigned ? (zh ? "是" : "yes") : zh ? "否" : "no",
      })),
    );
  }
}
