import { defaultRolePermissions } from "@linli/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseUrl, withDatabase } from "../test/postgres-admin.js";
import { openTestDatabase, type TestDatabase, testEngine } from "../test/test-database.js";
import { openDatabase } from "./client.js";
import { appliedMigrationCount, applyMigrations, expectedMigrationCount } from "./migrate.js";
import { rolePermissions } from "./schema.js";

describe("migrations", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(() => database?.close());

  it("seed the role → permission table with exactly the defaults in the code", async () => {
    const rows = await database.handle.db.select().from(rolePermissions);
    const seeded = rows.map((row) => `${row.role}:${row.permission}`).sort();
    const expected = Object.entries(defaultRolePermissions)
      .flatMap(([role, granted]) => granted.map((permission) => `${role}:${permission}`))
      .sort();
    expect(seeded).toEqual(expected);
  });

  it("are all applied; the owner applying them again changes nothing, the application's role may not", async () => {
    expect(expectedMigrationCount()).toBeGreaterThan(0);
    expect(await appliedMigrationCount(database.handle.db)).toBe(expectedMigrationCount());
    await expect(applyMigrations(database.handle)).rejects.toThrow();
    const owner = await openTestDatabase(testEngine, { role: null });
    try {
      await applyMigrations(owner.handle);
      expect(await appliedMigrationCount(owner.handle.db)).toBe(expectedMigrationCount());
    } finally {
      await owner.close();
    }
  });
});

// Only PostgreSQL has several instances; on PGlite one process owns the data directory.
const server = process.env.TEST_DATABASE_URL;
if (server) {
  describe("migrations on PostgreSQL", () => {
    it("run once when several instances start together on an empty database", async () => {
      const name = `linli_test_concurrent_${Date.now()}`;
      await withDatabase(server, (client) => client.query(`create database ${name}`));
      const instances = await Promise.all(
        [1, 2, 3].map(() => openDatabase({ engine: "postgres", url: databaseUrl(server, name), poolSize: 2 })),
      );
      try {
        await Promise.all(instances.map((instance) => applyMigrations(instance)));
        for (const instance of instances) expect(await appliedMigrationCount(instance.db)).toBe(expectedMigrationCount());
      } finally {
        for (const instance of instances) await instance.close();
        await withDatabase(server, (client) => client.query(`drop database if exists ${name} with (force)`));
      }
    });
  });
}
