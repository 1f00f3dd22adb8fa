import { newFieldKeyEntry } from "../platform/privacy/keys.js";

/** npm run keys:generate — prints a new field key entry (`id:base64`) to put first in FIELD_KEYS; nothing is stored. */
process.stdout.write(`${newFieldKeyEntry()}\n`);
