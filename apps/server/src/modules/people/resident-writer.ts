import {
  type CorrectResidentRequest,
  type CreateResidentRequest,
  checkIdNumber,
  type FieldChange,
  type MoveInRequest,
  type ResidentEventKind,
} from "@linli/contracts";
import { v7 as uuidv7 } from "uuid";
import type { Database } from "../../db/client.js";
import { isUniqueViolation } from "../../db/errors.js";
import type { Actor } from "../../platform/auth/actor.js";
import { AppError, invalid, notFound } from "../../platform/errors/app-error.js";
import { covers } from "../../platform/scope/scope.js";
import type { DwellingPlace } from "../grids/building.repository.js";
import type { BuildingService } from "../grids/building.service.js";
import type { RegionService } from "../regions/region.service.js";
import { RegisterRepository } from "./register.repository.js";
import {
  type HouseholdInsert,
  type ResidentEventInsert,
  type ResidentInsert,
  ResidentRepository,
  type ResidentRow,
} from "./resident.repository.js";
import type { SensitiveField, SensitiveFields } from "./sensitive-fields.js";

/** Who made a change: the acting user, or, for a collected one, the submitter and the leader who accepted it. */
export interface Provenance {
  actorUserId: string;
  approvedBy?: string;
  submissionId?: string;
}

/** A unique-index race lost to another request: the same answer as the checked case, without a link. */
export function idTakenOnRace(error: unknown): never {
  if (isUniqueViolation(error)) throw new AppError("conflict", 409, [{ in: "body", field: "idNumber", code: "id_taken" }]);
  throw error;
}

const conflict = (field: string, code: string) => new AppError("conflict", 409, [{ in: "body", field, code }]);

/** Plain fields compared one by one when correcting. */
const plainFields = [
  "name",
  "ethnicity",
  "registration",
  "homeRegionCode",
  "politicalStatus",
  "relation",
  "livingStatus",
] as const;

/** The fields a correction may carry, as the writer needs them. */
type Correction = Omit<CorrectResidentRequest, "version">;

/** A correction worked out against the current row: what to write and what to show. */
export interface CorrectionPlan {
  patch: Partial<ResidentInsert>;
  changes: FieldChange[];
  /** The new ID number's blind index, when it changes (to check that nobody else holds it). */
  newIdNumberIndex: string | null;
}

/**
 * The rules of writing residents, on one transaction: every write path (direct, an accepted
 * collection, an import, the demo) goes through here, so they all hold the same rules and leave
 * the same history.
 */
export class ResidentWriter {
  private readonly repository: ResidentRepository;

  constructor(
    private readonly tx: Database,
    private readonly sensitive: SensitiveFields,
    private readonly buildings: BuildingService,
    private readonly regions: RegionService,
    /** The local date the writes are dated by (YYYY-MM-DD). */
    readonly today: string,
  ) {
    this.repository = new ResidentRepository(tx);
  }

  /** Places already looked up in this transaction, by actor and dwelling (a household's members share one). */
  private readonly places = new Map<string, DwellingPlace>();

  async placeOf(actor: Actor, dwellingId: string): Promise<DwellingPlace> {
    const key = `${actor.userId}\u0000${dwellingId}`;
    const place = this.places.get(key) ?? (await this.buildings.placeOf(dwellingId, actor.scope, this.tx));
    if (!place) throw invalid("dwellingId", "unknown_dwelling");
    this.places.set(key, place);
    return place;
  }

  /** Gender and birth date read from the ID number when there is one; the region of issue checked. */
  derivedFacts(fields: { idNumber?: string | null; gender?: string | null; birthDate?: string | null }) {
    if (fields.idNumber) {
      const result = checkIdNumber(fields.idNumber, this.today);
      if (!result.ok) throw invalid("idNumber", result.problem);
      if (!this.regions.isIdRegion(result.facts.regionCode)) throw invalid("idNumber", "id_region");
      return { gender: result.facts.gender, birthDate: result.facts.birthDate };
    }
    if (fields.birthDate && fields.birthDate > this.today) throw invalid("birthDate", "in_future");
    return { gender: fields.gender ?? null, birthDate: fields.birthDate ?? null };
  }

