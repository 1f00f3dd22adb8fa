import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addStageHours, type CalendarDays } from "./working-time.js";

const none: CalendarDays = new Map();
/** A China Standard Time wall-clock instant. */
const cst = (local: string) => new Date(`${local}+08:00`);

describe("stage due times", () => {
  it("counts round the clock unless working hours are asked for", () => {
    expect(addStageHours(cst("2026-11-27T16:00:00"), 48, false, none)).toEqual(cst("2026-11-29T16:00:00"));
  });

  it("counts working hours across the lunch break, the evening and the weekend", () => {
    // Friday 16:00 + 4 working hours: 1.5 h on Friday, then Monday 08:30 + 2.5 h.
    expect(addStageHours(cst("2026-11-27T16:00:00"), 4, true, none)).toEqual(cst("2026-11-30T11:00:00"));
    // Monday 11:00 + 2 h: one hour before lunch, one after 14:00.
    expect(addStageHours(cst("2026-11-30T11:00:00"), 2, true, none)).toEqual(cst("2026-11-30T15:00:00"));
    // Reported at night: the clock starts the next working morning.
    expect(addStageHours(cst("2026-11-30T22:00:00"), 1, true, none)).toEqual(cst("2026-12-01T09:30:00"));
  });

  it("skips holidays and counts a weekend day worked instead (调休)", () => {
    const calendar: CalendarDays = new Map([
      ["2026-12-31", "holiday"],
      ["2027-01-01", "holiday"],
      ["2027-01-02", "workday"],
    ]);
    // Wednesday 17:00 + 1 h: 0.5 h on Wednesday, then Saturday (worked) 08:30 + 0.5 h.
    expect(addStageHours(cst("2026-12-30T17:00:00"), 1, true, calendar)).toEqual(cst("2027-01-02T09:00:00"));
  });

  it("never ends before its start, and more hours never end earlier", () => {
    const start = fc.date({ min: new Date("2026-01-01T00:00:00Z"), max: new Date("2027-12-31T00:00:00Z"), noInvalidDate: true });
    const hours = fc.integer({ min: 1, max: 400 }).map((quarters) => quarters / 4);
    fc.assert(
      fc.property(start, hours, hours, (at, a, b) => {
        const [less, more] = a <= b ? [a, b] : [b, a];
        const early = addStageHours(at, less, true, none);
        const late = addStageHours(at, more, true, none);
        return early.getTime() > at.getTime() && late.getTime() >= early.getTime();
      }),
      { numRuns: 300 },
    );
  });
});
