import { describe, expect, it } from "vitest";
import { checkPassword } from "./password-policy.js";

describe("checkPassword", () => {
  it("accepts a long, uncommon password", () => {
    expect(checkPassword("雁城春水-绿-2026", "zhang.wei", 8)).toBeNull();
  });

  it.each([
    ["short1", { code: "too_short_password", minimum: 8 }],
    ["Password123", { code: "too_common" }],
    ["woaini1314", { code: "too_common" }],
    ["88888888", { code: "too_common" }],
    ["my-zhang.wei-pass", { code: "contains_username" }],
  ])("refuses %s", (password, problem) => {
    expect(checkPassword(password, "zhang.wei", 8)).toEqual(problem);
  });

  it("counts characters, not bytes, and follows the configured minimum", () => {
    expect(checkPassword("邻里邻里邻里邻里", "x", 8)).toBeNull();
    expect(checkPassword("a-fine-pass", "x", 12)).toEqual({ code: "too_short_password", minimum: 12 });
  });
});
