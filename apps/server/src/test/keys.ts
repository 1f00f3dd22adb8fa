import { FieldCipher, parseFieldKeys } from "../platform/privacy/field-cipher.js";
import { type PrivacyKeys, parseBlindIndexKey } from "../platform/privacy/keys.js";

/** Fixed keys for tests only (never a deployment's): the same in every run, so sealed values compare. */
export const testKeyEnvironment = {
  FIELD_KEYS: `test2026:${Buffer.alloc(32, 7).toString("base64")}`,
  BLIND_INDEX_KEY: Buffer.alloc(32, 9).toString("base64"),
};

export const testPrivacyKeys: PrivacyKeys = {
  cipher: new FieldCipher(parseFieldKeys(testKeyEnvironment.FIELD_KEYS)),
  blindIndexKey: parseBlindIndexKey(testKeyEnvironment.BLIND_INDEX_KEY),
};
