import { type OverviewLevel, registerPermission, registers } from "@linli/contracts";
import type { Actor } from "../../platform/auth/actor.js";
import { AppError } from "../../platform/errors/app-error.js";
import { coversEverywhere } from "../../platform/scope/scope.js";
import type { OverviewSight } from "./overview-figures.js";

/** Refuses an actor without the overview's permission. */
export function authorizeInsights(actor: Actor): void {
  if (!actor.permissions.includes("insights.read")) throw new AppError("forbidden", 403);
}

/** A section shows only to those who may read its module; a register's count only to its own readers. */
export function sightOf(actor: Actor): OverviewSight {
  const has = (permission: Actor["permissions"][number]) => actor.permissions.includes(permission);
  return {
    people: has("people.read"),
    cases: has("cases.read"),
    visits: has("visits.read"),
    disputes: has("disputes.read"),
    registers: registers.filter((register) => has(registerPermission(register))),
  };
}

const levelsByLength: Record<number, OverviewLevel> = {
  0: "all",
  2: "province",
  4: "city",
  6: "county",
  9: "township",
  12: "community",
};
export const areaLengths = [0, 2, 4, 6, 9, 12] as const;

export function levelOfArea(area: string): OverviewLevel {
  const level = levelsByLength[area.length];
  if (!level) throw new Error(`not an area code: ${area}`);
  return level;
}

/** Whether the account sees the whole of an area ('' for everywhere): one of its region prefixes covers it. */
export function seesArea(actor: Actor, area: string): boolean {
  return coversEverywhere(actor.scope) || (area !== "" && actor.scope.regions.some((prefix) => area.startsWith(prefix)));
}

/** Whether the account sees a grid: by a region prefix over it, or as one of its grids. */
export function seesGrid(actor: Actor, gridCode: string): boolean {
  return seesArea(actor, gridCode.slice(0, 12)) || actor.scope.grids.includes(gridCode);
}
