import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { RollDwellingRow } from "./owner-roll.repository.js";
import { unitsOf } from "./owner-roll.service.js";

const dwelling = (id: string, area: string | null, owners: string[]): RollDwellingRow => ({
  dwellingId: id,
  label: `1栋 ${id}`,
  floorArea: area,
  ownerIds: owners,
  ownerNames: owners.map((owner) => `name-${owner}`),
});

describe("the owners on a roll (法释〔2009〕7号 art. 9)", () => {
  it("counts an owner once whether they own alone or with a co-owner, adding the areas", () => {
    const { units, gaps } = unitsOf([
      dwelling("101", "80", ["zhang"]),
      dwelling("102", "80.5", ["li", "zhang"]),
      dwelling("201", "60", ["wang"]),
    ]);
    expect(gaps).toEqual([]);
    expect(units.map((unit) => [unit.dwellingIds, unit.ownerIds, unit.areaCents])).toEqual([
      [["101", "102"], ["li", "zhang"], 16_050],
      [["201"], ["wang"], 6_000],
    ]);
    expect(units[0]?.ownerNames).toEqual(["name-li", "name-zhang"]);
  });

  it("joins dwellings through shared owners transitively, and names the dwellings that keep a roll open", () => {
    const { units, gaps } = unitsOf([
      dwelling("1", "10", ["a"]),
      dwelling("2", "10", ["b", "c"]),
      dwelling("3", "10", ["c", "a"]),
      dwelling("4", null, ["d"]),
      dwelling("5", "10", []),
    ]);
    expect(units.map((unit) => unit.dwellingIds)).toEqual([["1", "2", "3"]]);
    expect(gaps).toEqual([
      { label: "1栋 4", missing: "floor_area" },
      { label: "1栋 5", missing: "owners" },
    ]);
  });

  it("gives as many owners as there are groups of dwellings linked by an owner, for any register", () => {
    const people = ["a", "b", "c", "d", "e", "f"];
    fc.assert(
      fc.property(fc.array(fc.subarray(people, { minLength: 1, maxLength: 3 }), { maxLength: 12 }), (ownerLists) => {
        const rows = ownerLists.map((owners, index) => dwelling(String(index), "50", owners));
        const { units } = unitsOf(rows);
        // The oracle: flood-fill the dwellings that share an owner.
        const seen = new Set<number>();
        let groups = 0;
        for (let start = 0; start < rows.length; start += 1) {
          if (seen.has(start)) continue;
          groups += 1;
          const queue = [start];
          seen.add(start);
          while (queue.length > 0) {
            const at = queue.pop() as number;
            for (let other = 0; other < rows.length; other += 1)
              if (!seen.has(other) && ownerLists[other]?.some((owner) => ownerLists[at]?.includes(owner))) {
                seen.add(other);
                queue.push(other);
              }
          }
        }
        expect(units).toHaveLength(groups);
        expect(units.reduce((sum, unit) => sum + unit.areaCents, 0)).toBe(rows.length * 5_000);
        const everyone = units.flatMap((unit) => unit.ownerIds);
        expect(new Set(everyone).size).toBe(everyone.length);
      }),
    );
  });
});