  checkHomeRegion(registration: string, homeRegionCode: string | null | undefined): void {
    if (!homeRegionCode) return;
    if (registration !== "migrant") throw invalid("homeRegionCode", "only_for_migrants");
    if (!this.regions.isIdRegion(homeRegionCode.slice(0, 6))) throw invalid("homeRegionCode", "unknown_region");
  }

  /**
   * Refuses an ID number that someone else already holds (the whole database, not only the
   * caller's scope), linking the holder only when the caller may see them.
   */
  async assertIdNumberFree(actor: Actor, index: string, exceptResidentId?: string): Promise<void> {
    const holder = await this.repository.findByIdNumberIndex(index);
    if (!holder || holder.id === exceptResidentId) return;
    const visible = covers(actor.scope, holder.regionCode, holder.gridCode);
    throw new AppError(
      "conflict",
      409,
      [{ in: "body", field: "idNumber", code: "id_taken" }],
      visible ? { existing: { type: "resident", id: holder.id, href: `/api/residents/${holder.id}` } } : {},
    );
  }

  /** Checks a new resident without writing: the place, the facts, the ID number's uniqueness. */
  async checkNew(actor: Actor, input: CreateResidentRequest): Promise<DwellingPlace> {
    const place = await this.placeOf(actor, input.dwellingId);
    this.derivedFacts(input);
    this.checkHomeRegion(input.registration, input.homeRegionCode);
    if (input.idNumber) await this.assertIdNumberFree(actor, this.sensitive.indexOf("id_number", input.idNumber));
    return place;
  }

  async create(actor: Actor, input: CreateResidentRequest, provenance: Provenance): Promise<ResidentRow> {
    const place = await this.checkNew(actor, input);
    const id = uuidv7();
    const { householdId, relation } = await this.joinHousehold(actor, place, id, input.householdId, input.relation);
    const row = await this.repository.insertResident(this.residentRow(id, input, place, householdId, relation));
    await this.repository.insertEvents([this.registeredEvent(row, provenance)]);
    return row;
  }

  /**
   * Registers whole new households at once — each group's first member heads a new household of
   * its dwelling — under the same rules as \`create\` (place in scope, facts, ID region, one person
   * per ID number), checked for the whole batch first, then written with multi-row inserts: the
   * path of imports and the demo, where one query per resident would be the cost.
   */
  async createHouseholds(
    actor: Actor,
    groups: { dwellingId: string; members: Omit<CreateResidentRequest, "dwellingId" | "householdId">[] }[],
    provenance: Provenance,
  ): Promise<ResidentRow[][]> {
    const dwellingIds = [...new Set(groups.map((group) => group.dwellingId))];
    for (const place of await this.buildings.placesOfDwellings(dwellingIds, actor.scope, this.tx))
      this.places.set(`${actor.userId}\u0000${place.dwellingId}`, place);
    const indexes = new Map<string, string>();
    for (const { members } of groups)
      for (const member of members) {
        this.derivedFacts(member);
        this.checkHomeRegion(member.registration, member.homeRegionCode);
        if (!member.idNumber) continue;
        const index = this.sensitive.indexOf("id_number", member.idNumber);
        if (indexes.has(index)) throw conflict("idNumber", "id_taken");
        indexes.set(index, member.idNumber);
      }
    const [holder] = await this.repository.findByIdNumberIndexes([...indexes.keys()]);
    if (holder?.idNumberIndex) await this.assertIdNumberFree(actor, holder.idNumberIndex);

    const households: HouseholdInsert[] = [];
    const rows: ResidentInsert[][] = [];
    for (const { dwellingId, members } of groups) {
      const place = await this.placeOf(actor, dwellingId);
      const householdId = uuidv7();
      const ids = members.map(() => uuidv7());
      households.push({
        id: householdId,
        regionCode: place.regionCode,
        gridCode: place.gridCode,
        dwellingId: place.dwellingId,
        headResidentId: ids[0] ?? null,
      });
      rows.push(
        members.map((member, index) =>
          this.residentRow(
            ids[index] as string,
            { ...member, dwellingId },
            place,
            householdId,
            index === 0 ? "head" : member.relation,
          ),
        ),
      );
    }
    await this.repository.insertHouseholds(households);
    const inserted = await this.repository.insertResidents(rows.flat());
    await this.repository.insertEvents(inserted.map((row) => this.registeredEvent(row, provenance)));
    const byId = new Map(inserted.map((row) => [row.id, row]));
    return rows.map((group) => group.map((row) => byId.get(row.id as string) as ResidentRow));
  }

