import { afterEach, describe, expect, it, vi } from "vitest";
import { chinaLocalToIso, formatDateTime, isoToChinaLocal, todayInChina } from "./format";

describe("formatDateTime", () => {
  it("shows stored UTC times in Asia/Shanghai", () => {
    expect(formatDateTime("2026-11-29T04:30:00Z")).toBe("2026-11-29 12:30");
    expect(formatDateTime("2026-12-31T16:00:00.000Z")).toBe("2027-01-01 00:00");
    expect(formatDateTime("2026-11-29T04:30:07.900Z", "second")).toBe("2026-11-29 12:30:07");
  });
});

describe("todayInChina", () => {
  afterEach(() => vi.useRealTimers());

  it("is already tomorrow in Hengyang from 16:00 UTC", () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date("2026-11-29T15:59:00Z"));
    expect(todayInChina()).toBe("2026-11-29");
    vi.setSystemTime(new Date("2026-11-29T16:00:00Z"));
    expect(todayInChina()).toBe("2026-11-30");
  });
});

describe("datetime-local values", () => {
  it("are read and written in China Standard Time, whatever the browser's zone", () => {
    expect(chinaLocalToIso("2026-12-01T19:30")).toBe("2026-12-01T11:30:00.000Z");
    expect(isoToChinaLocal("2026-12-01T16:30:00Z")).toBe("2026-12-02T00:30");
  });
});
