import type { Location } from "@linli/contracts";
import type { Database } from "../../db/client.js";
import type { Actor } from "../../platform/auth/actor.js";
import { PolygonIndex } from "../../platform/geo/polygon-index.js";
import { covers } from "../../platform/scope/scope.js";
import { CompoundRepository } from "./compound.repository.js";
import { GridRepository } from "./grid.repository.js";
import { authorizeGrids } from "./grids.policy.js";

type GridRef = NonNullable<Location["grid"]>;
type CompoundRef = NonNullable<Location["compound"]>;
type Indexes = { grids: PolygonIndex<GridRef>; compounds: PolygonIndex<CompoundRef>; version: string };

/** How long an index is trusted before the database is asked whether another process redrew something. */
const recheckAfterMs = 5_000;

/**
 * Point → grid and point → compound, from in-memory flatbush indexes of the drawn boundaries. A
 * boundary change in this process drops the indexes at once; one in another process is noticed
 * within `recheckAfterMs` (the tables' row count and latest change are compared).
 */
export class LocationService {
  private indexes: Indexes | null = null;
  private building: Promise<Indexes> | null = null;
  private checkedAt = 0;
  private generation = 0;

  constructor(
    private readonly db: Database,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Drops the indexes; the next lookup rebuilds them. */
  invalidate(): void {
    this.generation += 1;
    this.indexes = null;
    this.building = null;
  }

  async locate(actor: Actor, longitude: number, latitude: number): Promise<Location> {
    authorizeGrids(actor, "read");
    const { grids, compounds } = await this.current();
    return {
      grid: grids.find(longitude, latitude, (grid) => covers(actor.scope, grid.regionCode, grid.code)) ?? null,
      compound: compounds.find(longitude, latitude, (compound) => covers(actor.scope, compound.regionCode)) ?? null,
    };
  }

  /** The grid and compound at a point, whoever asks: for placing a report, not for showing places. */
  async placeAt(longitude: number, latitude: number): Promise<Location> {
    const { grids, compounds } = await this.current();
    return { grid: grids.find(longitude, latitude) ?? null, compound: compounds.find(longitude, latitude) ?? null };
  }

  private async current(): Promise<Indexes> {
    const now = this.clock();
    if (this.indexes && now - this.checkedAt < recheckAfterMs) return this.indexes;
    if (this.indexes) {
      const version = await this.version();
      this.checkedAt = now;
      if (version === this.indexes.version) return this.indexes;
      this.invalidate();
    }
    const generation = this.generation;
    this.building ??= this.build();
    const built = await this.building;
    // A build that a boundary change overtook answers this call only.
    if (generation === this.generation) {
      this.indexes = built;
      this.checkedAt = now;
    }
    return built;
  }

  private async version(): Promise<string> {
    const [grids, compounds] = await Promise.all([
      new GridRepository(this.db).boundaryVersion(),
      new CompoundRepository(this.db).boundaryVersion(),
    ]);
    return `${grids}/${compounds}`;
  }

  private async build(): Promise<Indexes> {
    const version = await this.version();
    const [grids, compounds] = await Promise.all([
      new GridRepository(this.db).allBoundaries(),
      new CompoundRepository(this.db).allBoundaries(),
    ]);
    return { grids: new PolygonIndex(grids), compounds: new PolygonIndex(compounds), version };
  }
}
