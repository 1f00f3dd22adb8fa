import type { Config } from "./config.js";
import { type DatabaseHandle, openDatabase } from "./db/client.js";
import { applyMigrations } from "./db/migrate.js";

/** Opens the configured database and brings its schema up to date. */
export async function openMigratedDatabase(config: Config): Promise<DatabaseHandle> {
  const database = await openDatabase(config.database);
  try {
    await applyMigrations(database);
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}
