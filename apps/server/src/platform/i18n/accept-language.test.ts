import { describe, expect, it } from "vitest";
import { negotiateLocale } from "./accept-language.js";

describe("negotiateLocale", () => {
  it.each([
    [undefined, "zh-CN"],
    ["", "zh-CN"],
    ["en", "en"],
    ["en-US,en;q=0.9", "en"],
    ["zh-CN,zh;q=0.9,en;q=0.8", "zh-CN"],
    ["zh-TW", "zh-CN"],
    ["fr-FR, en;q=0.5", "en"],
    ["en;q=0.4, zh;q=0.8", "zh-CN"],
    ["de", "zh-CN"],
    ["*", "zh-CN"],
    ["en;q=0, fr", "zh-CN"],
  ])("%s → %s", (header, expected) => {
    expect(negotiateLocale(header)).toEqual({ ok: true, locale: expected });
  });

  it.each([["en;q=2"], ["en;q=abc"], ["e n"], ["en,,zh"], ["toolonglanguagetag"], ["x".repeat(600)], ["en;foo"]])(
    "rejects malformed %s",
    (header) => {
      expect(negotiateLocale(header)).toEqual({ ok: false });
    },
  );
});
