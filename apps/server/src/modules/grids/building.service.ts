import type {
  Building,
  BuildingList,
  CreateBuildingRequest,
  CreateDwellingRequest,
  Dwelling,
  DwellingListQuery,
  DwellingPage,
  Scope,
} from "@linli/contracts";
import { v7 as uuidv7 } from "uuid";
import type { Database } from "../../db/client.js";
import { isUniqueViolation } from "../../db/errors.js";
import { type AuditService, succeeded } from "../../platform/audit/audit.service.js";
import type { Actor, RequestContext } from "../../platform/auth/actor.js";
import { AppError, invalid, notFound } from "../../platform/errors/app-error.js";
import { decodeCursor, encodeCursor } from "../../platform/http/cursor.js";
import { BuildingRepository, type DwellingPlace, type DwellingRow } from "./building.repository.js";
import { CompoundRepository } from "./compound.repository.js";
import { authorizeGrids } from "./grids.policy.js";

function toDwelling(row: DwellingRow): Dwelling {
  return {
    id: row.id,
    compoundId: row.compoundId,
    buildingId: row.buildingId,
    entranceId: row.entranceId,
    number: row.number,
    floor: row.floor,
    address: row.address,
    floorArea: row.floorArea === null ? null : Number(row.floorArea),
  };
}

/** Buildings (楼栋), entrances (单元) and dwellings (房屋) of a compound, inside the caller's scope. */
export class BuildingService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
  ) {}

  async list(actor: Actor, compoundId: string): Promise<BuildingList> {
    authorizeGrids(actor, "read");
    if (!(await new CompoundRepository(this.db).findInScope(compoundId, actor.scope))) throw notFound();
    return { items: await this.buildingsOf(this.db, compoundId) };
  }

  async create(actor: Actor, compoundId: string, input: CreateBuildingRequest, context: RequestContext): Promise<Building> {
    authorizeGrids(actor, "manage");
    try {
      return await this.db.transaction(async (tx) => {
        const compound = await new CompoundRepository(tx).findInScope(compoundId, actor.scope);
        if (!compound) throw notFound();
        const id = uuidv7();
        await new BuildingRepository(tx).insertBuilding(
          { id, compoundId, regionCode: compound.regionCode, name: input.name, floors: input.floors ?? null },
          input.entrances.map((name) => ({ id: uuidv7(), buildingId: id, name })),
        );
        await this.audit.record(tx, succeeded(actor, context, "grids.building_created", { type: "building", id }));
        const created = (await this.buildingsOf(tx, compoundId)).find((building) => building.id === id);
        if (!created) throw new Error("the building just created is missing");
        return created;
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError("conflict", 409, [{ in: "body", field: "name", code: "taken" }]);
      throw error;
    }
  }

  async listDwellings(actor: Actor, query: DwellingListQuery): Promise<DwellingPage> {
    authorizeGrids(actor, "read");
    const after = query.cursor ? decodeCursor(query.cursor, ["buildingId", "number", "id"]) : undefined;
    const rows = await new BuildingRepository(this.db).listDwellings({
      scope: actor.scope,
      compoundId: query.compoundId,
      buildingId: query.buildingId,
      limit: query.limit + 1,
      after,
    });
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      items: page.map(toDwelling),
      nextCursor:
        rows.length > query.limit && last
          ? encodeCursor({ buildingId: last.buildingId, number: last.number, id: last.id })
          : null,
    };
  }

  /** A dwelling in a building of the caller's scope, in one of its entrances when it has any. */
  async createDwelling(actor: Actor, input: CreateDwellingRequest, context: RequestContext): Promise<Dwelling> {
    authorizeGrids(actor, "manage");
    try {
      return await this.db.transaction(async (tx) => {
        const repository = new BuildingRepository(tx);
        const building = await repository.findBuildingInScope(input.buildingId, actor.scope);
        if (!building) throw invalid("buildingId", "unknown_building");
        const entrances = await repository.entrancesOf([building.id]);
        if (input.entranceId ? !entrances.some((entrance) => entrance.id === input.entranceId) : entrances.length > 0)
          throw invalid("entranceId", input.entranceId ? "not_in_building" : "required");
        const row = await repository.insertDwelling({
          id: uuidv7(),
          compoundId: building.compoundId,
          buildingId: building.id,
          entranceId: input.entranceId ?? null,
          regionCode: building.regionCode,
          number: input.number,
          floor: input.floor ?? null,
          address: input.address,
          floorArea: input.floorArea ?? null,
        });
        await this.audit.record(tx, succeeded(actor, context, "grids.dwelling_created", { type: "dwelling", id: row.id }));
        return toDwelling(row);
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError("conflict", 409, [{ in: "body", field: "number", code: "taken" }]);
      throw error;
    }
  }

  /** Corrects a dwelling's floor, floor area or address (a later vote weighs by the new area). */
  async updateDwelling(
    actor: Actor,
    id: string,
    patch: { floor: number | null; floorArea: number | null; address: string },
    context: RequestContext,
  ): Promise<Dwelling> {
    authorizeGrids(actor, "manage");
    return this.db.transaction(async (tx) => {
      const row = await new BuildingRepository(tx).updateDwellingInScope(id, actor.scope, patch);
      if (!row) throw notFound();
      await this.audit.record(tx, succeeded(actor, context, "grids.dwelling_updated", { type: "dwelling", id }));
      return toDwelling(row);
    });
  }

  /**
   * Where a dwelling inside the scope is (community, compound, grid, address), for modules that
   * place people or things in it; undefined when it is unknown or outside. `db`: the caller's transaction.
   */
  async placeOf(dwellingId: string, scope: Scope, db: Database = this.db): Promise<DwellingPlace | undefined> {
    const [place] = await new BuildingRepository(db).placesOf({ ids: [dwellingId] }, scope);
    return place;
  }

  /** The places of several dwellings inside the scope (the others are left out). */
  async placesOfDwellings(ids: readonly string[], scope: Scope, db: Database = this.db): Promise<DwellingPlace[]> {
    return new BuildingRepository(db).placesOf({ ids }, scope);
  }

  /** The dwellings inside the scope, by compound, building and number (a grid's, for its member). */
  async placesInScope(scope: Scope, limit: number): Promise<DwellingPlace[]> {
    return new BuildingRepository(this.db).placesOf({ limit }, scope);
  }

  /** Every dwelling of a community inside the scope, with its place, for an import to resolve names. */
  async placesIn(regionCode: string, scope: Scope, db: Database = this.db): Promise<DwellingPlace[]> {
    return new BuildingRepository(db).placesOf({ regionCode }, scope);
  }

  private async buildingsOf(db: Database, compoundId: string): Promise<Building[]> {
    const repository = new BuildingRepository(db);
    const rows = await repository.buildingsOf(compoundId);
    const entrances = await repository.entrancesOf(rows.map((row) => row.building.id));
    return rows.map(({ building, dwellingsCount, floorAreaTotal }) => ({
      id: building.id,
      compoundId: building.compoundId,
      name: building.name,
      floors: building.floors,
      entrances: entrances
        .filter((entrance) => entrance.buildingId === building.id)
        .map((entrance) => ({ id: entrance.id, name: entrance.name })),
      dwellingsCount,
      floorAreaTotal: Number(floorAreaTotal),
    }));
  }
}
