import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../config.js";
import { loadPrivacyKeys } from "./keys.js";

const privacyIn = (directory: string, environment: Record<string, string> = {}) =>
  loadConfig({ DATA_DIR: directory, ...environment }).privacy;

describe("the keys of sensitive fields", () => {
  it("are created once on the embedded database, readable by the owner only, and the same at the next start", () => {
    const directory = mkdtempSync(join(tmpdir(), "linli-keys-"));
    const first = loadPrivacyKeys(privacyIn(directory), "pglite");
    expect(first.generated).toEqual([join(directory, "keys", "field-keys"), join(directory, "keys", "blind-index-key")]);
    expect(statSync(join(directory, "keys", "field-keys")).mode & 0o777).toBe(0o600);
    const sealed = first.cipher.seal("430405198001010017", "residents.id_number");
    const second = loadPrivacyKeys(privacyIn(directory), "pglite");
    expect(second.generated).toEqual([]);
    expect(second.cipher.open(sealed, "residents.id_number")).toBe("430405198001010017");
    expect(second.blindIndexKey.equals(first.blindIndexKey)).toBe(true);
    expect(readFileSync(join(directory, "keys", "field-keys"), "utf8")).toMatch(/^k\d{8}:[A-Za-z0-9+/=]{44}\n$/);
  });

  it("must be configured for PostgreSQL, where several servers share them: a missing key stops the start, naming the variable", () => {
    const directory = mkdtempSync(join(tmpdir(), "linli-keys-"));
    expect(() => loadPrivacyKeys(privacyIn(directory), "postgres")).toThrow(/FIELD_KEYS or FIELD_KEYS_FILE is not set/);
  });

  it("come from the environment before any file, and a malformed one is refused without echoing it", () => {
    const directory = mkdtempSync(join(tmpdir(), "linli-keys-"));
    const inline = {
      FIELD_KEYS: `a:${Buffer.alloc(32, 1).toString("base64")}`,
      BLIND_INDEX_KEY: Buffer.alloc(32, 2).toString("base64"),
    };
    expect(loadPrivacyKeys(privacyIn(directory, inline), "postgres").cipher.currentKeyId).toBe("a");
    expect(() => loadPrivacyKeys(privacyIn(directory, { ...inline, FIELD_KEYS: "a:c2VjcmV0" }), "postgres")).toThrow(
      /^field key entry 1 is not/,
    );
  });
});
