import { everywhere, type Scope } from "@linli/contracts";
import { type AnyColumn, type SQL, sql } from "drizzle-orm";

/**
 * Area scope (DESIGN.md "Scope"): an account holds division-code prefixes and/or grids, and sees
 * or changes a scoped record only inside them. Every repository of scoped data filters with
 * `inScope` (or `scopeWithin` for records that carry a scope of their own, such as accounts);
 * services check new records with `covers`. A record outside answers 404, as if it did not exist.
 */

export function coversEverywhere(scope: Scope): boolean {
  return scope.regions.includes(everywhere);
}

/** Whether a record at `regionCode` (and `gridCode`, when it lies in a grid) is inside the scope. */
export function covers(scope: Scope, regionCode: string, gridCode?: string | null): boolean {
  if (scope.regions.some((prefix) => prefix === everywhere || regionCode.startsWith(prefix))) return true;
  return gridCode != null && scope.grids.includes(gridCode);
}

/**
 * Whether every place of `inner` lies inside `outer`: the test for granting a scope without
 * widening one's own. Only an account that covers everywhere sees or grants an empty scope or `*`,
 * because an account without a scope is a deployment-level account.
 */
export function contains(outer: Scope, inner: Scope): boolean {
  if (coversEverywhere(outer)) return true;
  if (inner.regions.length + inner.grids.length === 0) return false;
  const regionInside = (code: string) => code !== everywhere && outer.regions.some((prefix) => code.startsWith(prefix));
  return inner.regions.every(regionInside) && inner.grids.every((grid) => regionInside(grid) || outer.grids.includes(grid));
}

/** `column like 'prefix%'`: a B-tree with text_pattern_ops (or COLLATE "C") serves it. */
const startsWith = (column: AnyColumn | SQL, prefix: string) => sql`${column} like ${`${prefix}%`}`;

const anyOf = (conditions: SQL[]) => (conditions.length === 0 ? sql`false` : sql`(${sql.join(conditions, sql` or `)})`);

/**
 * SQL: rows whose `region` column (a division code) lies in the scope, or whose `grid` column is
 * one of its grids. One `like` per prefix, so each can use the index.
 */
export function inScope(scope: Scope, columns: { region: AnyColumn | SQL; grid?: AnyColumn | SQL }): SQL {
  if (coversEverywhere(scope)) return sql`true`;
  const conditions = scope.regions.map((prefix) => startsWith(columns.region, prefix));
  const grid = columns.grid;
  // "is not null and": a record without a grid is outside every grid (false, not SQL's null).
  if (grid && scope.grids.length > 0)
    conditions.push(...scope.grids.map((code) => sql`(${grid} is not null and ${grid} = ${code})`));
  return anyOf(conditions);
}

/** SQL: rows that carry a scope of their own (`regions`, `grids` text[] columns) lying inside `scope`. */
export function scopeWithin(scope: Scope, columns: { regions: AnyColumn | SQL; grids: AnyColumn | SQL }): SQL {
  if (coversEverywhere(scope)) return sql`true`;
  const regionInside = (value: SQL) => anyOf(scope.regions.map((prefix) => startsWith(value, prefix)));
  const gridInside = (value: SQL) =>
    anyOf([...scope.regions.map((prefix) => startsWith(value, prefix)), ...scope.grids.map((code) => sql`${value} = ${code}`)]);
  return sql`(cardinality(${columns.regions}) + cardinality(${columns.grids}) > 0
    and not exists (select 1 from unnest(${columns.regions}) as r where not ${regionInside(sql`r`)})
    and not exists (select 1 from unnest(${columns.grids}) as g where not ${gridInside(sql`g`)}))`;
}
