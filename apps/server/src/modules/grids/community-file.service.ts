import type { CommunityPlan, ImportReport, Polygon } from "@linli/contracts";
import type { Database } from "../../db/client.js";
import type { Actor, RequestContext } from "../../platform/auth/actor.js";
import { AppError, type FieldErrorInput } from "../../platform/errors/app-error.js";
import { covers } from "../../platform/scope/scope.js";
import type { RegionService } from "../regions/region.service.js";
import { BuildingRepository } from "./building.repository.js";
import type { BuildingService } from "./building.service.js";
import {
  type CommunityFile,
  inGeoJsonTerms,
  type Parsed,
  parseGeoJson,
  parseWorkbook,
  toGeoJson,
  toWorkbook,
} from "./community-file.js";
import { CompoundRepository } from "./compound.repository.js";
import type { CompoundService } from "./compound.service.js";
import { GridRepository } from "./grid.repository.js";
import type { GridService } from "./grid.service.js";
import { authorizeGrids } from "./grids.policy.js";
import type { LocationService } from "./location.service.js";

export type FileFormat = "geojson" | "xlsx";

/** The module's write services bound to one transaction (their own transactions become savepoints). */
export interface GridWriteServices {
  regions: RegionService;
  compounds: CompoundService;
  grids: GridService;
  buildings: BuildingService;
}

/** Rolls the import's transaction back once every row has been tried. */
class RowsRefused extends Error {}

const sameShape = (a: Polygon | null | undefined, b: Polygon | null | undefined) =>
  JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
const zero = () => ({ added: 0, updated: 0, unchanged: 0 });

/**
 * A community's compounds, buildings, dwellings and grids to and from GeoJSON and Excel. An
 * import goes through the same services as a user's edits, inside one transaction: every row is
 * tried, every refusal is reported with its row and field, and then either all of it applies or
 * none of it.
 */
export class CommunityFileService {
  /**
   * `servicesOn` binds every service a write touches — these and the ones they read through
   * (regions, accounts) — to the import's transaction: on PGlite's single connection a read
   * outside it would wait for it forever.
   */
  constructor(
    private readonly db: Database,
    private readonly regions: RegionService,
    private readonly locations: LocationService,
    readonly servicesOn: (tx: Database) => GridWriteServices,
  ) {}

  /** The community as a file; an empty community gives the template. */
  async export(actor: Actor, code: string, format: FileFormat): Promise<Buffer | ReturnType<typeof toGeoJson>> {
    authorizeGrids(actor, "read");
    await this.assertCommunity(actor, code);
    const file = await this.snapshot(this.db, code);
    return format === "geojson" ? toGeoJson(file) : toWorkbook(file);
  }

  /** The Excel template: the sheets and their headers, with a sheet of instructions. */
  template(): Promise<Buffer> {
    return toWorkbook({ compounds: [], buildings: [], dwellings: [], grids: [] });
  }

  async import(actor: Actor, code: string, format: FileFormat, content: unknown, context: RequestContext): Promise<ImportReport> {
    authorizeGrids(actor, "manage");
    await this.assertCommunity(actor, code);
    const parsed: Parsed = format === "xlsx" ? await parseWorkbook(content as Buffer) : parseGeoJson(content);
    const named = (errors: FieldErrorInput[]) => (format === "geojson" ? inGeoJsonTerms(errors) : errors);
    if (parsed.errors.length > 0) throw new AppError("validation_failed", 400, named(parsed.errors));
    const errors: FieldErrorInput[] = [];
    let report: ImportReport | undefined;
    try {
      await this.db.transaction(async (tx) => {
        report = await new PlanApplier(tx, this, actor, code, context, errors).apply(parsed);
        if (errors.length > 0) throw new RowsRefused();
      });
    } catch (error) {
      if (error instanceof RowsRefused) throw new AppError("validation_failed", 400, named(errors));
      throw error;
    }
    this.locations.invalidate();
    if (!report) throw new Error("the import reported nothing");
    return report;
  }

