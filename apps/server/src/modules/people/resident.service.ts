import {
  type CorrectResidentRequest,
  type CreateResidentRequest,
  type DatedNoteRequest,
  everywhere,
  idNumberSchema,
  type MoveInRequest,
  mobileSchema,
  type Resident,
  type ResidentDetail,
  type ResidentEvent,
  type ResidentListQuery,
  type ResidentPage,
  type Revealed,
  type RevealRequest,
  type UserSummary,
} from "@linli/contracts";
import type { Database } from "../../db/client.js";
import { type AuditService, auditActor, succeeded } from "../../platform/audit/audit.service.js";
import type { Actor, RequestContext } from "../../platform/auth/actor.js";
import { AppError, notFound } from "../../platform/errors/app-error.js";
import { decodeCursor, encodeCursor } from "../../platform/http/cursor.js";
import { covers } from "../../platform/scope/scope.js";
import { localDate } from "../../platform/time/local-date.js";
import type { BuildingService } from "../grids/building.service.js";
import type { AccountService } from "../identity/account.service.js";
import type { RegionService } from "../regions/region.service.js";
import { authorizePeople, authorizeRegister } from "./people.policy.js";
import { toEvent, toResident } from "./resident.presenter.js";
import { type ResidentEventRow, ResidentRepository, type ResidentRow, type ResidentSearch } from "./resident.repository.js";
import { idTakenOnRace, type Provenance, ResidentWriter } from "./resident-writer.js";
import type { SensitiveFields } from "./sensitive-fields.js";

/** What the people module needs from the others, and its own keys. */
export interface PeopleDependencies {
  db: Database;
  sensitive: SensitiveFields;
  buildings: BuildingService;
  regions: RegionService;
  accounts: AccountService;
  audit: AuditService;
  now: () => Date;
}

/** A resident as a list-matching module needs them: who, where, and whether still living there. */
export interface ListedResident {
  id: string;
  name: string;
  householdId: string | null;
  regionCode: string;
  gridCode: string | null;
  address: string;
  livingStatus: string;
}

const listed = (row: ResidentRow): ListedResident => ({
  id: row.id,
  name: row.name,
  householdId: row.householdId,
  regionCode: row.regionCode,
  gridCode: row.gridCode,
  address: row.address,
  livingStatus: row.livingStatus,
});

/** The population registry (实有人口): residents inside the caller's scope, masked unless revealed. */
export class ResidentService {
  constructor(readonly deps: PeopleDependencies) {}

  today(): string {
    return localDate(this.deps.now());
  }

  /** The writer on a transaction: every write path uses it, so the rules are the same everywhere. */
  writerOn(tx: Database): ResidentWriter {
    return new ResidentWriter(tx, this.deps.sensitive, this.deps.buildings, this.deps.regions, this.today());
  }

  /**
   * Who holds these ID and phone numbers, wherever they live, for another module matching a list
   * (a police warning list) through the blind index: never the numbers themselves. A phone number
   * shared by several residents maps to all of them; the caller decides.
   */
  async findByNumbers(numbers: { idNumbers: readonly string[]; phones: readonly string[] }): Promise<{
    byIdNumber: Map<string, ListedResident>;
    byPhone: Map<string, ListedResident[]>;
  }> {
    const { sensitive, db } = this.deps;
    const repository = new ResidentRepository(db);
    const idIndexes = new Map(numbers.idNumbers.map((value) => [sensitive.indexOf("id_number", value), value]));
    const phoneIndexes = new Map(numbers.phones.map((value) => [sensitive.indexOf("phone", value), value]));
    const byIdNumber = new Map<string, ListedResident>();
    for (const row of await repository.findByIdNumberIndexes([...idIndexes.keys()]))
      byIdNumber.set(idIndexes.get(row.idNumberIndex ?? "") ?? "", listed(row));
    const byPhone = new Map<string, ListedResident[]>();
    for (const row of await repository.findByPhoneIndexes([...phoneIndexes.keys()])) {
      const phone = phoneIndexes.get(row.phoneIndex ?? "") ?? "";
      byPhone.set(phone, [...(byPhone.get(phone) ?? []), listed(row)]);
    }
    return { byIdNumber, byPhone };
  }

  async search(actor: Actor, query: ResidentListQuery, context: RequestContext): Promise<ResidentPage> {
    authorizePeople(actor, "people.read");
    const search = this.searchOf(actor, query);
    if (query.register) await this.auditRegisterRead(actor, query.register, query.reason, context);
    const after = query.cursor ? decodeCursor(query.cursor, ["name", "id"]) : undefined;
    const rows = await new ResidentRepository(this.deps.db).search({ ...search, limit: query.limit + 1, after });
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    const today = this.today();
    return {
      items: page.map((row) => toResident(row, today)),
      nextCursor: rows.length > query.limit && last ? encodeCursor({ name: last.name, id: last.id }) : null,
    };
  }

