import { describe, expect, it } from "vitest";
import { loadConfig } from "../../config.js";
import { sessionHeaders, signInNewUser, useTestApp } from "../../test/test-app.js";
import { tileSource } from "./security-headers.js";

const context = useTestApp({ config: { mapTileUrl: "https://{s}.tiles.example.cn/{z}/{x}/{y}.png" } });

describe("client settings", () => {
  it("give the signed-in web app the map's tile URL, and the pages may load its tiles", async () => {
    await context.database.reset();
    const session = await signInNewUser(context, { username: "someone", roles: ["grid_member"] });
    const response = await context.app.inject({ url: "/api/settings", headers: sessionHeaders(session) });
    expect(response.json()).toEqual({ mapTileUrl: "https://{s}.tiles.example.cn/{z}/{x}/{y}.png" });
    expect(response.headers["content-security-policy"]).toContain("img-src 'self' data: https://*.tiles.example.cn;");
  });

  it("draw maps on a plain background without one, and refuse a template that is not one", () => {
    expect(tileSource(null)).toEqual([]);
    expect(loadConfig({}).mapTileUrl).toBeNull();
    expect(() => loadConfig({ MAP_TILE_URL: "ftp://tiles/{z}/{x}/{y}" })).toThrow(/MAP_TILE_URL/);
    expect(() => loadConfig({ MAP_TILE_URL: "https://tiles.example.cn/tile.png" })).toThrow(/MAP_TILE_URL/);
  });
});
