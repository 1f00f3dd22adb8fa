import { describe, expect, it } from "vitest";
import { visibleMenu } from "./menu";

describe("visibleMenu", () => {
  it("shows entries only to users holding their permission", () => {
    expect(visibleMenu([]).map((e) => e.path)).toEqual(["/", "/regions"]);
    expect(visibleMenu(["identity.users.read"]).map((e) => e.path)).toEqual(["/", "/regions", "/users"]);
    expect(visibleMenu(["audit.read"]).map((e) => e.path)).toEqual(["/", "/regions", "/audit"]);
    expect(visibleMenu(["cases.handle"]).map((e) => e.path)).toEqual(["/", "/regions", "/cases"]);
  });

  it("shows an entry of several permissions to a holder of any one", () => {
    expect(visibleMenu(["people.read", "people.collect"]).map((e) => e.path)).toEqual([
      "/",
      "/regions",
      "/people",
      "/collection",
    ]);
    expect(visibleMenu(["registers.drug_rehabilitation.read"]).map((e) => e.path)).toEqual(["/", "/regions", "/registers"]);
  });
});
