import { describe, expect, it } from "vitest";
import { formatDateTime } from "./format";

describe("formatDateTime", () => {
  it("shows stored UTC times in Asia/Shanghai", () => {
    expect(formatDateTime("2026-11-29T04:30:00Z")).toBe("2026-11-29 12:30");
    expect(formatDateTime("2026-12-31T16:00:00.000Z")).toBe("2027-01-01 00:00");
    expect(formatDateTime("2026-11-29T04:30:07.900Z", "second")).toBe("2026-11-29 12:30:07");
  });
});
