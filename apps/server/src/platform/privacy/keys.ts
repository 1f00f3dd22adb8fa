import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { Config } from "../../config.js";
import { FieldCipher, parseFieldKeys } from "./field-cipher.js";

/** The keys of sensitive fields: the cipher that seals and opens them, and the blind-index key. */
export interface PrivacyKeys {
  cipher: FieldCipher;
  blindIndexKey: Buffer;
}

export function parseBlindIndexKey(text: string): Buffer {
  const key = Buffer.from(text.trim(), "base64");
  if (key.length < 32) throw new Error("the blind index key must be at least 32 bytes in base64");
  return key;
}

/** A new key entry `id:base64` for FIELD_KEYS, named by today's date. */
export function newFieldKeyEntry(now = new Date()): string {
  return `k${now.toISOString().slice(0, 10).replaceAll("-", "")}:${randomBytes(32).toString("base64")}`;
}

function writeSecret(path: string, content: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  writeFileSync(path, content, { mode: 0o600, flag: "wx" });
  chmodSync(path, 0o600);
}

/**
 * Reads the keys from the environment or their files. On the embedded database (one process,
 * one data directory) missing files are created with fresh keys, so `npm start` needs nothing;
 * on PostgreSQL, where several servers must share the same keys, missing keys stop the start.
 * `generated` names the files written, for the start-up banner.
 */
export function loadPrivacyKeys(config: Config["privacy"], engine: "pglite" | "postgres"): PrivacyKeys & { generated: string[] } {
  const generated: string[] = [];
  const read = (inline: string | null, file: string, variable: string, make: () => string): string => {
    if (inline) return inline;
    if (existsSync(file)) return readFileSync(file, "utf8");
    if (engine === "postgres")
      throw new Error(`${variable} or ${variable}_FILE is not set and ${file} does not exist (see docs/security.md, "Keys")`);
    writeSecret(file, make());
    generated.push(file);
    return readFileSync(file, "utf8");
  };
  const fieldKeys = read(config.fieldKeys, config.fieldKeysFile, "FIELD_KEYS", () => `${newFieldKeyEntry()}\n`);
  const blindIndexKey = read(
    config.blindIndexKey,
    config.blindIndexKeyFile,
    "BLIND_INDEX_KEY",
    () => `${randomBytes(32).toString("base64")}\n`,
  );
  return { cipher: new FieldCipher(parseFieldKeys(fieldKeys)), blindIndexKey: parseBlindIndexKey(blindIndexKey), generated };
}
