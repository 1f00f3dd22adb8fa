import { describe, expect, it } from "vitest";
import { calendarOf, overviewSections } from "./overview-figures.js";

const everything = { people: true, cases: true, visits: true, disputes: true, registers: [] };

describe("calendarOf", () => {
  it("finds the quarter of a day, leap years included", () => {
    expect(calendarOf("2026-11-30")).toMatchObject({ year: 2026, month: 11, quarterFrom: "2026-10-01", quarterTo: "2026-12-31" });
    expect(calendarOf("2028-02-10")).toMatchObject({ quarterFrom: "2028-01-01", quarterTo: "2028-03-31" });
    expect(calendarOf("2027-06-01")).toMatchObject({ quarterFrom: "2027-04-01", quarterTo: "2027-06-30" });
  });
});

describe("overviewSections", () => {
  const calendar = calendarOf("2026-11-15");

  it("counts this quarter's visits, overdue the ones due before today and not done", () => {
    const { visits } = overviewSections(
      [
        { metric: "visits.due", period: "2026-09-30", value: 9 },
        { metric: "visits.due", period: "2026-11-14", value: 4 },
        { metric: "visits.done", period: "2026-11-14", value: 1 },
        { metric: "visits.due", period: "2026-11-15", value: 2 },
        { metric: "visits.due", period: "2026-12-31", value: 10 },
        { metric: "visits.done", period: "2026-12-31", value: 5 },
      ],
      calendar,
      everything,
    );
    expect(visits).toEqual({
      quarterFrom: "2026-10-01",
      quarterTo: "2026-12-31",
      due: 16,
      done: 6,
      notDone: 10,
      overdue: 3,
      coverage: 0.375,
    });
  });

  it("compares this year to the same months of last year, and says nothing of a change from zero", () => {
    const { cases, disputes, months } = overviewSections(
      [
        { metric: "cases.reported", period: "2026-11", value: 30 },
        { metric: "cases.reported", period: "2026-01", value: 10 },
        { metric: "cases.reported", period: "2025-11", value: 20 },
        { metric: "cases.reported", period: "2025-12", value: 99 },
        { metric: "disputes.reported", period: "2026-03", value: 4 },
        { metric: "disputes.outcome:agreement", period: "2026-04", value: 3 },
        { metric: "disputes.outcome:withdrawn", period: "2026-05", value: 1 },
        { metric: "disputes.outcome:referred_court", period: "2026-06", value: 1 },
        { metric: "disputes.outcome:agreement", period: "2025-05", value: 8 },
      ],
      calendar,
      everything,
    );
    expect(cases?.reportedThisMonth).toBe(30);
    expect(cases?.reportedThisMonthChange).toBe(50);
    expect(cases?.yearToDate.reported).toBe(40);
    // December of last year lies after the same point of last year.
    expect(cases?.lastYearToDate.reported).toBe(20);
    expect(cases?.reportedYearToDateChange).toBe(100);
    expect(disputes?.reportedChange).toBeNull();
    // Agreements among disputes mediated to an end: the withdrawn one is left out.
    expect(disputes?.successRate).toBe(0.75);
    expect(months).toHaveLength(11);
    expect(months[10]).toMatchObject({ month: "2026-11", casesReported: 30, casesReportedLastYear: 20 });
  });

  it("leaves out what the account may not read", () => {
    const sections = overviewSections([{ metric: "register:drug_rehabilitation", period: "", value: 2 }], calendar, {
      ...everything,
      cases: false,
      registers: ["key_youth"],
    });
    expect(sections.cases).toBeNull();
    expect(sections.people?.registers).toEqual([{ register: "key_youth", count: 0 }]);
    expect(sections.months[0]?.casesReported).toBeNull();
  });
});
