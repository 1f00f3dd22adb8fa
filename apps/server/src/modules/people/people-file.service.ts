import {
  type CorrectResidentRequest,
  type CreateResidentRequest,
  type ResidentExportQuery,
  type ResidentFileColumn,
  type ResidentImportReport,
  residentFieldsSchema,
} from "@linli/contracts";
import { succeeded } from "../../platform/audit/audit.service.js";
import type { Actor, RequestContext } from "../../platform/auth/actor.js";
import { AppError, type FieldErrorInput, notFound } from "../../platform/errors/app-error.js";
import { fieldErrorsOfIssues } from "../../platform/errors/problem.js";
import { covers } from "../../platform/scope/scope.js";
import type { DwellingPlace } from "../grids/building.repository.js";
import { authorizePeople } from "./people.policy.js";
import { codeOf, type FileRow, labels, readResidentsWorkbook, residentsWorkbook } from "./people-file.js";
import { ResidentRepository, type ResidentRow } from "./resident.repository.js";
import type { ResidentService } from "./resident.service.js";
import type { ResidentWriter } from "./resident-writer.js";

/** An export holds at most this many rows; narrow the filter for more. */
const exportLimit = 50_000;

/** A checked row: the resident it describes and where. */
interface PlannedRow {
  row: number;
  householdKey: string;
  resident: Omit<CreateResidentRequest, "dwellingId" | "householdId">;
  place: DwellingPlace;
  /** The resident already on record (same ID number, or same name at the dwelling without one). */
  existing?: ResidentRow;
}

const placeKey = (compound: string, building: string, entrance: string | undefined, number: string) =>
  [compound, building, entrance ?? "", number].join("\u0000");

/** The residents workbook: template, import (whole or nothing, safely repeatable) and masked export. */
export class PeopleFileService {
  constructor(private readonly residents: ResidentService) {}

  private get deps() {
    return this.residents.deps;
  }

  template(): Promise<Buffer> {
    return residentsWorkbook([
      {
        householdKey: "1",
        relation: "户主",
        name: "（示例）张三",
        idNumber: "430405198001010017",
        phone: "13800001234",
        ethnicity: "汉族",
        registration: "户籍",
        politicalStatus: "群众",
        compound: "新葵花苑小区",
        building: "1栋",
        entrance: "1单元",
        number: "101",
        tags: "志愿者",
        livingStatus: "在住",
      },
    ]);
  }

  /**
   * Imports a community's residents: every row is checked first and every refused cell named
   * (row, column, reason); then all rows apply in one transaction. Rows match residents already on
   * record by ID number (or by name at the dwelling when there is none), so a second import of the
   * same file changes nothing.
   */
  async import(
    actor: Actor,
    communityCode: string,
    content: Buffer,
    dryRun: boolean,
    context: RequestContext,
  ): Promise<ResidentImportReport> {
    authorizePeople(actor, "people.manage");
    if (!covers(actor.scope, communityCode)) throw notFound();
    const { rows, errors } = await readResidentsWorkbook(content);
    if (errors.length > 0) throw new AppError("validation_failed", 400, errors);
    const places = await this.deps.buildings.placesIn(communityCode, actor.scope);
    const planned = await this.plan(actor, rows, places);
    const households = new Set(planned.map((row) => row.householdKey)).size;
    if (dryRun) return { dryRun, rows: planned.length, households, ...this.forecast(planned) };
    const counts = await this.deps.db.transaction(async (tx) => {
      const writer = this.residents.writerOn(tx);
      const applied = { created: 0, updated: 0, unchanged: 0 };
      const groups = [...groupBy(planned, (row) => row.householdKey).values()].map(headFirst);
      // Households nobody of which is on record yet go in together; the others row by row.
      const fresh = groups.filter((group) => group.every((row) => !row.existing));
      await writer.createHouseholds(
        actor,
        fresh.map((group) => ({ dwellingId: group[0]?.place.dwellingId ?? "", members: group.map((row) => row.resident) })),
        { actorUserId: actor.userId },
      );
      applied.created += fresh.flat().length;
      for (const group of groups.filter((candidate) => !fresh.includes(candidate)))
        await this.applyHousehold(actor, writer, group, applied);
      await this.deps.audit.record(
        tx,
        succeeded(actor, context, "people.residents_imported", { type: "region", id: communityCode }),
      );
      return applied;
    });
    return { dryRun, rows: planned.length, households, ...counts };
  }