  async snapshot(db: Database, code: string): Promise<CommunityFile> {
    const compounds = await new CompoundRepository(db).allOfCommunity(code);
    const buildingRepository = new BuildingRepository(db);
    const file: CommunityFile = { compounds: [], buildings: [], dwellings: [], grids: [] };
    const area = await this.regions.boundaryOf(code);
    if (area) file.area = area;
    const buildingNames = new Map<string, { compound: string; name: string }>();
    const entranceNames = new Map<string, string>();
    const buildings = await buildingRepository.buildingsIn(compounds.map((compound) => compound.id));
    const entrances = await buildingRepository.entrancesOf(buildings.map((building) => building.id));
    for (const entrance of entrances) entranceNames.set(entrance.id, entrance.name);
    for (const compound of compounds) {
      file.compounds.push({
        name: compound.name,
        address: compound.address,
        yearBuilt: compound.yearBuilt ?? undefined,
        dwellingsCount: compound.dwellingsCount ?? undefined,
        boundary: compound.boundary ?? undefined,
      });
      for (const building of buildings.filter((row) => row.compoundId === compound.id)) {
        buildingNames.set(building.id, { compound: compound.name, name: building.name });
        file.buildings.push({
          compound: compound.name,
          name: building.name,
          floors: building.floors ?? undefined,
          entrances: entrances.filter((entrance) => entrance.buildingId === building.id).map((entrance) => entrance.name),
        });
      }
    }
    for (const dwelling of await buildingRepository.dwellingsOf(compounds.map((compound) => compound.id))) {
      const building = buildingNames.get(dwelling.buildingId);
      if (!building) continue;
      file.dwellings.push({
        compound: building.compound,
        building: building.name,
        entrance: dwelling.entranceId ? entranceNames.get(dwelling.entranceId) : undefined,
        number: dwelling.number,
        floor: dwelling.floor ?? undefined,
        floorArea: dwelling.floorArea === null ? undefined : Number(dwelling.floorArea),
        address: dwelling.address,
      });
    }
    const gridRepository = new GridRepository(db);
    const grids = (await gridRepository.listGrids({ regions: [code], grids: [] }, code)).filter(
      (grid) => grid.regionCode === code,
    );
    const links = await gridRepository.compoundIdsOf(grids.map((grid) => grid.code));
    const compoundName = new Map(compounds.map((compound) => [compound.id, compound.name]));
    for (const grid of grids)
      file.grids.push({
        sequence: Number(grid.code.slice(12)),
        name: grid.name,
        compounds: links.filter((link) => link.gridCode === grid.code).map((link) => compoundName.get(link.compoundId) ?? ""),
        boundary: grid.boundary ?? undefined,
      });
    return file;
  }

  private async assertCommunity(actor: Actor, code: string): Promise<void> {
    const community = await this.regions.findActive(code);
    if (community?.level !== 5)
      throw new AppError("validation_failed", 400, [{ in: "params", field: "code", code: "unknown_region" }]);
    if (!covers(actor.scope, code)) throw new AppError("forbidden", 403);
  }
}

/** Applies one plan inside the import's transaction, row by row, collecting refusals. */
class PlanApplier {
  private readonly report: ImportReport = { compounds: zero(), buildings: zero(), dwellings: zero(), grids: zero() };
  private readonly services: GridWriteServices;

  constructor(
    private readonly tx: Database,
    files: CommunityFileService,
    private readonly actor: Actor,
    private readonly code: string,
    private readonly context: RequestContext,
    private readonly errors: FieldErrorInput[],
  ) {
    this.services = files.servicesOn(tx);
  }