  /** Every resident the filters match (up to `limit`), masked, for an export. */
  async exportRows(actor: Actor, query: Omit<ResidentListQuery, "cursor" | "limit">, limit: number): Promise<ResidentRow[]> {
    authorizePeople(actor, "people.read");
    return new ResidentRepository(this.deps.db).search({ ...this.searchOf(actor, query), limit });
  }

  /**
   * The query as a search: a full ID number or mobile number goes through its blind index, anything
   * else is a name. A register filter needs that register's permission and a stated reason.
   */
  private searchOf(actor: Actor, query: Omit<ResidentListQuery, "cursor" | "limit">): Omit<ResidentSearch, "limit"> {
    if (query.register) {
      authorizeRegister(actor, query.register);
      if (!query.reason) throw new AppError("validation_failed", 400, [{ in: "query", field: "reason", code: "required" }]);
    }
    const search: Omit<ResidentSearch, "limit"> = {
      scope: actor.scope,
      region: query.region,
      grid: query.grid,
      compoundId: query.compoundId,
      householdId: query.householdId,
      dwellingId: query.dwellingId,
      address: query.address,
      tag: query.tag,
      register: query.register,
      livingStatus: query.livingStatus,
    };
    const q = query.q?.trim();
    if (!q) return search;
    const idNumber = idNumberSchema.safeParse(q);
    if (idNumber.success) return { ...search, idNumberIndex: this.deps.sensitive.indexOf("id_number", idNumber.data) };
    const phone = mobileSchema.safeParse(q);
    if (phone.success && /^[\d\s+-]+$/.test(q))
      return { ...search, phoneIndex: this.deps.sensitive.indexOf("phone", phone.data) };
    return { ...search, name: q };
  }

  async get(actor: Actor, id: string): Promise<ResidentDetail> {
    authorizePeople(actor, "people.read");
    const repository = new ResidentRepository(this.deps.db);
    const row = await repository.findInScope(id, actor.scope);
    if (!row) throw notFound();
    const history = await this.present(await repository.eventsOf({ residentId: id }));
    return { ...toResident(row, this.today()), history };
  }

  /** Ties a resident's account to this record once staff have seen their ID card: they then vote as its owner. */
  async linkAccount(actor: Actor, id: string, userId: string, context: RequestContext): Promise<UserSummary> {
    authorizePeople(actor, "people.manage");
    if (!(await new ResidentRepository(this.deps.db).findInScope(id, actor.scope))) throw notFound();
    return this.deps.accounts.linkResident(actor, userId, id, context);
  }

  /** A verified account's own registered name (the account's holder reads their own record only). */
  async ownName(residentId: string): Promise<string | undefined> {
    return (await new ResidentRepository(this.deps.db).namesInScope([residentId], { regions: [everywhere], grids: [] }))[0]?.name;
  }

  /** The adults living in a community (or one compound of it) that the actor covers: an election's roll drawn from the registry. */
  async adultsLiving(actor: Actor, regionCode: string, compoundId?: string): Promise<{ id: string; name: string }[]> {
    authorizePeople(actor, "people.read");
    if (!covers(actor.scope, regionCode)) throw new AppError("forbidden", 403);
    return new ResidentRepository(this.deps.db).adultsLiving(regionCode, compoundId, this.today());
  }

  /** The names of residents the actor may see, by id; others are left out. */
  async namesOf(actor: Actor, ids: readonly string[]): Promise<Map<string, string>> {
    authorizePeople(actor, "people.read");
    const rows = await new ResidentRepository(this.deps.db).namesInScope([...new Set(ids)], actor.scope);
    return new Map(rows.map((row) => [row.id, row.name]));
  }

  /** Events with the names of the people who made and accepted them, and of the residents they name. */
  async present(events: ResidentEventRow[]): Promise<ResidentEvent[]> {
    const people = await this.deps.accounts.displayNamesOf(
      events.flatMap((event) => [event.actorUserId, event.approvedBy].filter((id): id is string => id !== null)),
    );
    const residents = await new ResidentRepository(this.deps.db).namesOf(
      events.map((event) => event.residentId).filter((id): id is string => id !== null),
    );
    return events.map((event) => toEvent(event, { people, residents }));
  }

  /** A staff member with `people.manage` registers a resident directly (a grid member submits instead). */
  async create(actor: Actor, input: CreateResidentRequest, context: RequestContext): Promise<Resident> {
    authorizePeople(actor, "people.manage");
    const row = await this.deps.db
      .transaction(async (tx) => {
        const created = await this.writerOn(tx).create(actor, input, { actorUserId: actor.userId });
        await this.deps.audit.record(
          tx,
          succeeded(actor, context, "people.resident_registered", { type: "resident", id: created.id }),
        );
        return created;
      })
      .catch(idTakenOnRace);
    return toResident(row, this.today());
  }