  /** The row of a new resident: sealed, indexed and masked numbers, facts read from the ID number, the place's codes. */
  private residentRow(
    id: string,
    input: CreateResidentRequest,
    place: DwellingPlace,
    householdId: string,
    relation: CreateResidentRequest["relation"],
  ): ResidentInsert {
    const facts = this.derivedFacts(input);
    const idNumber = input.idNumber ? this.sensitive.protect("id_number", input.idNumber) : null;
    const phone = input.phone ? this.sensitive.protect("phone", input.phone) : null;
    return {
      id,
      regionCode: place.regionCode,
      gridCode: place.gridCode,
      householdId,
      dwellingId: place.dwellingId,
      name: input.name,
      idNumberSealed: idNumber?.sealed ?? null,
      idNumberIndex: idNumber?.index ?? null,
      idNumberMasked: idNumber?.masked ?? null,
      gender: facts.gender,
      birthDate: facts.birthDate,
      phoneSealed: phone?.sealed ?? null,
      phoneIndex: phone?.index ?? null,
      phoneMasked: phone?.masked ?? null,
      ethnicity: input.ethnicity || null,
      registration: input.registration,
      homeRegionCode: input.homeRegionCode ?? null,
      politicalStatus: input.politicalStatus ?? null,
      relation,
      livingStatus: input.livingStatus,
      address: place.address,
      tags: [...input.tags].sort(),
    };
  }

  /** The history row of a registration: every field set, ID and phone masked. */
  private registeredEvent(row: ResidentRow, provenance: Provenance): ResidentEventInsert {
    const shownFields = [
      "name",
      "idNumber",
      "gender",
      "birthDate",
      "phone",
      ...plainFields.filter((field) => field !== "name"),
      "address",
      "tags",
    ];
    const changes = shownFields
      .map((field) => ({ field, from: null, to: shownValue(row, field) }))
      .filter((change) => change.to !== null && !(Array.isArray(change.to) && change.to.length === 0));
    return this.eventRow(row.id, row.householdId, "registered", provenance, { changes });
  }

  /**
   * Puts a resident into a household of the dwelling (taking the head's place when free) or into
   * a new household there that they head.
   */
  private async joinHousehold(
    actor: Actor,
    place: DwellingPlace,
    residentId: string,
    householdId: string | undefined,
    relation: CreateResidentRequest["relation"],
  ): Promise<{ householdId: string; relation: CreateResidentRequest["relation"] }> {
    if (householdId) {
      const household = await this.repository.lockHouseholdInScope(householdId, actor.scope);
      if (!household || household.endedAt || household.dwellingId !== place.dwellingId)
        throw invalid("householdId", "not_in_dwelling");
      if (relation === "head") {
        if (household.headResidentId) throw invalid("relation", "head_taken");
        await this.repository.updateHousehold(householdId, { headResidentId: residentId });
      }
      return { householdId, relation };
    }
    const id = uuidv7();
    await this.repository.insertHousehold({
      id,
      regionCode: place.regionCode,
      gridCode: place.gridCode,
      dwellingId: place.dwellingId,
      headResidentId: residentId,
    });
    return { householdId: id, relation: "head" };
  }

  /** A sealed field's new value (sealed, indexed, masked), or undefined when it is the same value. */
  private sealedChange(field: SensitiveField, value: string | null, currentIndex: string | null) {
    const index = value ? this.sensitive.indexOf(field, value) : null;
    if (index === currentIndex) return undefined;
    return {
      sealed: value ? this.sensitive.seal(field, value) : null,
      index,
      masked: value ? this.sensitive.mask(field, value) : null,
    };
  }

