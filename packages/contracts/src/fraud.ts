import { z } from "zod";
import { regionCodeSchema } from "./regions.js";

const isoDate = z.iso.date().describe("YYYY-MM-DD");

/**
 * Anti-fraud door-to-door warnings (反诈 上门预警劝阻): the police send a list of people at risk;
 * each becomes a task for the person's grid member, who warns them at home and records the outcome.
 */
export const fraudWarningOutcomes = ["dissuaded", "warned", "not_reached"] as const;
export type FraudWarningOutcome = (typeof fraudWarningOutcomes)[number];
export const fraudWarningStatuses = ["open", "overdue", ...fraudWarningOutcomes] as const;
export type FraudWarningStatus = (typeof fraudWarningStatuses)[number];

export const fraudCampaignSchema = z
  .object({
    id: z.uuid(),
    regionCode: z.string().describe("The area the campaign covers: a county, township or community"),
    regionName: z.string(),
    title: z.string(),
    startsOn: isoDate,
    deadline: isoDate.describe("Default deadline of its warnings"),
    warnings: z.number().int(),
    done: z.number().int().describe("Warnings with an outcome other than not reached"),
    createdAt: z.string(),
  })
  .meta({ id: "FraudCampaign" });
export type FraudCampaign = z.infer<typeof fraudCampaignSchema>;

export const createFraudCampaignSchema = z
  .strictObject({
    regionCode: regionCodeSchema,
    title: z.string().trim().min(1).max(100),
    startsOn: isoDate,
    deadline: isoDate,
  })
  .refine((campaign) => campaign.deadline >= campaign.startsOn, {
    path: ["deadline"],
    params: { code: "before_start" },
  })
  .meta({ id: "CreateFraudCampaign" });
export type CreateFraudCampaign = z.infer<typeof createFraudCampaignSchema>;

export const fraudCampaignListSchema = z.object({ items: z.array(fraudCampaignSchema) }).meta({ id: "FraudCampaignList" });

/** The warning list's columns, as the police's sheet names them (Excel sheet 预警名单, or CSV with a header row). */
export const fraudListColumns = [
  { key: "name", header: "姓名", required: true },
  { key: "idNumber", header: "身份证号" },
  { key: "phone", header: "手机号" },
  { key: "reason", header: "预警原因", required: true },
  { key: "deadline", header: "劝阻期限" },
] as const;
export type FraudListColumn = (typeof fraudListColumns)[number]["key"];

/** On a refused row: refuse the whole list (nothing written), or apply the good rows and report the others. */
export const fraudImportModes = ["all_or_none", "valid_rows"] as const;
export const fraudImportQuerySchema = z.strictObject({
  mode: z.enum(fraudImportModes).default("all_or_none"),
  dryRun: z
    .enum(["true", "false"])
    .transform((value) => value === "true")
    .default(false)
    .describe("Check and count without writing"),
});
export type FraudImportQuery = z.infer<typeof fraudImportQuerySchema>;

export const fraudImportReportSchema = z
  .object({
    dryRun: z.boolean(),
    mode: z.enum(fraudImportModes),
    rows: z.number().int().describe("Data rows read"),
    created: z.number().int().describe("New warning tasks"),
    alreadyListed: z.number().int().describe("People already on this campaign's list (left as they are)"),
    unassigned: z.number().int().describe("New tasks in a grid with no grid member on a term"),
    refused: z
      .array(z.object({ row: z.number().int(), field: z.string(), code: z.string(), message: z.string() }))
      .describe("Rows not applied, each with its reason"),
  })
  .meta({ id: "FraudImportReport" });
export type FraudImportReport = z.infer<typeof fraudImportReportSchema>;

export const fraudWarningSchema = z
  .object({
    id: z.uuid(),
    campaignId: z.uuid(),
    campaignTitle: z.string(),
    residentId: z.uuid(),
    name: z.string(),
    address: z.string(),
    regionCode: z.string(),
    gridCode: z.string().nullable(),
    assigneeUserId: z.uuid().nullable(),
    reason: z.string(),
    deadline: isoDate,
    status: z.enum(fraudWarningStatuses),
    note: z.string(),
    doneAt: z.string().nullable(),
  })
  .meta({ id: "FraudWarning" });
export type FraudWarning = z.infer<typeof fraudWarningSchema>;

export const fraudWarningListQuerySchema = z.strictObject({
  view: z.enum(["mine", "campaign"]).default("mine"),
  campaignId: z.uuid().optional().describe("Required for view=campaign"),
  status: z.enum(fraudWarningStatuses).optional(),
});
export type FraudWarningListQuery = z.infer<typeof fraudWarningListQuerySchema>;
export const fraudWarningListSchema = z.object({ items: z.array(fraudWarningSchema) }).meta({ id: "FraudWarningList" });

export const recordFraudOutcomeSchema = z
  .strictObject({
    outcome: z.enum(fraudWarningOutcomes),
    note: z.string().trim().max(1_000).default(""),
  })
  .refine((input) => input.outcome !== "not_reached" || input.note.length > 0, {
    path: ["note"],
    params: { code: "required" },
    message: "say why the person was not reached",
  })
  .meta({ id: "RecordFraudOutcome" });
export type RecordFraudOutcome = z.infer<typeof recordFraudOutcomeSchema>;

/** A campaign's progress, one row per township (or per community inside a township's campaign). */
export const fraudProgressSchema = z
  .object({
    groupedBy: z.enum(["township", "community"]),
    items: z.array(
      z.object({
        regionCode: z.string(),
        regionName: z.string(),
        total: z.number().int(),
        dissuaded: z.number().int(),
        warned: z.number().int(),
        notReached: z.number().int(),
        open: z.number().int(),
        overdue: z.number().int(),
        /** (dissuaded + warned) / total, a percentage with one decimal. */
        reachedRate: z.number().nullable(),
      }),
    ),
  })
  .meta({ id: "FraudProgress" });
export type FraudProgress = z.infer<typeof fraudProgressSchema>;

/** The police's yearly figures (破案、抓获、止付冻结) for an area; money in yuan with fen. */
export const fraudYearFiguresSchema = z.strictObject({
  casesSolved: z.number().int().min(0).max(1_000_000),
  arrests: z.number().int().min(0).max(1_000_000),
  fundsStoppedYuan: z.number().min(0).max(1e12).multipleOf(0.01).describe("Yuan, at most two decimals"),
});
export const putFraudYearSchema = fraudYearFiguresSchema.meta({ id: "PutFraudYear" });
export type PutFraudYear = z.infer<typeof putFraudYearSchema>;

/** Year-on-year change as a percentage with one decimal: null when the previous year is missing or zero. */
const change = z.number().nullable();
export const fraudYearSchema = z
  .object({
    regionCode: z.string(),
    year: z.number().int(),
    casesSolved: z.number().int(),
    arrests: z.number().int(),
    fundsStoppedYuan: z.number(),
    change: z.object({ casesSolved: change, arrests: change, fundsStoppedYuan: change }),
    updatedAt: z.string(),
  })
  .meta({ id: "FraudYear" });
export type FraudYear = z.infer<typeof fraudYearSchema>;
export const fraudYearListSchema = z.object({ items: z.array(fraudYearSchema) }).meta({ id: "FraudYearList" });
export const fraudYearParamsSchema = z.strictObject({
  code: regionCodeSchema,
  year: z.coerce.number().int().min(2000).max(2100),
});
export const fraudYearListQuerySchema = z.strictObject({ regionCode: regionCodeSchema });
