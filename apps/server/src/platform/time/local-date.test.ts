import { describe, expect, it } from "vitest";
import { localDate, shanghaiDateTime } from "./local-date.js";

describe("local dates in China", () => {
  it("moves a late UTC evening into the next Beijing day", () => {
    expect(localDate(new Date("2026-11-29T16:05:00Z"))).toBe("2026-11-30");
    expect(shanghaiDateTime("2026-11-29T16:05:00Z")).toBe("2026-11-30 00:05");
    expect(shanghaiDateTime("2026-06-01T01:30:00+08:00")).toBe("2026-06-01 01:30");
  });
});
