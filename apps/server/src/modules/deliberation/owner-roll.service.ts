import type { Locale, OwnerRoll, SetDwellingOwners } from "@linli/contracts";
import type { Database } from "../../db/client.js";
import { type AuditService, succeeded } from "../../platform/audit/audit.service.js";
import type { Actor, RequestContext } from "../../platform/auth/actor.js";
import { AppError, type FieldErrorInput, notFound } from "../../platform/errors/app-error.js";
import type { CompoundService } from "../grids/compound.service.js";
import type { ResidentService } from "../people/resident.service.js";
import { authorizeDeliberation, authorizeOwnersRegister } from "./deliberation.policy.js";
import { ownerRollWorkbook } from "./deliberation-export.js";
import { OwnerRollRepository, type RollDwellingRow } from "./owner-roll.repository.js";

/** One owner on a vote's roll: a buyer's dwellings in the compound, counted once by head. */
export interface RollUnitDraft {
  unit: number;
  dwellingIds: string[];
  ownerIds: string[];
  /** The owners' names, in `ownerIds` order. */
  ownerNames: string[];
  areaCents: number;
}

/** A dwelling that keeps an owners' vote from opening, and why. */
export interface RollGap {
  label: string;
  missing: "floor_area" | "owners";
}

const cents = (area: string) => Math.round(Number(area) * 100);

/**
 * Groups dwellings into owners by head (法释〔2009〕7号 art. 9: 一个专有部分按一人计算，同一买受人
 * 拥有一个以上专有部分的，按一人计算): co-owners of one dwelling are one, and dwellings that share
 * any owner are one owner with their areas added — so 张 who owns 101 alone and 102 with 李 is
 * counted once, not twice (the dwellings are joined through their owners, transitively).
 */
export function unitsOf(rows: readonly RollDwellingRow[]): { units: RollUnitDraft[]; gaps: RollGap[] } {
  const gaps: RollGap[] = [];
  const usable: RollDwellingRow[] = [];
  for (const row of rows) {
    if (row.floorArea === null) gaps.push({ label: row.label, missing: "floor_area" });
    if (row.ownerIds.length === 0) gaps.push({ label: row.label, missing: "owners" });
    if (row.floorArea !== null && row.ownerIds.length > 0) usable.push(row);
  }
  // Union-find over owners: a dwelling joins all of its owners into one group.
  const parent = new Map<string, string>();
  const root = (owner: string): string => {
    let top = owner;
    while (parent.get(top) !== top) top = parent.get(top) as string;
    for (let step = owner; step !== top; ) {
      const next = parent.get(step) as string;
      parent.set(step, top);
      step = next;
    }
    return top;
  };
  for (const row of usable) {
    for (const owner of row.ownerIds) if (!parent.has(owner)) parent.set(owner, owner);
    const first = root(row.ownerIds[0] as string);
    for (const owner of row.ownerIds.slice(1)) {
      const other = root(owner);
      if (other !== first) parent.set(other, first);
    }
  }
  const groups = new Map<string, { unit: RollUnitDraft; names: Map<string, string> }>();
  for (const row of usable) {
    const key = root(row.ownerIds[0] as string);
    const group = groups.get(key) ?? {
      unit: { unit: groups.size + 1, dwellingIds: [], ownerIds: [], ownerNames: [], areaCents: 0 },
      names: new Map<string, string>(),
    };
    group.unit.dwellingIds.push(row.dwellingId);
    group.unit.areaCents += cents(row.floorArea as string);
    for (const [index, owner] of row.ownerIds.entries()) group.names.set(owner, row.ownerNames[index] ?? "");
    groups.set(key, group);
  }
  const units = [...groups.values()].map(({ unit, names }) => {
    const ownerIds = [...names.keys()].sort();
    return { ...unit, ownerIds, ownerNames: ownerIds.map((owner) => names.get(owner) ?? "") };
  });
  return { units, gaps };
}

/** The owners' register: who owns each dwelling, and the roll an owners' vote is counted on. */
export class OwnerRollService {
  constructor(
    private readonly deps: { db: Database; audit: AuditService; residents: ResidentService; compounds: CompoundService },
  ) {}

  /** Replaces a dwelling's owners (from the property certificate); each must be a resident the actor sees. */
  async setOwners(actor: Actor, dwellingId: string, input: SetDwellingOwners, context: RequestContext): Promise<void> {
    authorizeOwnersRegister(actor);
    const dwelling = await new OwnerRollRepository(this.deps.db).dwellingInScope(dwellingId, actor.scope);
    if (!dwelling) throw notFound();
    const names = await this.deps.residents.namesOf(actor, input.residentIds);
    const errors: FieldErrorInput[] = input.residentIds.flatMap((id, index) =>
      names.has(id) ? [] : [{ in: "body" as const, field: `residentIds.${index}`, code: "unknown_resident" }],
    );
    if (errors.length > 0) throw new AppError("validation_failed", 400, errors);
    await this.deps.db.transaction(async (tx) => {
      await new OwnerRollRepository(tx).replaceOwners(dwelling.id, dwelling.regionCode, input.residentIds);
      await this.deps.audit.record(
        tx,
        succeeded(actor, context, "deliberation.owners_set", { type: "dwelling", id: dwelling.id }),
      );
    });
  }

  /** The compound's roll as the organisers check it before a vote: areas, owners, and what is missing. */
  async roll(actor: Actor, compoundId: string): Promise<OwnerRoll> {
    authorizeDeliberation(actor, "deliberation.read", "deliberation.manage");
    const compound = await this.deps.compounds.get(actor, compoundId).catch((error: unknown) => {
      if (error instanceof AppError && error.status === 403) throw notFound();
      throw error;
    });
    const rows = await new OwnerRollRepository(this.deps.db).dwellingsOf(compound.id);
    const { units, gaps } = unitsOf(rows);
    return {
      compoundId: compound.id,
      dwellings: rows.map((row) => ({
        dwellingId: row.dwellingId,
        label: row.label,
        floorArea: row.floorArea === null ? null : Number(row.floorArea),
        owners: row.ownerIds.map((residentId, index) => ({ residentId, name: row.ownerNames[index] ?? "" })),
      })),
      owners: units.length,
      area: units.reduce((sum, unit) => sum + unit.areaCents, 0) / 100,
      missingArea: gaps.filter((gap) => gap.missing === "floor_area").length,
      missingOwners: gaps.filter((gap) => gap.missing === "owners").length,
    };
  }

  async exportRoll(actor: Actor, compoundId: string, locale: Locale): Promise<Buffer> {
    return ownerRollWorkbook(await this.roll(actor, compoundId), locale);
  }

  /** The roll to freeze when a vote opens (read on `db`, the caller's transaction). */
  async unitsFor(db: Database, compoundId: string): Promise<{ units: RollUnitDraft[]; gaps: RollGap[] }> {
    return unitsOf(await new OwnerRollRepository(db).dwellingsOf(compoundId));
  }
}