  /** Checks every row; throws one 400 naming each refused cell as `rows.<row>.<column>`. */
  private async plan(actor: Actor, rows: FileRow[], places: DwellingPlace[]): Promise<PlannedRow[]> {
    const errors: FieldErrorInput[] = [];
    const fail = (row: number, column: ResidentFileColumn, code: string, params?: Record<string, unknown>) =>
      errors.push({ in: "body", field: `rows.${row}.${column}`, code, params });
    const byName = new Map(
      places.map((place) => [
        placeKey(place.compoundName, place.buildingName, place.entranceName ?? undefined, place.number),
        place,
      ]),
    );
    const writer = this.residents.writerOn(this.deps.db);
    const planned: PlannedRow[] = [];
    const seenIds = new Map<string, number>();
    for (const { row, cells } of rows) {
      const before = errors.length;
      const coded = (column: "relation" | "gender" | "registration" | "politicalStatus" | "livingStatus") => {
        const text = cells[column];
        if (!text) return undefined;
        const code = codeOf(column, text);
        if (!code) fail(row, column, "unknown_value", { allowed: Object.values(labels[column]).join("、") });
        return code;
      };
      const tags: string[] = [];
      for (const text of (cells.tags ?? "").split(/[、,，;；]/).map((part) => part.trim())) {
        const code = text ? codeOf("tags", text) : undefined;
        if (code) tags.push(code);
        else if (text) fail(row, "tags", "unknown_value", { allowed: Object.values(labels.tags).join("、") });
      }
      const input = {
        name: cells.name,
        idNumber: cells.idNumber,
        gender: coded("gender"),
        birthDate: cells.birthDate,
        phone: cells.phone,
        ethnicity: cells.ethnicity,
        registration: coded("registration") ?? "local",
        homeRegionCode: cells.homeRegionCode,
        politicalStatus: coded("politicalStatus"),
        relation: coded("relation") ?? "other",
        tags: [...new Set(tags)],
      };
      const livingStatus = coded("livingStatus") ?? "present";
      if (livingStatus !== "present" && livingStatus !== "away")
        fail(row, "livingStatus", "unknown_value", { allowed: "在住、外出" });
      const parsed = residentFieldsSchema.safeParse(
        Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)),
      );
      if (!parsed.success)
        errors.push(
          ...fieldErrorsOfIssues(parsed.error.issues, input, "").map((error) => ({
            ...error,
            field: `rows.${row}.${error.field.replace(/^\./, "").split(".")[0]}`,
          })),
        );
      const place = byName.get(placeKey(cells.compound ?? "", cells.building ?? "", cells.entrance, cells.number ?? ""));
      if (!place) fail(row, "number", "unknown_dwelling_named");
      if (parsed.success && place) {
        try {
          writer.derivedFacts(parsed.data);
          writer.checkHomeRegion(parsed.data.registration, parsed.data.homeRegionCode);
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          for (const fieldError of error.fieldErrors) fail(row, fieldError.field as ResidentFileColumn, fieldError.code);
        }
        const idNumber = parsed.data.idNumber;
        if (idNumber) {
          const first = seenIds.get(idNumber);
          if (first) fail(row, "idNumber", "duplicate_in_file", { row: first });
          else seenIds.set(idNumber, row);
        }
      }
      if (errors.length === before && parsed.success && place)
        planned.push({
          row,
          householdKey: cells.householdKey ?? "",
          resident: { ...parsed.data, livingStatus: livingStatus as "present" },
          place,
        });
    }
    this.checkHouseholds(planned, fail);
    await this.matchExisting(actor, planned, fail);
    if (errors.length > 0) throw new AppError("validation_failed", 400, errors);
    return planned;
  }

  /** One head per household, all of it in one dwelling. */
  private checkHouseholds(planned: PlannedRow[], fail: (row: number, column: ResidentFileColumn, code: string) => void) {
    for (const group of groupBy(planned, (row) => row.householdKey).values()) {
      const first = group[0] as PlannedRow;
      if (group.filter((row) => row.resident.relation === "head").length !== 1) fail(first.row, "relation", "one_head");
      for (const row of group)
        if (row.place.dwellingId !== first.place.dwellingId) fail(row.row, "number", "household_dwellings");
    }
  }

  /** Finds who is already on record; someone registered outside the caller's scope is refused, not shown. */
  private async matchExisting(
    actor: Actor,
    planned: PlannedRow[],
    fail: (row: number, column: ResidentFileColumn, code: string) => void,
  ): Promise<void> {
    const repository = new ResidentRepository(this.deps.db);
    const sensitive = this.deps.sensitive;
    const indexOf = new Map(
      planned.flatMap((row) =>
        row.resident.idNumber ? [[row, sensitive.indexOf("id_number", row.resident.idNumber)] as const] : [],
      ),
    );
    const holders = new Map(
      (await repository.findByIdNumberIndexes([...indexOf.values()])).map((resident) => [resident.idNumberIndex, resident]),
    );
    const unidentified = await repository.withoutIdNumberAt([...new Set(planned.map((row) => row.place.dwellingId))]);
    for (const row of planned) {
      const index = indexOf.get(row);
      const existing = index
        ? holders.get(index)
        : unidentified.find((resident) => resident.dwellingId === row.place.dwellingId && resident.name === row.resident.name);
      if (!existing) continue;
      if (existing.livingStatus === "deceased") fail(row.row, "name", "deceased");
      else if (!covers(actor.scope, existing.regionCode, existing.gridCode)) fail(row.row, "idNumber", "id_taken");
      else row.existing = existing;
    }
  }

  private forecast(planned: PlannedRow[]) {
    const writer = this.residents.writerOn(this.deps.db);
    let created = 0;
    let updated = 0;
    for (const row of planned) {
      if (!row.existing) created += 1;
      else if (this.changesOf(writer, row).length > 0 || row.existing.dwellingId !== row.place.dwellingId) updated += 1;
    }
    return { created, updated, unchanged: planned.length - created - updated };
  }

  /** What an imported row says of a resident on record, as a correction: absent optional fields clear theirs. */
  private correctionOf(resident: PlannedRow["resident"], version: number): CorrectResidentRequest {
    return {
      ...resident,
      version,
      idNumber: resident.idNumber ?? undefined,
      phone: resident.phone ?? null,
      ethnicity: resident.ethnicity ?? null,
      homeRegionCode: resident.homeRegionCode ?? null,
      politicalStatus: resident.politicalStatus ?? null,
    };
  }

  private changesOf(writer: ResidentWriter, row: PlannedRow) {
    const existing = row.existing as ResidentRow;
    return writer.planCorrection(existing, this.correctionOf(row.resident, existing.version)).changes;
  }

  /** The head first (their household, found or new), then the others join it. */
  private async applyHousehold(
    actor: Actor,
    writer: ResidentWriter,
    group: PlannedRow[],
    applied: { created: number; updated: number; unchanged: number },
  ): Promise<void> {
    const ordered = headFirst(group);
    const provenance = { actorUserId: actor.userId };
    const current = ordered.find((row) => row.existing?.householdId && row.existing.dwellingId === row.place.dwellingId);
    let householdId = current?.existing?.householdId ?? undefined;
    for (const row of ordered) {
      // A refusal found only while applying (e.g. a second head) names the row, as the checks do.
      try {
        const { resident, place, existing } = row;
        if (!existing) {
          const created = await writer.create(
            actor,
            { ...resident, dwellingId: place.dwellingId, householdId, relation: householdId ? resident.relation : "head" },
            provenance,
          );
          householdId ??= created.householdId ?? undefined;
          if (created.relation !== resident.relation)
            await writer.correct(actor, created.id, { version: created.version, relation: resident.relation }, provenance);
          applied.created += 1;
          continue;
        }
        // The record as the move (if any) left it: what the row's fields are compared with.
        let current = existing;
        const moved = existing.householdId !== householdId || existing.dwellingId !== place.dwellingId;
        if (moved) {
          current = await writer.moveIn(
            actor,
            existing.id,
            { dwellingId: place.dwellingId, householdId, relation: householdId ? resident.relation : "head", date: writer.today },
            provenance,
          );
          householdId ??= current.householdId ?? undefined;
        }
        const changes = this.changesOf(writer, { ...row, existing: current });
        if (changes.length > 0)
          await writer.correct(actor, existing.id, this.correctionOf(resident, current.version), provenance);
        if (moved || changes.length > 0) applied.updated += 1;
        else applied.unchanged += 1;
      } catch (error) {
        throw inRow(error, row.row);
      }
    }
  }

  /** The filtered list as the workbook, ID and phone masked, households numbered in order. */
  async export(actor: Actor, query: ResidentExportQuery, context: RequestContext): Promise<Buffer> {
    // Permission and reason are checked by exportRows; only then is the opening of a register audited.
    const rows = await this.residents.exportRows(actor, query, exportLimit);
    if (query.register) await this.residents.auditRegisterRead(actor, query.register, query.reason, context);
    const places = new Map(
      (
        await this.deps.buildings.placesOfDwellings(
          rows.flatMap((row) => (row.dwellingId ? [row.dwellingId] : [])),
          actor.scope,
        )
      ).map((place) => [place.dwellingId, place]),
    );
    const households = new Map<string, string>();
    const label = <K extends keyof typeof labels>(kind: K, code: string | null) =>
      code ? ((labels[kind] as Record<string, string>)[code] ?? code) : undefined;
    const buffer = await residentsWorkbook(
      rows.map((row) => {
        if (row.householdId && !households.has(row.householdId)) households.set(row.householdId, String(households.size + 1));
        const place = row.dwellingId ? places.get(row.dwellingId) : undefined;
        return {
          householdKey: row.householdId ? households.get(row.householdId) : "",
          relation: label("relation", row.relation),
          name: row.name,
          idNumber: row.idNumberMasked ?? undefined,
          gender: label("gender", row.gender),
          birthDate: row.birthDate ?? undefined,
          phone: row.phoneMasked ?? undefined,
          ethnicity: row.ethnicity ?? undefined,
          registration: label("registration", row.registration),
          homeRegionCode: row.homeRegionCode ?? undefined,
          politicalStatus: label("politicalStatus", row.politicalStatus),
          compound: place?.compoundName ?? row.address,
          building: place?.buildingName,
          entrance: place?.entranceName ?? undefined,
          number: place?.number,
          tags: row.tags.map((tag) => label("tags", tag)).join("、"),
          livingStatus: label("livingStatus", row.livingStatus),
        };
      }),
    );
    await this.deps.db.transaction(async (tx) =>
      this.deps.audit.record(
        tx,
        succeeded(actor, context, "people.residents_exported", { type: "resident_list", id: `${rows.length} rows` }),
      ),
    );
    return buffer;
  }
}

/** An error of one row's writing, its fields named `rows.<row>.<column>` like the checks' own. */
function inRow(error: unknown, row: number): unknown {
  if (!(error instanceof AppError) || error.fieldErrors.length === 0) return error;
  const column = (field: string) =>
    field === "dwellingId" || field === "householdId" ? "number" : field.replace(/^changes\./, "");
  return new AppError(
    error.code,
    error.status,
    error.fieldErrors.map((fieldError) => ({ ...fieldError, field: `rows.${row}.${column(fieldError.field)}` })),
  );
}

/** A household's rows with its head first. */
function headFirst(group: PlannedRow[]): PlannedRow[] {
  return [...group].sort((a, b) => Number(b.resident.relation === "head") - Number(a.resident.relation === "head"));
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}
