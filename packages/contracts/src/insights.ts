import { z } from "zod";
import { disputeOutcomes } from "./disputes.js";
import { registers, residentTags } from "./people.js";
import { gridCodeSchema } from "./scope.js";

/** The levels an overview is drawn at: everywhere the account sees, then each division level, then a grid. */
export const overviewLevels = ["all", "province", "city", "county", "township", "community", "grid"] as const;
export type OverviewLevel = (typeof overviewLevels)[number];

export const overviewQuerySchema = z
  .strictObject({
    area: z
      .string()
      .regex(/^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/, "a division code prefix of 2, 4, 6, 9 or 12 digits")
      .optional()
      .describe("The area: a division code prefix; leave out (with grid) for the widest area the account sees"),
    grid: gridCodeSchema.optional().describe("A grid instead of an area"),
  })
  .refine((query) => !(query.area && query.grid), { message: "give an area or a grid, not both", path: ["grid"] });
export type OverviewQuery = z.infer<typeof overviewQuerySchema>;

const count = z.number().int().nonnegative();
const rate = z.number().min(0).max(1).nullable().describe("A share from 0 to 1; null where nothing was counted");
const change = z.number().nullable().describe("Year-on-year change (同比) in percent; null without last year's figure");

export const overviewPlaceSchema = z.object({
  level: z.enum(overviewLevels),
  /** '' for everywhere. */
  code: z.string(),
  name: z.string(),
});
export type OverviewPlace = z.infer<typeof overviewPlaceSchema>;

export const caseRatesSchema = z.object({
  reported: count,
  registered: count,
  dispatched: count,
  handled: count,
  handledOnTime: count,
  closed: count,
  reworked: count,
  rated: count,
  satisfied: count,
  onTimeRate: rate,
  closureRate: rate,
  reworkRate: rate,
  satisfactionRate: rate,
});
export type CaseRates = z.infer<typeof caseRatesSchema>;

export const overviewMonthSchema = z.object({
  month: z.string().describe("YYYY-MM, this year"),
  casesReported: count.nullable(),
  casesReportedLastYear: count.nullable(),
  casesClosed: count.nullable(),
  disputesReported: count.nullable(),
  disputesReportedLastYear: count.nullable(),
});

export const overviewChildSchema = overviewPlaceSchema.extend({
  residents: count.nullable(),
  households: count.nullable(),
  casesOpen: count.nullable(),
  casesOverdue: count.nullable(),
  casesReportedThisMonth: count.nullable(),
  visitsDue: count.nullable(),
  visitsDone: count.nullable(),
  visitCoverage: rate,
  disputesOpen: count.nullable(),
});
export type OverviewChild = z.infer<typeof overviewChildSchema>;

/** The overview (综合概览) of one area or grid, from the rollups; a section is null where the account may not read its module. */
export const overviewSchema = z
  .object({
    place: overviewPlaceSchema,
    /** The wider places above it that the account sees, widest first: the way back up. */
    path: z.array(overviewPlaceSchema),
    /** The places the account's scope names, when it names more than one: where it may start. */
    roots: z.array(overviewPlaceSchema),
    /** Every change committed before this time is counted; null before the first refresh. */
    asOf: z.iso.datetime().nullable(),
    today: z.iso.date(),
    people: z
      .object({
        residents: count,
        households: count,
        migrants: count,
        tags: z.array(z.object({ tag: z.enum(residentTags), count })),
        /** Only the registers the account may read. */
        registers: z.array(z.object({ register: z.enum(registers), count })),
      })
      .nullable(),
    cases: z
      .object({
        open: count,
        overdue: count.describe("Open cases past their stage's time limit and escalated (督办)"),
        reportedThisMonth: count,
        reportedThisMonthLastYear: count,
        reportedThisMonthChange: change,
        closedThisMonth: count,
        /** Cases reported from January to this month, this year and last. */
        yearToDate: caseRatesSchema,
        lastYearToDate: caseRatesSchema,
        reportedYearToDateChange: change,
      })
      .nullable(),
    visits: z
      .object({
        quarterFrom: z.iso.date(),
        quarterTo: z.iso.date(),
        due: count,
        done: count,
        notDone: count,
        overdue: count.describe("Not done, and due before today"),
        coverage: rate,
      })
      .nullable(),
    disputes: z
      .object({
        open: count,
        reportedThisYear: count,
        reportedLastYearToDate: count,
        reportedChange: change,
        /** This year's disputes that ended, by how. */
        outcomes: z.array(z.object({ outcome: z.enum(disputeOutcomes), count })),
        successRate: rate.describe("Agreements among this year's disputes mediated to an end, withdrawals left out (调解成功率)"),
      })
      .nullable(),
    months: z.array(overviewMonthSchema),
    children: z.array(overviewChildSchema),
  })
  .meta({ id: "Overview" });
export type Overview = z.infer<typeof overviewSchema>;
