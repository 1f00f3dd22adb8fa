import { describe, expect, it } from "vitest";
import { checkPassword } from "./password-policy.js";

const rules = { minLength: 8, characterClasses: 1 };

describe("checkPassword", () => {
  it("accepts a long, uncommon password", () => {
    expect(checkPassword("雁城春水-绿-2026", "zhang.wei", rules)).toBeNull();
  });

  it.each([
    ["short1", { code: "too_short_password", minimum: 8 }],
    ["Password123", { code: "too_common" }],
    ["woaini1314", { code: "too_common" }],
    ["88888888", { code: "too_common" }],
    ["my-zhang.wei-pass", { code: "contains_username" }],
  ])("refuses %s", (password, problem) => {
    expect(checkPassword(password, "zhang.wei", rules)).toEqual(problem);
  });

  it("counts characters, not bytes, and follows the configured minimum", () => {
    expect(checkPassword("邻里邻里邻里邻里", "x", rules)).toBeNull();
    expect(checkPassword("a-fine-pass", "x", { minLength: 12, characterClasses: 1 })).toEqual({
      code: "too_short_password",
      minimum: 12,
    });
  });
});

describe("character classes, when a deployment requires them", () => {
  const strict = { minLength: 8, characterClasses: 3 };
  it.each([
    ["alllowercase", false],
    ["lower-and-1", true],
    ["UPPER-lower", true],
    ["邻里治理2026abc", true],
    ["12345678ab", false],
  ])("%s mixes enough kinds: %s", (password, accepted) => {
    expect(checkPassword(password, "x", strict) === null).toBe(accepted);
  });

  it("names the number required", () => {
    expect(checkPassword("alllowercase", "x", strict)).toEqual({ code: "too_few_classes", required: 3 });
  });
});