  async apply({ plan, area }: Parsed): Promise<ImportReport> {
    // The area first: compounds and grids are checked against it.
    if (area)
      await this.attempt(area.source, async () => {
        await this.services.regions.setBoundary(this.actor, this.code, area.boundary, this.context);
      });
    const compoundIds = await this.applyCompounds(plan.compounds);
    const buildings = await this.applyBuildings(plan.buildings, compoundIds);
    await this.applyDwellings(plan.dwellings, compoundIds, buildings);
    await this.applyGrids(plan.grids, compoundIds);
    return this.report;
  }

  /** Runs one row's writes; a refusal is noted under the row's name and the import goes on to the next. */
  private async attempt(source: string, write: () => Promise<void>): Promise<void> {
    try {
      await write();
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500) throw error;
      if (error.fieldErrors.length === 0) this.errors.push({ in: "body", field: source, code: error.code });
      for (const fieldError of error.fieldErrors)
        this.errors.push({ ...fieldError, in: "body", field: `${source}.${fieldError.field}` });
    }
  }

  private refuse(source: string, field: string, code: string): void {
    this.errors.push({ in: "body", field: `${source}.${field}`, code });
  }

  private async applyCompounds(rows: CommunityPlan["compounds"]): Promise<Map<string, string>> {
    const existing = new Map((await new CompoundRepository(this.tx).allOfCommunity(this.code)).map((row) => [row.name, row]));
    const ids = new Map([...existing].map(([name, row]) => [name, row.id]));
    for (const row of rows)
      await this.attempt(row.source, async () => {
        const found = existing.get(row.name);
        if (!found) {
          const { source: _source, ...input } = row;
          ids.set(
            row.name,
            (await this.services.compounds.create(this.actor, { regionCode: this.code, ...input }, this.context)).id,
          );
          this.report.compounds.added += 1;
          return;
        }
        const patch = { address: row.address, yearBuilt: row.yearBuilt ?? null, dwellingsCount: row.dwellingsCount ?? null };
        const changed =
          patch.address !== found.address || patch.yearBuilt !== found.yearBuilt || patch.dwellingsCount !== found.dwellingsCount;
        if (changed) await this.services.compounds.update(this.actor, found.id, patch, this.context);
        const redrawn = row.boundary !== undefined && !sameShape(row.boundary, found.boundary);
        if (row.boundary && redrawn) await this.services.compounds.setBoundary(this.actor, found.id, row.boundary, this.context);
        this.report.compounds[changed || redrawn ? "updated" : "unchanged"] += 1;
      });
    return ids;
  }

  /** Buildings by compound and name; returns each building's id and its entrances by name. */
  private async applyBuildings(rows: CommunityPlan["buildings"], compoundIds: Map<string, string>) {
    const repository = new BuildingRepository(this.tx);
    const known = new Map<string, { id: string; entrances: Map<string, string> }>();
    const compoundName = new Map([...compoundIds].map(([name, id]) => [id, name]));
    const buildings = await repository.buildingsIn([...compoundIds.values()]);
    const entrances = await repository.entrancesOf(buildings.map((building) => building.id));
    for (const building of buildings)
      known.set(`${compoundName.get(building.compoundId)}/${building.name}`, {
        id: building.id,
        entrances: new Map(
          entrances.filter((entrance) => entrance.buildingId === building.id).map((entrance) => [entrance.name, entrance.id]),
        ),
      });
    for (const row of rows)
      await this.attempt(row.source, async () => {
        const compoundId = compoundIds.get(row.compound);
        if (!compoundId) return this.refuse(row.source, "compound", "unknown_compound");
        if (known.has(`${row.compound}/${row.name}`)) {
          this.report.buildings.unchanged += 1;
          return;
        }
        const created = await this.services.buildings.create(
          this.actor,
          compoundId,
          { name: row.name, floors: row.floors, entrances: row.entrances },
          this.context,
        );
        known.set(`${row.compound}/${row.name}`, {
          id: created.id,
          entrances: new Map(created.entrances.map((entrance) => [entrance.name, entrance.id])),
        });
        this.report.buildings.added += 1;
      });
    return known;
  }

  private async applyDwellings(
    rows: CommunityPlan["dwellings"],
    compoundIds: Map<string, string>,
    buildings: Map<string, { id: string; entrances: Map<string, string> }>,
  ): Promise<void> {
    const existing = new Map(
      (await new BuildingRepository(this.tx).dwellingsOf([...compoundIds.values()])).map((row) => [
        `${row.buildingId}/${row.entranceId ?? ""}/${row.number}`,
        row,
      ]),
    );
    for (const row of rows)
      await this.attempt(row.source, async () => {
        const building = buildings.get(`${row.compound}/${row.building}`);
        if (!building)
          return this.refuse(
            row.source,
            compoundIds.has(row.compound) ? "building" : "compound",
            compoundIds.has(row.compound) ? "unknown_building" : "unknown_compound",
          );
        const entranceId = row.entrance === undefined ? undefined : building.entrances.get(row.entrance);
        if (row.entrance !== undefined && !entranceId) return this.refuse(row.source, "entrance", "not_in_building");
        const found = existing.get(`${building.id}/${entranceId ?? ""}/${row.number}`);
        const storedArea = found?.floorArea == null ? null : Number(found.floorArea);
        // A file without the area keeps the one on record: a blank cell never erases a certificate's figure.
        const patch = { floor: row.floor ?? null, floorArea: row.floorArea ?? storedArea, address: row.address };
        if (!found) {
          await this.services.buildings.createDwelling(
            this.actor,
            {
              buildingId: building.id,
              entranceId,
              number: row.number,
              floor: row.floor,
              floorArea: row.floorArea,
              address: row.address,
            },
            this.context,
          );
          this.report.dwellings.added += 1;
        } else if (found.floor !== patch.floor || storedArea !== patch.floorArea || found.address !== patch.address) {
          await this.services.buildings.updateDwelling(this.actor, found.id, patch, this.context);
          this.report.dwellings.updated += 1;
        } else this.report.dwellings.unchanged += 1;
      });
  }

  private async applyGrids(rows: CommunityPlan["grids"], compoundIds: Map<string, string>): Promise<void> {
    const repository = new GridRepository(this.tx);
    const existing = new Map(
      (await repository.listGrids({ regions: [this.code], grids: [] }, this.code)).map((grid) => [grid.code, grid]),
    );
    const links = await repository.compoundIdsOf([...existing.keys()]);
    for (const row of rows)
      await this.attempt(row.source, async () => {
        const ids = row.compounds.map((name) => compoundIds.get(name));
        const unknown = ids.indexOf(undefined);
        if (unknown >= 0) return this.refuse(row.source, `compounds.${unknown}`, "unknown_compound");
        const code = `${this.code}${String(row.sequence).padStart(3, "0")}`;
        const found = existing.get(code);
        if (!found) {
          await this.services.grids.create(
            this.actor,
            {
              regionCode: this.code,
              sequence: row.sequence,
              name: row.name,
              compoundIds: ids as string[],
              boundary: row.boundary,
            },
            this.context,
          );
          this.report.grids.added += 1;
        } else {
          const covered = new Set(links.filter((link) => link.gridCode === code).map((link) => link.compoundId));
          const wanted = ids as string[];
          const relinked =
            found.name !== row.name || covered.size !== new Set(wanted).size || wanted.some((id) => !covered.has(id));
          if (relinked) await this.services.grids.update(this.actor, code, { name: row.name, compoundIds: wanted }, this.context);
          const redrawn = row.boundary !== undefined && !sameShape(row.boundary, found.boundary);
          if (row.boundary && redrawn) await this.services.grids.setBoundary(this.actor, code, row.boundary, this.context);
          this.report.grids[relinked || redrawn ? "updated" : "unchanged"] += 1;
        }
      });
  }
}
