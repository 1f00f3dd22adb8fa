import { describe, expect, it } from "vitest";
import { percent, yearOnYear } from "./rates.js";

describe("yearOnYear", () => {
  it("gives the seed's shape: 151 cases, 357 arrests, 39.43 million yuan against last year's", () => {
    // 湘乡 2023: 151 起 / 357 人 / 3943 万元, "分别较去年同期上升 450%、302%、170%".
    expect(yearOnYear(151, 27)).toBe(459.3);
    expect(yearOnYear(357, 89)).toBe(301.1);
    expect(yearOnYear(3_943_000_000, 1_460_000_000)).toBe(170.1);
  });

  it("rounds to one decimal, half away from zero on the exact fen", () => {
    expect(yearOnYear(3, 2)).toBe(50);
    expect(yearOnYear(1, 3)).toBe(-66.7);
    expect(yearOnYear(2, 3)).toBe(-33.3);
    expect(yearOnYear(100, 100)).toBe(0);
  });

  it("has no percentage over an unknown or zero year", () => {
    expect(yearOnYear(5, undefined)).toBeNull();
    expect(yearOnYear(5, 0)).toBeNull();
  });

  it("falls to -100 % when this year has none", () => {
    expect(yearOnYear(0, 40)).toBe(-100);
  });
});

describe("percent", () => {
  it("is a share with one decimal, null of nothing", () => {
    expect(percent(3, 4)).toBe(75);
    expect(percent(2, 3)).toBe(66.7);
    expect(percent(0, 5)).toBe(0);
    expect(percent(0, 0)).toBeNull();
  });
});
