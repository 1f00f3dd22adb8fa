import type { Building, BuildingList, CompoundDetail, DwellingPage, Problem } from "@linli/contracts";
import { beforeEach, describe, expect, it } from "vitest";
import { dwellings } from "../../db/schema.js";
import { startAsStreetAdmin } from "../../test/regions.js";
import { sessionHeaders, signInNewUser, useTestApp } from "../../test/test-app.js";

const context = useTestApp();
const kuihuali = "430405009009";
let manager: string;
let compoundId: string;

beforeEach(async () => {
  manager = await startAsStreetAdmin(context);
  compoundId = (await send("POST", "/api/compounds", { regionCode: kuihuali, name: "新葵花苑小区" })).json<CompoundDetail>().id;
});

const send = (method: "POST" | "GET", url: string, payload?: object, session = manager) =>
  context.app.inject({ method, url, headers: sessionHeaders(session), ...(payload ? { payload } : {}) });
const errorsOf = (response: { json: () => unknown }) =>
  (response.json() as Problem).errors?.map(({ field, code }) => ({ field, code }));
const building = async (name: string, entrances: string[] = []) => {
  const response = await send("POST", `/api/compounds/${compoundId}/buildings`, { name, floors: 6, entrances });
  expect(response.statusCode).toBe(201);
  return response.json<Building>();
};

describe("buildings and dwellings", () => {
  it("add up: each building shows its entrances, how many dwellings and their floor area", async () => {
    const three = await building("3栋", ["1单元", "2单元"]);
    expect(three.entrances.map((entrance) => entrance.name)).toEqual(["1单元", "2单元"]);
    const [first, second] = three.entrances;
    for (const [entranceId, number, floorArea] of [
      [first?.id, "101", 89.5],
      [first?.id, "102", 120.25],
      [second?.id, "101", 75],
    ] as const) {
      const response = await send("POST", "/api/dwellings", { buildingId: three.id, entranceId, number, floor: 1, floorArea });
      expect(response.statusCode).toBe(201);
    }
    await building("1栋");
    const list = (await send("GET", `/api/compounds/${compoundId}/buildings`)).json<BuildingList>();
    expect(list.items.map(({ name, dwellingsCount, floorAreaTotal }) => ({ name, dwellingsCount, floorAreaTotal }))).toEqual([
      { name: "1栋", dwellingsCount: 0, floorAreaTotal: 0 },
      { name: "3栋", dwellingsCount: 3, floorAreaTotal: 284.75 },
    ]);
  });

  it("lists a compound's dwellings a page at a time, each exactly once", async () => {
    const one = await building("1栋");
    for (let number = 101; number <= 105; number += 1)
      await send("POST", "/api/dwellings", { buildingId: one.id, number: String(number), floorArea: 60 });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `/api/dwellings?compoundId=${compoundId}&limit=2${cursor ? `&cursor=${cursor}` : ""}`;
      const page: DwellingPage = (await send("GET", query)).json<DwellingPage>();
      seen.push(...page.items.map((dwelling) => dwelling.number));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(["101", "102", "103", "104", "105"]);
  });

  it("refuses a dwelling without its entrance, in another building's entrance, twice, or with an odd area — naming the field, writing nothing", async () => {
    const three = await building("3栋", ["1单元"]);
    const other = await building("5栋", ["1单元"]);
    const dwelling = (body: object) =>
      send("POST", "/api/dwellings", { buildingId: three.id, number: "101", floorArea: 80, ...body });
    expect(errorsOf(await dwelling({}))).toEqual([{ field: "entranceId", code: "required" }]);
    expect(errorsOf(await dwelling({ entranceId: other.entrances[0]?.id }))).toEqual([
      { field: "entranceId", code: "not_in_building" },
    ]);
    expect(errorsOf(await dwelling({ entranceId: three.entrances[0]?.id, floorArea: 80.123 }))).toEqual([
      { field: "floorArea", code: "too_precise" },
    ]);
    expect(errorsOf(await dwelling({ entranceId: three.entrances[0]?.id, floorArea: 0 }))).toEqual([
      { field: "floorArea", code: "too_small_number" },
    ]);
    expect(errorsOf(await dwelling({ buildingId: "01a2258f-bd97-74a6-8f0f-68ce3c9c8a1f" }))).toEqual([
      { field: "buildingId", code: "unknown_building" },
    ]);
    expect(await context.database.handle.db.select().from(dwellings)).toEqual([]);
    expect((await dwelling({ entranceId: three.entrances[0]?.id })).statusCode).toBe(201);
    const twice = await dwelling({ entranceId: three.entrances[0]?.id });
    expect(twice.statusCode).toBe(409);
    expect(errorsOf(twice)).toEqual([{ field: "number", code: "taken" }]);
  });

  it("refuses a building of the same name twice, and entrances named twice", async () => {
    await building("3栋");
    const again = await send("POST", `/api/compounds/${compoundId}/buildings`, { name: "3栋" });
    expect(errorsOf(again)).toEqual([{ field: "name", code: "taken" }]);
    const doubled = await send("POST", `/api/compounds/${compoundId}/buildings`, { name: "4栋", entrances: ["1单元", "1单元"] });
    expect(errorsOf(doubled)).toEqual([{ field: "entrances", code: "duplicate" }]);
  });

  it("are out of reach outside your scope", async () => {
    const three = await building("3栋");
    const neighbour = await signInNewUser(context, {
      username: "xinmin.chief",
      roles: ["chief_grid_leader"],
      scope: { regions: ["430405009010"], grids: [] },
    });
    expect((await send("GET", `/api/compounds/${compoundId}/buildings`, undefined, neighbour)).statusCode).toBe(404);
    const dwelling = await send("POST", "/api/dwellings", { buildingId: three.id, number: "101", floorArea: 80 }, neighbour);
    expect(errorsOf(dwelling)).toEqual([{ field: "buildingId", code: "unknown_building" }]);
    const listed = (await send("GET", `/api/dwellings?compoundId=${compoundId}`, undefined, neighbour)).json<DwellingPage>();
    expect(listed.items).toEqual([]);
  });
});
