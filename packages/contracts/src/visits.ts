import { z } from "zod";
import { polygonSchema } from "./geometry.js";
import { registerSchema, residentTags } from "./people.js";
import { visitFrequencies } from "./registers.js";
import { serviceNeedSchema } from "./service-requests.js";

const isoDate = z.iso.date().describe("YYYY-MM-DD");
const communityCode = z.string().regex(/^\d{12}$/, "a community's 12-digit code");

/** What a visit rule reaches: every household, households with a resident of a tag, or the persons on a register. */
export const visitTargets = ["household", "tag", "register"] as const;
export type VisitTarget = (typeof visitTargets)[number];
export type VisitFrequency = (typeof visitFrequencies)[number];

/** The staff who go along on a rule's visits (e.g. the police liaison to a drug-rehabilitation family). */
export const visitCompanions = ["police_liaison", "social_worker", "grid_leader", "community_director"] as const;

/** A community's rule: whom to visit (by tag or register), how often, and with whom. */
export const visitRuleSchema = z
  .object({
    id: z.uuid(),
    regionCode: z.string(),
    name: z.string(),
    target: z.enum(visitTargets),
    tag: z.enum(residentTags).nullable(),
    register: registerSchema.nullable(),
    frequency: z.enum(visitFrequencies),
    companions: z.array(z.enum(visitCompanions)),
    active: z.boolean(),
    version: z.number().int(),
  })
  .meta({ id: "VisitRule" });
export type VisitRule = z.infer<typeof visitRuleSchema>;

export const createVisitRuleSchema = z
  .strictObject({
    regionCode: communityCode,
    name: z.string().trim().min(1).max(64),
    target: z.enum(visitTargets),
    tag: z.enum(residentTags).optional(),
    register: registerSchema.optional(),
    frequency: z.enum(visitFrequencies),
    companions: z.array(z.enum(visitCompanions)).max(visitCompanions.length).default([]),
  })
  .superRefine((rule, context) => {
    // A tag rule names its tag, a register rule its register; a household rule names neither.
    if (rule.target === "tag" && !rule.tag) context.addIssue({ code: "custom", path: ["tag"], message: "required" });
    if (rule.target === "register" && !rule.register)
      context.addIssue({ code: "custom", path: ["register"], message: "required" });
    if (rule.target !== "tag" && rule.tag) context.addIssue({ code: "custom", path: ["tag"], message: "only for target tag" });
    if (rule.target !== "register" && rule.register)
      context.addIssue({ code: "custom", path: ["register"], message: "only for target register" });
  })
  .meta({ id: "CreateVisitRule" });
export type CreateVisitRule = z.infer<typeof createVisitRuleSchema>;

/**
 * The rules most communities start from (the seed's 主动敲门): every household each quarter,
 * elderly people living alone each week, 社区康复 persons each month with the police liaison.
 */
export const suggestedVisitRules: Omit<CreateVisitRule, "regionCode">[] = [
  { name: "每户每季度走访", target: "household", frequency: "quarterly", companions: [] },
  { name: "独居老人每周探访", target: "tag", tag: "elderly_living_alone", frequency: "weekly", companions: [] },
  {
    name: "社区康复人员每月家访",
    target: "register",
    register: "drug_rehabilitation",
    frequency: "monthly",
    companions: ["police_liaison"],
  },
];

export const updateVisitRuleSchema = z
  .strictObject({
    version: z.number().int(),
    name: z.string().trim().min(1).max(64).optional(),
    frequency: z.enum(visitFrequencies).optional(),
    companions: z.array(z.enum(visitCompanions)).max(visitCompanions.length).optional(),
    active: z.boolean().optional(),
  })
  .meta({ id: "UpdateVisitRule" });
export type UpdateVisitRule = z.infer<typeof updateVisitRuleSchema>;

export const visitRuleListQuerySchema = z.strictObject({ regionCode: communityCode });
export const visitRuleListSchema = z.object({ items: z.array(visitRuleSchema) }).meta({ id: "VisitRuleList" });

/** Plan a community's visits for the periods that contain `on` (each rule's week, fortnight, month or quarter). */
export const planVisitsSchema = z.strictObject({ regionCode: communityCode, on: isoDate }).meta({ id: "PlanVisits" });
export type PlanVisits = z.infer<typeof planVisitsSchema>;
export const visitPlanSchema = z
  .object({
    created: z.number().int().describe("New tasks"),
    reassigned: z.number().int().describe("Open tasks moved to the grid's current member"),
    unassigned: z.number().int().describe("Tasks in grids with no grid member on a term"),
  })
  .meta({ id: "VisitPlan" });
