import type {
  RecordRegisterRequest,
  Register,
  RegisterDetails,
  RegisterEntry,
  RegisterEntryList,
  RegisterPage,
  RegisterPageQuery,
} from "@linli/contracts";
import { v7 as uuidv7 } from "uuid";
import { auditActor } from "../../platform/audit/audit.service.js";
import type { Actor, RequestContext } from "../../platform/auth/actor.js";
import { AppError, invalid, notFound } from "../../platform/errors/app-error.js";
import { decodeCursor, encodeCursor } from "../../platform/http/cursor.js";
import { authorizePeople, authorizeRegister, readableRegisters } from "./people.policy.js";
import { type RegisterEntryWithName, RegisterRepository } from "./register.repository.js";
import { ResidentRepository } from "./resident.repository.js";
import type { ResidentService } from "./resident.service.js";

function toEntry(row: RegisterEntryWithName): RegisterEntry {
  return {
    id: row.id,
    residentId: row.residentId,
    residentName: row.residentName,
    register: row.register as Register,
    status: row.status as RegisterEntry["status"],
    startDate: row.startDate,
    endDate: row.endDate,
    visitFrequency: row.visitFrequency as RegisterEntry["visitFrequency"],
    responsible: row.responsible,
    note: row.note,
    details: row.details as RegisterDetails,
    regionCode: row.regionCode,
    gridCode: row.gridCode,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/**
 * Special registers (特殊人群). Each has its own read permission; without it, neither the records
 * nor the fact that someone is on the register are shown. Every read states a reason, kept in the
 * audit trail, and no register fact enters a resident's history, which ordinary staff read.
 */
export class RegisterService {
  constructor(private readonly residents: ResidentService) {}

  private get deps() {
    return this.residents.deps;
  }

  async record(
    actor: Actor,
    residentId: string,
    register: Register,
    input: RecordRegisterRequest,
    context: RequestContext,
  ): Promise<RegisterEntry> {
    authorizePeople(actor, "registers.manage");
    authorizeRegister(actor, register);
    if (input.details.register !== register) throw invalid("details.register", "mismatch");
    if (input.endDate && input.endDate < input.startDate) throw invalid("endDate", "before_start");
    return this.deps.db.transaction(async (tx) => {
      const resident = await new ResidentRepository(tx).findInScope(residentId, actor.scope);
      if (!resident) throw notFound();
      const saved = await new RegisterRepository(tx).upsert({
        id: uuidv7(),
        residentId,
        register,
        regionCode: resident.regionCode,
        gridCode: resident.gridCode,
        status: input.status,
        startDate: input.startDate,
        endDate: input.endDate ?? null,
        visitFrequency: input.visitFrequency,
        responsible: input.responsible,
        note: input.note ?? null,
        details: input.details,
      });
      await this.audit(tx, actor, context, "people.register_recorded", { type: "register_entry", id: saved.id });
      return toEntry({ ...saved, residentName: resident.name });
    });
  }

  /** The records of the registers the caller may read, for one resident in scope. */
  async ofResident(actor: Actor, residentId: string, reason: string, context: RequestContext): Promise<RegisterEntryList> {
    authorizePeople(actor, "people.read");
    const readable = readableRegisters(actor);
    if (readable.length === 0) throw new AppError("forbidden", 403);
    return this.deps.db.transaction(async (tx) => {
      if (!(await new ResidentRepository(tx).findInScope(residentId, actor.scope))) throw notFound();
      await this.audit(tx, actor, context, "people.registers_read", { type: "resident", id: residentId }, reason);
      return { items: (await new RegisterRepository(tx).ofResident(residentId, readable)).map(toEntry) };
    });
  }

  async page(actor: Actor, register: Register, query: RegisterPageQuery, context: RequestContext): Promise<RegisterPage> {
    authorizeRegister(actor, register);
    const after = query.cursor ? decodeCursor(query.cursor, ["name", "id"]) : undefined;
    return this.deps.db.transaction(async (tx) => {
      await this.audit(tx, actor, context, "people.register_read", { type: "register", id: register }, query.reason);
      const rows = await new RegisterRepository(tx).page({ register, scope: actor.scope, limit: query.limit + 1, after });
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      return {
        items: page.map(toEntry),
        nextCursor: rows.length > query.limit && last ? encodeCursor({ name: last.residentName, id: last.id }) : null,
      };
    });
  }

  private async audit(
    tx: Parameters<ResidentService["deps"]["audit"]["record"]>[0],
    actor: Actor,
    context: RequestContext,
    action: string,
    entity: { type: string; id: string },
    reason?: string,
  ): Promise<void> {
    await this.deps.audit.record(tx, {
      actor: auditActor(actor),
      ip: context.ip,
      action,
      entityType: entity.type,
      entityId: entity.id,
      result: "success",
      reason,
    });
  }
}
