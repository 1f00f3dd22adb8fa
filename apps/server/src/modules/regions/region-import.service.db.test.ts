import { asc } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { regions } from "../../db/schema.js";
import { hengyangDivisions } from "../../test/regions.js";
import { openTestDatabase, type TestDatabase } from "../../test/test-database.js";
import type { DivisionRecord } from "./division-source.js";
import { RegionImportService } from "./region-import.service.js";

let database: TestDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database?.close());
beforeEach(() => database.reset());

const hengyang = [...hengyangDivisions];

const importing = (records: DivisionRecord[], prefix = "43") =>
  new RegionImportService(database.handle.db).importDivisions(records, prefix);
const stored = async () =>
  (await database.handle.db.select().from(regions).orderBy(asc(regions.code))).map((row) => [row.code, row.name, row.active]);

describe("importing divisions", () => {
  it("adds them, and a second run with the same source changes nothing", async () => {
    expect(await importing(hengyang)).toEqual({ total: 6, added: 6, updated: 0, reactivated: 0, deactivated: 0, unchanged: 0 });
    const first = await database.handle.db.select().from(regions).orderBy(asc(regions.code));
    expect(await importing(hengyang)).toEqual({ total: 6, added: 0, updated: 0, reactivated: 0, deactivated: 0, unchanged: 6 });
    expect(await database.handle.db.select().from(regions).orderBy(asc(regions.code))).toEqual(first);
  });

  it("updates a changed name, marks a vanished code inactive without deleting it, and revives it when it returns", async () => {
    await importing(hengyang);
    const renamed = hengyang
      .filter((record) => record.code !== "430405009010")
      .map((record) => (record.code === "430405009009" ? { ...record, name: "葵花里社区居民委员会" } : record));
    expect(await importing(renamed)).toMatchObject({ updated: 1, deactivated: 1, added: 0 });
    expect(await stored()).toContainEqual(["430405009010", "新民社区居委会", false]);
    expect(await stored()).toContainEqual(["430405009009", "葵花里社区居民委员会", true]);
    expect(await importing(hengyang)).toMatchObject({ updated: 1, reactivated: 1, deactivated: 0 });
    expect(await stored()).toContainEqual(["430405009010", "新民社区居委会", true]);
  });

  it("leaves other provinces alone", async () => {
    await importing([{ code: "11", level: 1, name: "北京市", parentCode: null }], "11");
    expect(await importing(hengyang)).toMatchObject({ deactivated: 0 });
    expect(await stored()).toContainEqual(["11", "北京市", true]);
  });

  it("writes nothing when the source fails half-way", async () => {
    async function* broken() {
      yield* hengyang.slice(0, 3);
      throw new Error("villages.csv: unexpected line");
    }
    await expect(new RegionImportService(database.handle.db).importDivisions(broken(), "43")).rejects.toThrow(/unexpected/);
    expect(await stored()).toEqual([]);
  });
});
