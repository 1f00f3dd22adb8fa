import { loadConfig } from "../config.js";
import { loadPrivacyKeys } from "../platform/privacy/keys.js";
import { createServices } from "../services.js";
import { openMigratedDatabase } from "../start.js";

/**
 * npm run keys:reseal — after a new key was put first in FIELD_KEYS (or its file), re-seals every
 * ID and phone number still sealed with an older key; the older key may then be removed.
 */
const config = loadConfig();
const database = await openMigratedDatabase(config).catch((error: Error) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(2);
});
try {
  const keys = loadPrivacyKeys(config.privacy, config.database.engine);
  const services = createServices(database.db, { ...config, keys });
  const residents = await services.residents.resealStale();
  const reporters = await services.cases.resealStale();
  process.stdout.write(
    `Re-sealed ${residents} resident(s) and ${reporters} case reporter(s) with key ${keys.cipher.currentKeyId}; no value is sealed with an older key now.\n`,
  );
} finally {
  await database.close();
}
