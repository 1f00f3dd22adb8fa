import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IdentityRepository } from "../modules/identity/identity.repository.js";
import { buildUser } from "../test/builders.js";
import { openTestDatabase, type TestDatabase } from "../test/test-database.js";

/**
 * The same repository code, run on PGlite and (when TEST_DATABASE_URL is set, as in CI) on a
 * PostgreSQL server whose default collation is ICU zh-CN, must give identical results.
 */
const engines = process.env.TEST_DATABASE_URL ? (["pglite", "postgres"] as const) : (["pglite"] as const);

const people = [
  { username: "Bob", displayName: "鲍勃" },
  { username: "_x", displayName: "下划线" },
  { username: "admin", displayName: "系统管理员" },
  { username: "a_b", displayName: "安贝" },
  { username: "axb", displayName: "安小北" },
  { username: "zhang", displayName: "张三" },
  { username: "Zhao", displayName: "赵四" },
];

async function scenario(database: TestDatabase) {
  const repository = new IdentityRepository(database.handle.db);
  for (const person of people) await buildUser(database.handle.db, person);
  const page = async (options: Omit<Parameters<IdentityRepository["listUsers"]>[0], "scope">) =>
    (await repository.listUsers({ scope: { regions: ["*"], grids: [] }, ...options })).map((row) => row.username);
  return {
    count: await repository.countUsers(),
    all: await page({ limit: 100 }),
    firstPage: await page({ limit: 3 }),
    afterCursor: await page({ limit: 3, afterUsername: "_x" }),
    prefixUnderscore: await page({ limit: 100, prefix: "a_" }),
    prefixChinese: await page({ limit: 100, prefix: "安" }),
    prefixPercent: await page({ limit: 100, prefix: "%" }),
    found: (await repository.findUserByUsername("Zhao"))?.displayName,
    missing: await repository.findUserByUsername("zhao"),
  };
}

describe("engine parity", () => {
  const databases: TestDatabase[] = [];
  beforeAll(async () => {
    for (const engine of engines) databases.push(await openTestDatabase(engine));
  });
  afterAll(async () => {
    for (const database of databases) await database.close();
  });

  it(`gives the same results on ${engines.join(" and ")}`, async () => {
    const results = [];
    for (const database of databases) results.push(await scenario(database));
    const expected = {
      count: 7,
      all: ["Bob", "Zhao", "_x", "a_b", "admin", "axb", "zhang"],
      firstPage: ["Bob", "Zhao", "_x"],
      afterCursor: ["a_b", "admin", "axb"],
      prefixUnderscore: ["a_b"],
      prefixChinese: ["a_b", "axb"],
      prefixPercent: [],
      found: "赵四",
      missing: undefined,
    };
    for (const result of results) expect(result).toEqual(expected);
  });
});