  /** Works out a correction against the current row without writing it. */
  planCorrection(row: ResidentRow, correction: Correction): CorrectionPlan {
    const patch: Partial<ResidentInsert> = {};
    const changes: FieldChange[] = [];
    let newIdNumberIndex: string | null = null;
    const change = (field: string, from: unknown, to: unknown) => changes.push({ field, from: from ?? null, to: to ?? null });

    const idNumber = correction.idNumber;
    const newId = idNumber === undefined ? undefined : this.sealedChange("id_number", idNumber, row.idNumberIndex);
    if (newId) {
      Object.assign(patch, { idNumberSealed: newId.sealed, idNumberIndex: newId.index, idNumberMasked: newId.masked });
      change("idNumber", row.idNumberMasked, newId.masked);
      newIdNumberIndex = newId.index;
    }
    const holdsId = idNumber === undefined ? row.idNumberIndex !== null : idNumber !== null;
    const facts = this.derivedFacts({
      idNumber: idNumber ?? null,
      gender: correction.gender === undefined ? row.gender : correction.gender,
      birthDate: correction.birthDate === undefined ? row.birthDate : correction.birthDate,
    });
    if (idNumber || !holdsId) {
      if (facts.gender !== row.gender) {
        patch.gender = facts.gender;
        change("gender", row.gender, facts.gender);
      }
      if (facts.birthDate !== row.birthDate) {
        patch.birthDate = facts.birthDate;
        change("birthDate", row.birthDate, facts.birthDate);
      }
    }
    const newPhone = correction.phone === undefined ? undefined : this.sealedChange("phone", correction.phone, row.phoneIndex);
    if (newPhone) {
      Object.assign(patch, { phoneSealed: newPhone.sealed, phoneIndex: newPhone.index, phoneMasked: newPhone.masked });
      change("phone", row.phoneMasked, newPhone.masked);
    }
    for (const field of plainFields) {
      const value = correction[field];
      if (value === undefined) continue;
      const next = value === "" ? null : value;
      if (next !== row[field]) {
        (patch as Record<string, unknown>)[field] = next;
        change(field, row[field], next);
      }
    }
    if (correction.tags !== undefined) {
      const tags = [...new Set(correction.tags)].sort();
      if (tags.join() !== [...row.tags].sort().join()) {
        patch.tags = tags;
        change("tags", row.tags, tags);
      }
    }
    this.checkHomeRegion(
      patch.registration ?? row.registration,
      patch.homeRegionCode === undefined ? row.homeRegionCode : patch.homeRegionCode,
    );
    return { patch, changes, newIdNumberIndex };
  }

  /** Applies a correction to a resident in the scope; a stale version is refused, an empty one writes nothing. */
  async correct(actor: Actor, id: string, correction: CorrectResidentRequest, provenance: Provenance): Promise<ResidentRow> {
    const row = await this.repository.lockInScope(id, actor.scope);
    if (!row) throw notFound();
    if (correction.version !== row.version) throw conflict("version", "stale_version");
    const plan = this.planCorrection(row, correction);
    if (plan.changes.length === 0) return row;
    if (plan.newIdNumberIndex) await this.assertIdNumberFree(actor, plan.newIdNumberIndex, row.id);
    if (plan.patch.relation !== undefined && row.householdId) await this.checkHeadChange(row, plan.patch.relation);
    const updated = await this.repository.updateResident(row.id, plan.patch);
    await this.event(row.id, row.householdId, "corrected", provenance, { changes: plan.changes });
    return updated;
  }

  private async checkHeadChange(row: ResidentRow, relation: string | null | undefined): Promise<void> {
    if (!row.householdId) return;
    const household = await this.repository.lockHousehold(row.householdId);
    if (!household) return;
    if (relation === "head" && household.headResidentId && household.headResidentId !== row.id)
      throw invalid("relation", "head_taken");
    if (relation === "head") await this.repository.updateHousehold(household.id, { headResidentId: row.id });
    else if (household.headResidentId === row.id) await this.repository.updateHousehold(household.id, { headResidentId: null });
  }