export type VisitPlan = z.infer<typeof visitPlanSchema>;

export const visitTaskStatuses = ["open", "done", "overdue"] as const;
export type VisitTaskStatus = (typeof visitTaskStatuses)[number];

export const visitTaskSchema = z
  .object({
    id: z.uuid(),
    ruleId: z.uuid(),
    ruleName: z.string(),
    target: z.enum(visitTargets),
    householdId: z.uuid(),
    /** The person the task is about, for a register rule (the name only; the register stays behind its permission). */
    residentId: z.uuid().nullable(),
    address: z.string(),
    compoundId: z.uuid().nullable().describe("The compound of the household's dwelling (the coverage map's unit)"),
    gridCode: z.string().nullable(),
    assigneeUserId: z.uuid().nullable(),
    companions: z.array(z.enum(visitCompanions)),
    periodStart: isoDate,
    dueDate: isoDate,
    status: z.enum(visitTaskStatuses),
    visitId: z.uuid().nullable(),
  })
  .meta({ id: "VisitTask" });
export type VisitTask = z.infer<typeof visitTaskSchema>;

export const visitTaskListQuerySchema = z.strictObject({
  view: z.enum(["mine", "grid"]).default("mine"),
  status: z.enum(visitTaskStatuses).optional(),
  on: isoDate.optional().describe("Tasks whose period contains this day (default today)"),
});
export type VisitTaskListQuery = z.infer<typeof visitTaskListQuerySchema>;
export const visitTaskListSchema = z.object({ items: z.array(visitTaskSchema) }).meta({ id: "VisitTaskList" });

/** A need raised on a visit: it becomes a case (事件) in the same step. */
export const visitNeedSchema = z.strictObject({
  categoryCode: z.string().min(1).max(80),
  description: z.string().trim().min(1).max(4_000),
});

export const recordVisitSchema = z
  .strictObject({
    householdId: z.uuid(),
    taskId: z.uuid().optional(),
    residentId: z.uuid().optional(),
    visitedAt: z.iso.datetime({ offset: true }),
    longitude: z.number().min(73).max(136).optional(),
    latitude: z.number().min(3).max(54).optional(),
    metWith: z.string().trim().min(1).max(200).describe("Whom the visitor met"),
    findings: z.string().trim().max(2_000).default(""),
    /** About a register person: shown only to roles holding that register's permission. */
    registerNote: z.string().trim().min(1).max(2_000).optional(),
    needs: z.array(visitNeedSchema).max(5).default([]),
    /** Needs for a social service (服务需求): each becomes a service request in the same step. */
    serviceNeeds: z.array(serviceNeedSchema).max(5).default([]),
  })
  .meta({ id: "RecordVisit" });
export type RecordVisit = z.infer<typeof recordVisitSchema>;

export const visitSchema = z
  .object({
    id: z.uuid(),
    householdId: z.uuid(),
    residentId: z.uuid().nullable(),
    regionCode: z.string(),
    gridCode: z.string().nullable(),
    visitorUserId: z.uuid(),
    visitedAt: z.string(),
    longitude: z.number().nullable(),
    latitude: z.number().nullable(),
    metWith: z.string(),
    findings: z.string(),
    register: registerSchema.nullable().describe("Null unless the reader holds the register's permission"),
    /** Null when the reader may not see the register's notes (or there is none). */
    registerNote: z.string().nullable(),
    caseIds: z.array(z.uuid()),
    serviceRequestIds: z.array(z.uuid()),
    completedTaskIds: z.array(z.uuid()),
  })
  .meta({ id: "Visit" });
export type Visit = z.infer<typeof visitSchema>;

export const coverageQuerySchema = z.strictObject({ regionCode: communityCode, on: isoDate.optional() });
export const coverageSchema = z
  .object({
    on: isoDate,
    items: z.array(
      z.object({
        gridCode: z.string().nullable(),
        due: z.number().int(),
        visited: z.number().int(),
        notReached: z.number().int(),
        overdue: z.number().int(),
      }),
    ),
    /** Per compound, households reached at least once this quarter, with the outline for the map. */
    compounds: z.array(
      z.object({
        compoundId: z.uuid(),
        name: z.string(),
        boundary: polygonSchema.nullable(),
        households: z.number().int().describe("Households with a task this quarter"),
        reached: z.number().int().describe("Of them, households visited at least once"),
      }),
    ),
  })
  .meta({ id: "VisitCoverage" });
export type VisitCoverage = z.infer<typeof coverageSchema>;
