import type { GridDetail, GridList, Problem, StaffTerm } from "@linli/contracts";
import { beforeEach, describe, expect, it } from "vitest";
import { gridStaff, grids } from "../../db/schema.js";
import { buildUser } from "../../test/builders.js";
import { startAsStreetAdmin } from "../../test/regions.js";
import { sessionHeaders, useTestApp } from "../../test/test-app.js";

const context = useTestApp();
const kuihuali = "430405009009";
const xinmin = "430405009010";
let manager: string;

beforeEach(async () => {
  manager = await startAsStreetAdmin(context);
});

const post = (url: string, payload: object) =>
  context.app.inject({ method: "POST", url, headers: sessionHeaders(manager), payload });
const errorsOf = (response: { json: () => unknown }) =>
  (response.json() as Problem).errors?.map(({ field, code }) => ({ field, code }));
const staffOf = async (scope: { regions: string[]; grids: string[] }) =>
  (await buildUser(context.database.handle.db, { roles: ["grid_member"], scope })).user.id;

async function gridOf(regionCode: string, sequence: number): Promise<string> {
  const response = await post("/api/grids", { regionCode, sequence, name: `第${sequence}网格` });
  expect(response.statusCode).toBe(201);
  return response.json<GridDetail>().code;
}

describe("grids", () => {
  it("take the community's code and a 3-digit sequence; a second grid with the same number is refused", async () => {
    expect(await gridOf(kuihuali, 1)).toBe("430405009009001");
    const again = await post("/api/grids", { regionCode: kuihuali, sequence: 1, name: "重号" });
    expect(again.statusCode).toBe(409);
    expect(errorsOf(again)).toEqual([{ field: "sequence", code: "taken" }]);
  });

  it("cover only compounds of their own community", async () => {
    const response = await post("/api/grids", {
      regionCode: kuihuali,
      sequence: 2,
      name: "第二网格",
      compoundIds: ["01a22634-8201-72df-b732-b80a63d40319"],
    });
    expect(errorsOf(response)).toEqual([{ field: "compoundIds", code: "not_in_community" }]);
    expect(await context.database.handle.db.select().from(grids)).toEqual([]);
  });
});

describe("the grid list", () => {
  it("comes a cursor page at a time, filtered by division", async () => {
    for (const sequence of [1, 2, 3]) await gridOf(kuihuali, sequence);
    await gridOf(xinmin, 1);
    const list = (url: string) => context.app.inject({ url, headers: sessionHeaders(manager) }).then((r) => r.json<GridList>());
    const first = await list(`/api/grids?region=${kuihuali}&limit=2`);
    expect(first.items.map((grid) => grid.code)).toEqual(["430405009009001", "430405009009002"]);
    const second = await list(`/api/grids?region=${kuihuali}&limit=2&cursor=${first.nextCursor}`);
    expect(second).toMatchObject({ items: [{ code: "430405009009003" }], nextCursor: null });
    expect((await list("/api/grids?region=430405009")).items).toHaveLength(4);
  });
});

describe("staffing", () => {
  it("offers the accounts working in the community, and no others", async () => {
    const inside = await staffOf({ regions: [kuihuali], grids: [] });
    const inGrid = await staffOf({ regions: [], grids: [`${kuihuali}002`] });
    await staffOf({ regions: [xinmin], grids: [] });
    const response = await context.app.inject({
      url: `/api/grid-staff/candidates?region=${kuihuali}`,
      headers: sessionHeaders(manager),
    });
    const ids = response.json<{ items: { id: string; username: string }[] }>().items.map((item) => item.id);
    expect(ids).toEqual(expect.arrayContaining([inside, inGrid]));
    expect(response.json<{ items: { username: string }[] }>().items.map((item) => item.username)).toContain("street.admin");
    expect(ids).toHaveLength(3);
  });

  it("has one chief grid leader per community at a time, and keeps the ended term", async () => {
    const first = await staffOf({ regions: [kuihuali], grids: [] });
    const second = await staffOf({ regions: [kuihuali], grids: [] });
    const chief = (userId: string, from: string) =>
      post("/api/grid-staff", { regionCode: kuihuali, userId, post: "chief_grid_leader", from });
    const term = (await chief(first, "2020-01-01")).json<StaffTerm>();
    const clash = await chief(second, "2023-01-01");
    expect(clash.statusCode).toBe(409);
    expect(errorsOf(clash)).toEqual([{ field: "post", code: "post_taken" }]);
    expect((await post(`/api/grid-staff/${term.id}/end`, { to: "2022-12-31" })).json()).toMatchObject({ to: "2022-12-31" });
    expect((await chief(second, "2023-01-01")).statusCode).toBe(201);
    expect(await context.database.handle.db.select().from(gridStaff)).toHaveLength(2);
  });

  it("has at most one active grid leader per grid, any number of members, and one person may serve several grids", async () => {
    const one = await gridOf(kuihuali, 1);
    const two = await gridOf(kuihuali, 2);
    const leader = await staffOf({ regions: [kuihuali], grids: [] });
    const other = await staffOf({ regions: [kuihuali], grids: [] });
    const assign = (userId: string, gridCode: string, role: string) =>
      post("/api/grid-staff", { regionCode: kuihuali, gridCode, userId, post: role, from: "2024-01-01" });
    expect((await assign(leader, one, "grid_leader")).statusCode).toBe(201);
    expect(errorsOf(await assign(other, one, "grid_leader"))).toEqual([{ field: "post", code: "post_taken" }]);
    expect((await assign(leader, two, "grid_leader")).statusCode).toBe(201);
    for (let i = 0; i < 3; i++) {
      const member = await staffOf({ regions: [], grids: [one] });
      expect((await assign(member, one, "grid_member")).statusCode).toBe(201);
    }
    const detail = await context.app.inject({ url: `/api/grids/${one}`, headers: { cookie: manager } });
    expect(
      detail
        .json<GridDetail>()
        .staff.map((term) => term.post)
        .sort(),
    ).toEqual(["grid_leader", "grid_member", "grid_member", "grid_member"]);
  });

  it("refuses a grid leader who works outside the community, and a grid of another community", async () => {
    const one = await gridOf(kuihuali, 1);
    const elsewhere = await staffOf({ regions: [xinmin], grids: [] });
    const outside = await post("/api/grid-staff", {
      regionCode: kuihuali,
      gridCode: one,
      userId: elsewhere,
      post: "grid_leader",
      from: "2024-01-01",
    });
    expect(errorsOf(outside)).toEqual([{ field: "userId", code: "outside_community" }]);
    const local = await staffOf({ regions: [xinmin], grids: [] });
    const wrongGrid = await post("/api/grid-staff", {
      regionCode: xinmin,
      gridCode: one,
      userId: local,
      post: "grid_member",
      from: "2024-01-01",
    });
    expect(errorsOf(wrongGrid)).toEqual([{ field: "gridCode", code: "not_in_community" }]);
    expect(await context.database.handle.db.select().from(gridStaff)).toEqual([]);
  });

  it.each([
    [{ post: "chief_grid_leader", gridCode: "430405009009001" }, "gridCode"],
    [{ post: "grid_leader" }, "gridCode"],
    [{ post: "grid_member", gridCode: "430405009009001", to: "2023-01-01" }, "to"],
  ])("refuses the term %j naming %s", async (term, field) => {
    const userId = await staffOf({ regions: [kuihuali], grids: [] });
    const response = await post("/api/grid-staff", { regionCode: kuihuali, userId, from: "2024-01-01", ...term });
    expect(response.statusCode).toBe(400);
    expect(errorsOf(response)?.map((error) => error.field)).toEqual([field]);
  });
});
