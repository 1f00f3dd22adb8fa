import type { CompoundDetail, GridDetail, Location, Problem } from "@linli/contracts";
import { beforeEach, describe, expect, it } from "vitest";
import { grids } from "../../db/schema.js";
import { box } from "../../test/geometry.js";
import { startAsStreetAdmin } from "../../test/regions.js";
import { sessionHeaders, signInNewUser, useTestApp } from "../../test/test-app.js";

const context = useTestApp();
const kuihuali = "430405009009";
const xinmin = "430405009010";
let manager: string;

beforeEach(async () => {
  manager = await startAsStreetAdmin(context);
});

const send = (method: "POST" | "PUT" | "GET", url: string, payload?: object, session = manager) =>
  context.app.inject({ method, url, headers: sessionHeaders(session), ...(payload ? { payload } : {}) });
const errorsOf = (response: { json: () => unknown }) =>
  (response.json() as Problem).errors?.map(({ field, code, message }) => ({ field, code, message }));
const grid = (sequence: number, boundary?: object, regionCode = kuihuali) =>
  send("POST", "/api/grids", { regionCode, sequence, name: `第${sequence}网格`, ...(boundary ? { boundary } : {}) });
const locate = async (lon: number, lat: number, session = manager) =>
  (await send("GET", `/api/locate?lon=${lon}&lat=${lat}`, undefined, session)).json<Location>();

describe("boundaries", () => {
  it("refuse a ring that does not close, a self-crossing ring and out-of-range coordinates, naming the field; nothing is written", async () => {
    const open = {
      type: "Polygon",
      coordinates: [
        [
          [112.63, 26.9],
          [112.64, 26.9],
          [112.64, 26.91],
          [112.63, 26.91],
        ],
      ],
    };
    const unclosed = await grid(1, open);
    expect(unclosed.statusCode).toBe(400);
    expect(errorsOf(unclosed)).toEqual([
      { field: "boundary.coordinates.0", code: "ring_not_closed", message: "边界环未闭合（首尾坐标须相同）" },
    ]);
    const bowTie = {
      type: "Polygon",
      coordinates: [
        [
          [112.63, 26.9],
          [112.64, 26.91],
          [112.64, 26.9],
          [112.63, 26.91],
          [112.63, 26.9],
        ],
      ],
    };
    expect(errorsOf(await grid(1, bowTie))).toEqual([
      { field: "boundary.coordinates", code: "self_crossing", message: "边界自相交" },
    ]);
    const far = box(112.63, 26.9, 181, 26.91);
    expect(errorsOf(await grid(1, far))?.map(({ field, code }) => ({ field, code }))).toEqual([
      { field: "boundary.coordinates.0.1.0", code: "too_big_number" },
      { field: "boundary.coordinates.0.2.0", code: "too_big_number" },
    ]);
    expect(await context.database.handle.db.select().from(grids)).toEqual([]);
  });

  it("refuse a grid overlapping another of the community, naming it; grids sharing an edge, or in another community, are fine", async () => {
    expect((await grid(1, box(112.63, 26.9, 112.64, 26.91))).statusCode).toBe(201);
    expect((await grid(2, box(112.64, 26.9, 112.65, 26.91))).statusCode).toBe(201);
    const overlapping = await grid(3, box(112.645, 26.905, 112.66, 26.92));
    expect(overlapping.statusCode).toBe(409);
    expect(errorsOf(overlapping)).toEqual([
      { field: "boundary", code: "overlaps", message: "与本社区的网格 430405009009002（第2网格）重叠" },
    ]);
    expect((await grid(1, box(112.645, 26.905, 112.66, 26.92), xinmin)).statusCode).toBe(201);
    const redraw = await send("PUT", "/api/grids/430405009009001/boundary", { boundary: box(112.63, 26.9, 112.645, 26.91) });
    expect(errorsOf(redraw)?.[0]?.code).toBe("overlaps");
    const [kept] = await context.database.handle.db.select().from(grids).orderBy(grids.code).limit(1);
    expect(kept?.boundary).toEqual(box(112.63, 26.9, 112.64, 26.91));
  });

  it("must lie inside the community's area once it is drawn", async () => {
    const area = await send("PUT", `/api/regions/${kuihuali}/boundary`, { boundary: box(112.63, 26.9, 112.65, 26.92) });
    expect(area.statusCode).toBe(200);
    expect(area.json()).toMatchObject({ code: kuihuali, boundary: box(112.63, 26.9, 112.65, 26.92) });
    expect((await grid(1, box(112.63, 26.9, 112.64, 26.91))).statusCode).toBe(201);
    const outside = await grid(2, box(112.645, 26.9, 112.66, 26.91));
    expect(errorsOf(outside)).toEqual([{ field: "boundary", code: "outside_community_area", message: "超出所属社区的范围" }]);
    const compound = await send("POST", "/api/compounds", {
      regionCode: kuihuali,
      name: "新葵花苑小区",
      boundary: box(112.62, 26.9, 112.635, 26.905),
    });
    expect(errorsOf(compound)?.[0]?.code).toBe("outside_community_area");
  });

  it("of a community are drawn only inside your scope", async () => {
    const chief = await signInNewUser(context, {
      username: "kuihuali.chief",
      roles: ["chief_grid_leader"],
      scope: { regions: [kuihuali], grids: [] },
    });
    const drawn = (code: string) =>
      send("PUT", `/api/regions/${code}/boundary`, { boundary: box(112.6, 26.8, 112.61, 26.81) }, chief);
    expect((await drawn(xinmin)).statusCode).toBe(403);
    expect((await drawn(kuihuali)).statusCode).toBe(200);
  });
});

