import { checkIdNumber } from "@linli/contracts";
import { beforeAll, describe, expect, it } from "vitest";
import { readDivisions } from "../modules/regions/division-source.js";
import { isIdRegion } from "../modules/regions/id-regions.js";
import { type CommunityPlan, hengyang, planCity } from "./city-plan.js";
import { emptyCityRows } from "./city-tables.js";
import { generatePeople } from "./community-people.js";
import { generatePlaces } from "./community-places.js";
import { Random } from "./random.js";

const now = new Date("2026-11-30T02:00:00Z");
let community: CommunityPlan;
beforeAll(async () => {
  const sources = [];
  for await (const division of readDivisions(hengyang.cityCode)) if (division.level === 5) sources.push(division);
  const found = planCity(sources, 1).communities.find((candidate) => candidate.code === "430405009009");
  if (!found) throw new Error("葵花里社区 is not in the division source");
  community = found;
});

function generate(takenIds = new Set<number>()) {
  const rows = emptyCityRows();
  const places = generatePlaces(community, { random: Random.of(community.code, "places"), now, passwordHash: "x" }, rows);
  const households = generatePeople(
    places,
    {
      random: Random.of(community.code, "people"),
      now,
      takenIds,
      protect: (_field, value) => ({ sealed: value, index: value, masked: value }),
    },
    rows,
  );
  return { rows, places, households };
}

const column = (rows: { columns: readonly string[]; rows: unknown[][] }, name: string) => {
  const index = rows.columns.indexOf(name);
  return rows.rows.map((row) => row[index]);
};

describe("a generated community", () => {
  it("is the same on every run", () => {
    expect(generate().rows.residents.rows).toEqual(generate().rows.residents.rows);
  });

  it("gives each resident a valid ID number of a real region of issue that nobody else holds, matching gender and birth date", () => {
    const { rows } = generate();
    const numbers = column(rows.residents, "id_number_sealed") as string[];
    expect(new Set(numbers).size).toBe(numbers.length);
    const genders = column(rows.residents, "gender");
    const births = column(rows.residents, "birth_date");
    numbers.forEach((number, index) => {
      const result = checkIdNumber(number, "2026-11-30");
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(isIdRegion(result.facts.regionCode)).toBe(true);
      expect(result.facts.gender).toBe(genders[index]);
      expect(result.facts.birthDate).toBe(births[index]);
    });
  });

  it("never repeats an ID number given in a community generated before it", () => {
    const taken = new Set<number>();
    const first = column(generate(taken).rows.residents, "id_number_sealed");
    const second = column(generate(taken).rows.residents, "id_number_sealed");
    expect(new Set([...first, ...second]).size).toBe(first.length + second.length);
  });

  it("houses one household in each dwelling, about 2.9 persons each, every resident in their household's dwelling and grid", () => {
    const { rows, households } = generate();
    expect(rows.households.rows).toHaveLength(community.households);
    expect(rows.dwellings.rows).toHaveLength(community.households);
    const perHousehold = rows.residents.rows.length / households.length;
    expect(perHousehold).toBeGreaterThan(2.6);
    expect(perHousehold).toBeLessThan(3.1);
    const householdOf = new Map(rows.households.rows.map((row) => [row[0], row]));
    for (const resident of rows.residents.rows) {
      const household = householdOf.get(resident[3]);
      expect(household?.[3]).toBe(resident[4]);
      expect(household?.[2]).toBe(resident[2]);
    }
  });

  it("staffs every grid with a grid member, and the community with a chief and a grid leader", () => {
    const { rows, places } = generate();
    expect(rows.grids.rows).toHaveLength(community.grids);
    const posts = column(rows.grid_staff, "post");
    expect(posts.filter((post) => post === "grid_member")).toHaveLength(community.grids);
    expect(posts.filter((post) => post === "chief_grid_leader")).toHaveLength(1);
    expect(new Set(places.gridMembers).size).toBe(community.grids);
  });
});
