import { beforeEach, describe, expect, it } from "vitest";
import { buildRegions } from "../../test/regions.js";
import { signInNewUser, useTestApp } from "../../test/test-app.js";

const context = useTestApp();
let cookie: string;

beforeEach(async () => {
  await context.database.reset();
  await buildRegions(context.database.handle.db);
  cookie = await signInNewUser(context, { username: "gm", roles: ["grid_member"] });
});

const get = (url: string, headers: Record<string, string> = { cookie }) => context.app.inject({ url, headers });

describe("the division tree", () => {
  it("lists the provinces, then the divisions under one, as people name them", async () => {
    expect((await get("/api/regions")).json().items.map((r: { code: string }) => r.code)).toEqual(["43"]);
    const communities = (await get("/api/regions?parent=430405009")).json();
    expect(communities.items).toEqual([
      {
        code: "430405009009",
        level: 5,
        name: "葵花里社区居委会",
        displayName: "葵花里社区",
        parentCode: "430405009",
        active: true,
      },
      expect.objectContaining({ code: "430405009010", displayName: "新民社区" }),
    ]);
  });

  it("shows one division with its path from the province, and 404 for an unknown code", async () => {
    const detail = (await get("/api/regions/430405009009")).json();
    expect(detail.path.map((r: { displayName: string }) => r.displayName)).toEqual([
      "湖南省",
      "衡阳市",
      "珠晖区",
      "广东路街道",
      "葵花里社区",
    ]);
    const missing = await get("/api/regions/430405009099");
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ code: "not_found" });
  });

  it("finds divisions by part of the name, within a subtree when asked", async () => {
    const found = (await get(`/api/regions/search?q=${encodeURIComponent("葵花")}`)).json();
    expect(found.items.map((r: { code: string }) => r.code)).toEqual(["430405009009"]);
    const elsewhere = (await get(`/api/regions/search?q=${encodeURIComponent("葵花")}&within=11`)).json();
    expect(elsewhere.items).toEqual([]);
    const wildcard = (await get("/api/regions/search?q=%25")).json();
    expect(wildcard.items).toEqual([]);
  });

  it("refuses a malformed code naming the field, and an anonymous caller", async () => {
    const bad = await get("/api/regions?parent=4304051");
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toMatchObject([{ in: "query", field: "parent" }]);
    expect((await get("/api/regions", {})).statusCode).toBe(401);
  });
});
