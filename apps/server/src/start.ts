import { sql } from "drizzle-orm";
import type { Config } from "./config.js";
import { type Database, type DatabaseHandle, openDatabase } from "./db/client.js";
import { applyMigrations, rowsOf } from "./db/migrate.js";

/**
 * Opens the configured database, brings its schema up to date as the login user (the owner),
 * then works as `config.databaseRole`, whose grants keep the application from altering the audit
 * trail. On PostgreSQL the migrating connection is closed and a pool opened under the role.
 */
export async function openMigratedDatabase(config: Config): Promise<DatabaseHandle> {
  const role = config.databaseRole;
  if (config.database.engine === "postgres") {
    const owner = await openDatabase({ ...config.database, poolSize: 2 });
    try {
      await applyMigrations(owner);
      if (role) await assertRoleUsable(owner.db, role);
    } finally {
      await owner.close();
    }
    return openDatabase({ ...config.database, role });
  }
  const database = await openDatabase(config.database);
  try {
    await applyMigrations(database);
    if (role) {
      await assertRoleUsable(database.db, role);
      await database.db.execute(sql`set role ${sql.identifier(role)}`);
    }
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}

async function assertRoleUsable(db: Database, role: string): Promise<void> {
  const result = await db.execute(
    sql`select case when exists (select 1 from pg_roles where rolname = ${role})
      then pg_has_role(current_user, ${role}, 'MEMBER') else false end as usable`,
  );
  if (!rowsOf<{ usable: boolean }>(result)[0]?.usable) {
    throw new Error(
      `the database user cannot SET ROLE ${role}: create it and grant it to the user (docs/operations.md, "Database roles"), or set DATABASE_ROLE=none`,
    );
  }
}
