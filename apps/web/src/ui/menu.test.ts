import { describe, expect, it } from "vitest";
import { visibleMenu } from "./menu";

describe("visibleMenu", () => {
  it("shows entries only to users holding their permission", () => {
    expect(visibleMenu([]).map((e) => e.path)).toEqual(["/", "/regions"]);
    expect(visibleMenu(["identity.users.read"]).map((e) => e.path)).toEqual(["/", "/regions", "/users"]);
    expect(visibleMenu(["audit.read"]).map((e) => e.path)).toEqual(["/", "/regions", "/audit"]);
  });
});
