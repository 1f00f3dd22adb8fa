import { type CaseRates, disputeOutcomes, type Overview, type Register, registers, residentTags } from "@linli/contracts";
import { ratio, yearOnYear } from "../../platform/stats/rates.js";
import type { MetricRow } from "./insight.repository.js";

/** The dates an overview counts from: today in China, its month, the same month last year, its quarter. */
export interface OverviewCalendar {
  today: string;
  year: number;
  /** 1–12 */
  month: number;
  quarterFrom: string;
  quarterTo: string;
}

const pad = (value: number) => String(value).padStart(2, "0");
export const monthOf = (year: number, month: number) => `${year}-${pad(month)}`;

export function calendarOf(today: string): OverviewCalendar {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  const firstMonth = month - ((month - 1) % 3);
  const lastMonth = firstMonth + 2;
  const lastDay = new Date(Date.UTC(year, lastMonth, 0)).getUTCDate();
  return {
    today,
    year,
    month,
    quarterFrom: `${year}-${pad(firstMonth)}-01`,
    quarterTo: `${year}-${pad(lastMonth)}-${pad(lastDay)}`,
  };
}

/** Which sections the account may see: each module's own read permission, each register's own. */
export interface OverviewSight {
  people: boolean;
  cases: boolean;
  visits: boolean;
  disputes: boolean;
  registers: Register[];
}

/** Looks figures up by metric and period. */
export class Figures {
  private readonly values = new Map<string, number>();

  constructor(rows: readonly MetricRow[]) {
    for (const row of rows) this.values.set(`${row.metric}|${row.period}`, row.value);
  }

  get(metric: string, period = ""): number {
    return this.values.get(`${metric}|${period}`) ?? 0;
  }

  /** The sum over periods from `from` to `to` (inclusive, compared as text: months or days). */
  between(metric: string, from: string, to: string): number {
    let total = 0;
    for (const [key, value] of this.values) {
      const [name, period = ""] = key.split("|");
      if (name === metric && period >= from && period <= to) total += value;
    }
    return total;
  }
}

/** The cohort of cases reported in months `from`–`to`, with the evaluation tables' rates. */
export function caseRates(figures: Figures, from: string, to: string): CaseRates {
  const sum = (name: string) => figures.between(`cases.${name}`, from, to);
  const counts = {
    reported: sum("reported"),
    registered: sum("registered"),
    dispatched: sum("dispatched"),
    handled: sum("handled"),
    handledOnTime: sum("handled_on_time"),
    closed: sum("closed"),
    reworked: sum("reworked"),
    rated: sum("rated"),
    satisfied: sum("satisfied"),
  };
  return {
    ...counts,
    onTimeRate: ratio(counts.handledOnTime, counts.dispatched),
    closureRate: ratio(counts.closed, counts.registered),
    reworkRate: ratio(counts.reworked, counts.handled),
    satisfactionRate: ratio(counts.satisfied, counts.rated),
  };
}

type Sections = Pick<Overview, "people" | "cases" | "visits" | "disputes" | "months">;

/** The overview's sections from an area's (or grid's) figures, as far as the account may see them. */
export function overviewSections(rows: readonly MetricRow[], calendar: OverviewCalendar, sight: OverviewSight): Sections {
  const figures = new Figures(rows);
  const { year, month } = calendar;
  const thisMonth = monthOf(year, month);
  const sameMonthLastYear = monthOf(year - 1, month);
  const january = monthOf(year, 1);
  const lastJanuary = monthOf(year - 1, 1);
  const casesReported = (from: string, to: string) => figures.between("cases.reported", from, to);
  const disputesReported = (from: string, to: string) => figures.between("disputes.reported", from, to);

  const people: Sections["people"] = sight.people
    ? {
        residents: figures.get("residents"),
        households: figures.get("households"),
        migrants: figures.get("residents.migrant"),
        tags: residentTags.map((tag) => ({ tag, count: figures.get(`tag:${tag}`) })),
        registers: registers
          .filter((register) => sight.registers.includes(register))
          .map((register) => ({ register, count: figures.get(`register:${register}`) })),
      }
    : null;

  const cases: Sections["cases"] = sight.cases
    ? {
        open: figures.get("cases.open"),
        overdue: figures.get("cases.overdue"),
        reportedThisMonth: figures.get("cases.reported", thisMonth),
        reportedThisMonthLastYear: figures.get("cases.reported", sameMonthLastYear),
        reportedThisMonthChange: yearOnYear(
          figures.get("cases.reported", thisMonth),
          figures.get("cases.reported", sameMonthLastYear),
        ),
        closedThisMonth: figures.get("cases.closed_in", thisMonth),
        yearToDate: caseRates(figures, january, thisMonth),
        lastYearToDate: caseRates(figures, lastJanuary, sameMonthLastYear),
        reportedYearToDateChange: yearOnYear(casesReported(january, thisMonth), casesReported(lastJanuary, sameMonthLastYear)),
      }
    : null;

  const due = figures.between("visits.due", calendar.quarterFrom, calendar.quarterTo);
  const done = figures.between("visits.done", calendar.quarterFrom, calendar.quarterTo);
  const yesterday = previousDay(calendar.today);
  const overdue =
    figures.between("visits.due", calendar.quarterFrom, yesterday) -
    figures.between("visits.done", calendar.quarterFrom, yesterday);
  const visits: Sections["visits"] = sight.visits
    ? {
        quarterFrom: calendar.quarterFrom,
        quarterTo: calendar.quarterTo,
        due,
        done,
        notDone: due - done,
        overdue,
        coverage: ratio(done, due),
      }
    : null;

  const outcomes = disputeOutcomes.map((outcome) => ({
    outcome,
    count: figures.between(`disputes.outcome:${outcome}`, january, thisMonth),
  }));
  // As the dispute register counts it: agreements among the disputes mediated to an end, withdrawals left out.
  const mediatedToAnEnd = outcomes.reduce((total, entry) => total + (entry.outcome === "withdrawn" ? 0 : entry.count), 0);
  const disputes: Sections["disputes"] = sight.disputes
    ? {
        open: figures.get("disputes.open"),
        reportedThisYear: disputesReported(january, thisMonth),
        reportedLastYearToDate: disputesReported(lastJanuary, sameMonthLastYear),
        reportedChange: yearOnYear(disputesReported(january, thisMonth), disputesReported(lastJanuary, sameMonthLastYear)),
        outcomes,
        successRate: ratio(outcomes.find((entry) => entry.outcome === "agreement")?.count ?? 0, mediatedToAnEnd),
      }
    : null;

  const months = Array.from({ length: month }, (_, index) => {
    const current = monthOf(year, index + 1);
    const previous = monthOf(year - 1, index + 1);
    return {
      month: current,
      casesReported: sight.cases ? figures.get("cases.reported", current) : null,
      casesReportedLastYear: sight.cases ? figures.get("cases.reported", previous) : null,
      casesClosed: sight.cases ? figures.get("cases.closed_in", current) : null,
      disputesReported: sight.disputes ? figures.get("disputes.reported", current) : null,
      disputesReportedLastYear: sight.disputes ? figures.get("disputes.reported", previous) : null,
    };
  });
  return { people, cases, visits, disputes, months };
}

function previousDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}