  /** Moves a resident into a dwelling (a household there, or a new one they head), keeping where they were. */
  async moveIn(actor: Actor, id: string, input: MoveInRequest, provenance: Provenance): Promise<ResidentRow> {
    const row = await this.repository.lockInScope(id, actor.scope);
    if (!row) throw notFound();
    if (row.livingStatus === "deceased") throw conflict("livingStatus", "deceased");
    const place = await this.placeOf(actor, input.dwellingId);
    if (input.householdId && input.householdId === row.householdId) throw invalid("householdId", "already_member");
    const previous = { householdId: row.householdId, address: row.address };
    await this.leaveHousehold(row, "moved_out", input.date, provenance);
    const { householdId, relation } = await this.joinHousehold(actor, place, row.id, input.householdId, input.relation);
    const updated = await this.repository.updateResident(row.id, {
      householdId,
      dwellingId: place.dwellingId,
      regionCode: place.regionCode,
      gridCode: place.gridCode,
      address: place.address,
      relation,
      livingStatus: "present",
    });
    await new RegisterRepository(this.tx).followResident(row.id, place);
    await this.event(row.id, householdId, "moved_in", provenance, {
      effectiveDate: input.date,
      changes: [
        { field: "address", from: previous.address || null, to: place.address },
        { field: "relation", from: row.relation, to: relation },
      ],
      note: previous.householdId ? `from household ${previous.householdId}` : null,
    });
    return updated;
  }

  /** Moving out of the area, or death: the resident leaves their household and stays on record. */
  async leave(
    actor: Actor,
    id: string,
    kind: "moved_out" | "died",
    input: { date: string; note?: string },
    provenance: Provenance,
  ): Promise<ResidentRow> {
    const row = await this.repository.lockInScope(id, actor.scope);
    if (!row) throw notFound();
    if (row.livingStatus === "deceased" || (kind === "moved_out" && row.livingStatus === "moved_out"))
      throw conflict("livingStatus", row.livingStatus);
    if (input.date > this.today) throw invalid("date", "in_future");
    const status = kind === "died" ? "deceased" : "moved_out";
    await this.leaveHousehold(row, null, input.date, provenance);
    const updated = await this.repository.updateResident(row.id, { householdId: null, dwellingId: null, livingStatus: status });
    await this.event(row.id, row.householdId, kind, provenance, {
      effectiveDate: input.date,
      changes: [{ field: "livingStatus", from: row.livingStatus, to: status }],
      note: input.note ?? null,
    });
    return updated;
  }

  /**
   * Takes the resident out of their household: the household loses its head if they were it, and
   * ends when they were its last member. With `kind`, the household's history records the departure.
   */
  private async leaveHousehold(
    row: ResidentRow,
    kind: ResidentEventKind | null,
    date: string,
    provenance: Provenance,
  ): Promise<void> {
    if (!row.householdId) return;
    const others = (await this.repository.membersOf(row.householdId)).filter((member) => member.id !== row.id);
    if (others.length === 0)
      await this.repository.updateHousehold(row.householdId, { endedAt: new Date(), headResidentId: null });
    else if (row.relation === "head") await this.repository.updateHousehold(row.householdId, { headResidentId: null });
    if (kind) await this.event(row.id, row.householdId, kind, provenance, { effectiveDate: date, changes: [] });
  }

  async event(
    residentId: string | null,
    householdId: string | null,
    kind: ResidentEventKind,
    provenance: Provenance,
    detail: { changes: FieldChange[]; effectiveDate?: string; note?: string | null },
  ): Promise<void> {
    await this.repository.insertEvents([this.eventRow(residentId, householdId, kind, provenance, detail)]);
  }

  private eventRow(
    residentId: string | null,
    householdId: string | null,
    kind: ResidentEventKind,
    provenance: Provenance,
    detail: { changes: FieldChange[]; effectiveDate?: string; note?: string | null },
  ): ResidentEventInsert {
    return {
      id: uuidv7(),
      residentId,
      householdId,
      kind,
      effectiveDate: detail.effectiveDate ?? this.today,
      actorUserId: provenance.actorUserId,
      approvedBy: provenance.approvedBy ?? null,
      submissionId: provenance.submissionId ?? null,
      changes: detail.changes,
      note: detail.note ?? null,
    };
  }
}

/** A field of the row as history shows it: ID and phone masked. */
function shownValue(row: ResidentRow, field: string): unknown {
  if (field === "idNumber") return row.idNumberMasked;
  if (field === "phone") return row.phoneMasked;
  return (row as unknown as Record<string, unknown>)[field] ?? null;
}