describe("GET /api/locate", () => {
  beforeEach(async () => {
    await grid(1, box(112.63, 26.9, 112.64, 26.91));
    await grid(2, box(112.64, 26.9, 112.65, 26.91));
  });

  it("finds the grid and compound a point lies in; none outside", async () => {
    const compound = await send("POST", "/api/compounds", {
      regionCode: kuihuali,
      name: "新葵花苑小区",
      boundary: box(112.632, 26.902, 112.636, 26.906),
    });
    const { id } = compound.json<CompoundDetail>();
    expect(await locate(112.634, 26.904)).toEqual({
      grid: { code: "430405009009001", regionCode: kuihuali, name: "第1网格" },
      compound: { id, regionCode: kuihuali, name: "新葵花苑小区" },
    });
    expect(await locate(112.645, 26.905)).toEqual({
      grid: { code: "430405009009002", regionCode: kuihuali, name: "第2网格" },
      compound: null,
    });
    expect(await locate(112.7, 26.905)).toEqual({ grid: null, compound: null });
  });

  it("puts a point on an outer edge in the grid, and one on the shared edge in the lower-numbered grid", async () => {
    expect((await locate(112.63, 26.905)).grid?.code).toBe("430405009009001");
    expect((await locate(112.65, 26.91)).grid?.code).toBe("430405009009002");
    expect((await locate(112.64, 26.905)).grid?.code).toBe("430405009009001");
  });

  it("follows a redrawn boundary at once", async () => {
    expect((await locate(112.655, 26.905)).grid).toBeNull();
    const redraw = await send("PUT", "/api/grids/430405009009002/boundary", { boundary: box(112.64, 26.9, 112.66, 26.91) });
    expect(redraw.json<GridDetail>().boundary).toEqual(box(112.64, 26.9, 112.66, 26.91));
    expect((await locate(112.655, 26.905)).grid?.code).toBe("430405009009002");
  });

  it("answers only with grids of your scope", async () => {
    const member = await signInNewUser(context, {
      username: "grid.two",
      roles: ["grid_member"],
      scope: { regions: [], grids: ["430405009009002"] },
    });
    expect((await locate(112.635, 26.905, member)).grid).toBeNull();
    expect((await locate(112.645, 26.905, member)).grid?.code).toBe("430405009009002");
  });

  it("refuses coordinates that are not numbers or out of range, naming them", async () => {
    const response = await send("GET", "/api/locate?lon=east&lat=91");
    expect(response.statusCode).toBe(400);
    expect(errorsOf(response)?.map(({ field }) => field)).toEqual(["lon", "lat"]);
  });
});