  /**
   * Registers whole households in one transaction, each member through the same rules as one by
   * one (the first member heads a new household of the dwelling): the demo, a move from another
   * system. Returns the new residents' ids, household by household.
   */
  async registerHouseholds(
    actor: Actor,
    households: { dwellingId: string; members: Omit<CreateResidentRequest, "dwellingId" | "householdId">[] }[],
    context: RequestContext,
  ): Promise<string[][]> {
    authorizePeople(actor, "people.manage");
    return this.deps.db.transaction(async (tx) => {
      const rows = await this.writerOn(tx).createHouseholds(actor, households, { actorUserId: actor.userId });
      const created = rows.map((group) => group.map((row) => row.id));
      await this.deps.audit.record(
        tx,
        succeeded(actor, context, "people.households_registered", { type: "households", id: String(households.length) }),
      );
      return created;
    });
  }

  async correct(actor: Actor, id: string, input: CorrectResidentRequest, context: RequestContext): Promise<Resident> {
    authorizePeople(actor, "people.manage");
    return this.write(actor, id, context, "people.resident_corrected", (writer, provenance) =>
      writer.correct(actor, id, input, provenance),
    );
  }

  async moveIn(actor: Actor, id: string, input: MoveInRequest, context: RequestContext): Promise<Resident> {
    authorizePeople(actor, "people.manage");
    return this.write(actor, id, context, "people.resident_moved_in", (writer, provenance) =>
      writer.moveIn(actor, id, input, provenance),
    );
  }

  async leave(actor: Actor, id: string, kind: "moved_out" | "died", input: DatedNoteRequest, context: RequestContext) {
    authorizePeople(actor, "people.manage");
    return this.write(actor, id, context, `people.resident_${kind}`, (writer, provenance) =>
      writer.leave(actor, id, kind, input, provenance),
    );
  }

  private async write(
    actor: Actor,
    id: string,
    context: RequestContext,
    action: string,
    change: (writer: ResidentWriter, provenance: Provenance) => Promise<ResidentRow>,
  ): Promise<Resident> {
    const row = await this.deps.db
      .transaction(async (tx) => {
        const changed = await change(this.writerOn(tx), { actorUserId: actor.userId });
        await this.deps.audit.record(tx, succeeded(actor, context, action, { type: "resident", id }));
        return changed;
      })
      .catch(idTakenOnRace);
    return toResident(row, this.today());
  }

  /**
   * The full ID or phone number, for someone holding `people.reveal` who states why: one audit
   * row per field, with the reason, written before the value leaves.
   */
  async reveal(actor: Actor, id: string, request: RevealRequest, context: RequestContext): Promise<Revealed> {
    authorizePeople(actor, "people.reveal");
    return this.deps.db.transaction(async (tx) => {
      const row = await new ResidentRepository(tx).findInScope(id, actor.scope);
      if (!row) throw notFound();
      const revealed: Revealed = {};
      for (const field of new Set(request.fields)) {
        const sealed = field === "idNumber" ? row.idNumberSealed : row.phoneSealed;
        revealed[field] = sealed ? this.deps.sensitive.open(field === "idNumber" ? "id_number" : "phone", sealed) : null;
        await this.deps.audit.record(tx, {
          ...succeeded(actor, context, field === "idNumber" ? "people.id_number_revealed" : "people.phone_revealed", {
            type: "resident",
            id,
          }),
          reason: request.reason,
        });
      }
      return revealed;
    });
  }

  /**
   * Key rotation: re-seals every ID and phone number sealed with an older key under the current
   * one, a batch per transaction, so that the older key can then be retired. Values are re-sealed
   * in memory and never logged. Returns how many residents were re-sealed.
   */
  async resealStale(batchSize = 500): Promise<number> {
    const { sensitive } = this.deps;
    let total = 0;
    for (;;) {
      const done = await this.deps.db.transaction(async (tx) => {
        const repository = new ResidentRepository(tx);
        const rows = await repository.staleSealed(sensitive.currentPrefix, batchSize);
        for (const row of rows)
          await repository.setSealed(row.id, {
            idNumberSealed: row.idNumberSealed && sensitive.reseal("id_number", row.idNumberSealed),
            phoneSealed: row.phoneSealed && sensitive.reseal("phone", row.phoneSealed),
          });
        return rows.length;
      });
      total += done;
      if (done < batchSize) return total;
    }
  }

  /** Opening a register's list is audited with its reason, like a reveal. */
  async auditRegisterRead(actor: Actor, register: string, reason: string | undefined, context: RequestContext) {
    await this.deps.db.transaction(async (tx) =>
      this.deps.audit.record(tx, {
        actor: auditActor(actor),
        ip: context.ip,
        action: "people.register_read",
        entityType: "register",
        entityId: register,
        result: "success",
        reason,
      }),
    );
  }
}
