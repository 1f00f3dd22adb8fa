import { sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf } from "../../db/migrate.js";
import { openTestDatabase, type TestDatabase } from "../../test/test-database.js";
import { contains, covers, inScope, scopeWithin } from "./scope.js";

// Codes drawn from a small alphabet so that prefixes often match: the interesting cases.
const digits = (length: number) => fc.array(fc.constantFrom("0", "1"), { minLength: length, maxLength: length });
const prefix = fc.constantFrom(2, 4, 6, 9, 12).chain((length) => digits(length).map((d) => d.join("")));
const region = fc.oneof({ weight: 9, arbitrary: prefix }, { weight: 1, arbitrary: fc.constant("*") });
const grid = digits(15).map((d) => d.join(""));
const scope = fc.record({
  regions: fc.uniqueArray(region, { maxLength: 3 }),
  grids: fc.uniqueArray(grid, { maxLength: 3 }),
});

const textArray = (values: readonly string[]) =>
  values.length === 0
    ? sql`'{}'::text[]`
    : sql`array[${sql.join(
        values.map((v) => sql`${v}`),
        sql`, `,
      )}]::text[]`;

describe("scope SQL", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(() => database.close());

  const evaluate = async (condition: ReturnType<typeof inScope>) =>
    rowsOf<{ inside: boolean }>(await database.handle.db.execute(sql`select ${condition} as inside`))[0]?.inside;

  it("filters a record by region and grid exactly as the service's check does", async () => {
    await fc.assert(
      fc.asyncProperty(scope, digits(12), fc.option(digits(3)), async (held, community, sequence) => {
        const regionCode = community.join("");
        const gridCode = sequence ? regionCode + sequence.join("") : null;
        const condition = inScope(held, { region: sql`${regionCode}::text`, grid: sql`${gridCode}::text` });
        expect(await evaluate(condition)).toBe(covers(held, regionCode, gridCode));
      }),
      { numRuns: 150 },
    );
  });

  it("filters records that carry a scope exactly as the grant check does", async () => {
    await fc.assert(
      fc.asyncProperty(scope, scope, async (outer, inner) => {
        const condition = scopeWithin(outer, { regions: textArray(inner.regions), grids: textArray(inner.grids) });
        expect(await evaluate(condition)).toBe(contains(outer, inner));
      }),
      { numRuns: 150 },
    );
  });
});
