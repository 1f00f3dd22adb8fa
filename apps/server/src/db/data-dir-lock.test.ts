import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lockDataDir } from "./data-dir-lock.js";

describe("lockDataDir", () => {
  it("refuses a directory another running process holds, naming it", () => {
    const dir = mkdtempSync(join(tmpdir(), "linli-lock-"));
    writeFileSync(join(dir, "linli.lock"), String(process.ppid));
    expect(() => lockDataDir(dir)).toThrow(`in use by process ${process.ppid}`);
  });

  it("takes over a lock left by a process that has died, and releases it", () => {
    const dir = mkdtempSync(join(tmpdir(), "linli-lock-"));
    writeFileSync(join(dir, "linli.lock"), "2147483646");
    const release = lockDataDir(dir);
    expect(readFileSync(join(dir, "linli.lock"), "utf8")).toBe(String(process.pid));
    release();
    const again = lockDataDir(dir);
    again();
  });
});
