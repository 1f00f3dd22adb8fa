import { z } from "zod";
import { mobileSchema } from "./identifiers.js";
import { pageQuerySchema, pageSchema } from "./pagination.js";

/** 部件 / 事件 (GB/T 30428 city-management classes) and the community's own classes. */
export const categoryKinds = ["component", "incident", "community"] as const;
export type CategoryKind = (typeof categoryKinds)[number];

/** Who a sub-category goes to by default; routing refines it by where the problem is. */
export const partyKinds = ["property_company", "owners_committee", "community", "township", "department"] as const;
export type PartyKind = (typeof partyKinds)[number];

/** The stages a case is timed in: 立案, 派遣, 处置, 核查. */
export const caseStages = ["register", "dispatch", "handle", "verify"] as const;
export type CaseStage = (typeof caseStages)[number];

/** The states of GLOSSARY.md (上报 → 立案 → 派遣 → 处置 → 反馈 → 核查 → 结案 → 评价) plus the two ends before registration. */
export const caseStatuses = [
  "reported",
  "registered",
  "rejected",
  "merged",
  "dispatched",
  "in_progress",
  "handled",
  "verified",
  "closed",
  "rated",
] as const;
export type CaseStatus = (typeof caseStatuses)[number];

export const caseTransitions = [
  "register",
  "reject",
  "merge",
  "dispatch",
  "reroute",
  "decline",
  "start",
  "handle",
  "verify",
  "send_back",
  "close",
  "rate",
  "reopen",
] as const;
export type CaseTransition = (typeof caseTransitions)[number];

/** How a case came in. */
export const caseChannels = ["resident", "grid_member", "staff", "open311"] as const;
export type CaseChannel = (typeof caseChannels)[number];

const hours = z.number().positive().max(8_760);
export const stageLimitsSchema = z
  .strictObject({ register: hours, dispatch: hours, handle: hours, verify: hours })
  .describe("Hours allowed for each stage");
export type StageLimits = z.infer<typeof stageLimitsSchema>;

/** An extra question a sub-category asks (Open311 "attributes"). */
export const categoryQuestionSchema = z.strictObject({
  code: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/),
  label: z.string().trim().min(1).max(100),
  labelEn: z.string().trim().min(1).max(100),
  datatype: z.enum(["string", "number", "datetime", "text", "singlevaluelist", "multivaluelist"]),
  required: z.boolean().default(false),
  values: z
    .array(z.strictObject({ key: z.string().min(1).max(40), name: z.string().min(1).max(100) }))
    .max(50)
    .optional(),
});
export type CategoryQuestion = z.infer<typeof categoryQuestionSchema>;

export const categorySchema = z
  .object({
    code: z.string(),
    parentCode: z.string().nullable(),
    kind: z.enum(categoryKinds),
    name: z.string(),
    nameEn: z.string(),
    party: z.enum(partyKinds).nullable().describe("Default responsible party (sub-categories only)"),
    department: z.string().nullable().describe("The department's name when the party is `department`"),
    limits: stageLimitsSchema.nullable(),
    workingHours: z.boolean().describe("Whether time limits count working hours only"),
    questions: z.array(categoryQuestionSchema),
    active: z.boolean(),
    version: z.number().int(),
  })
  .meta({ id: "CaseCategory" });
export type Category = z.infer<typeof categorySchema>;
export const categoryListSchema = z.object({ items: z.array(categorySchema) }).meta({ id: "CaseCategoryList" });

export const categoryCodeParamsSchema = z.strictObject({ code: z.string().regex(/^[a-z0-9_.]{1,80}$/) });

export const updateCategoryRequestSchema = z
  .strictObject({
    version: z.number().int().describe("The version read; a stale one is refused"),
    name: z.string().trim().min(1).max(60).optional(),
    nameEn: z.string().trim().min(1).max(60).optional(),
    party: z.enum(partyKinds).optional(),
    department: z.string().trim().min(1).max(60).nullable().optional(),
    limits: stageLimitsSchema.optional(),
    workingHours: z.boolean().optional(),
    questions: z.array(categoryQuestionSchema).max(20).optional(),
    active: z.boolean().optional(),
  })
  .meta({ id: "UpdateCaseCategoryRequest" });
export type UpdateCategoryRequest = z.infer<typeof updateCategoryRequestSchema>;

const longitude = z.number().min(-180).max(180);
const latitude = z.number().min(-90).max(90);
const answersSchema = z
  .record(z.string().max(40), z.union([z.string().max(1_000), z.number(), z.array(z.string().max(100)).max(50)]))
  .default({})
  .describe("Answers to the sub-category's extra questions, by question code");

/** A new case, as any channel sends it. */
export const reportCaseRequestSchema = z
  .strictObject({
    categoryCode: z.string().min(1).max(80),
    description: z.string().trim().min(1).max(4_000),
    longitude: longitude.optional(),
    latitude: latitude.optional(),
    compoundId: z.uuid().optional().describe("The compound, when the reporter picked it rather than a point"),
    regionCode: z
      .string()
      .regex(/^\d{12}$/)
      .optional()
      .describe("The community, when neither a point nor a compound places the case"),
    address: z.string().trim().max(200).default(""),
    answers: answersSchema,
    photoIds: z.array(z.uuid()).max(9).default([]),
    reporterName: z.string().trim().min(1).max(40).optional(),
    reporterPhone: mobileSchema.optional(),
  })
  .refine((value) => (value.longitude === undefined) === (value.latitude === undefined), {
    path: ["latitude"],
    params: { code: "point_incomplete" },
  })
  .meta({ id: "ReportCaseRequest" });
export type ReportCaseRequest = z.infer<typeof reportCaseRequestSchema>;

export const partySchema = z.object({
  kind: z.enum(partyKinds),
  name: z.string(),
});
export type Party = z.infer<typeof partySchema>;

export const caseEventSchema = z.object({
  id: z.uuid(),
  kind: z.string().describe("A transition, or `reported`, `escalated`"),
  fromStatus: z.enum(caseStatuses).nullable(),
  toStatus: z.enum(caseStatuses).nullable(),
  actor: z.string().nullable().describe("Display name; null for the reporter without an account or the system"),
  note: z.string().nullable(),
  photoIds: z.array(z.uuid()),
  occurredAt: z.string(),
});
export type CaseEvent = z.infer<typeof caseEventSchema>;

export const caseSummarySchema = z
  .object({
    id: z.uuid(),
    number: z.string().describe("Human case number, e.g. 20261129-000123"),
    categoryCode: z.string(),
    categoryName: z.string(),
    categoryNameEn: z.string(),
    status: z.enum(caseStatuses),
    channel: z.enum(caseChannels),
    description: z.string(),
    address: z.string(),
    regionCode: z.string(),
    gridCode: z.string().nullable(),
    compoundName: z.string().nullable(),
    pooled: z.boolean().describe("Placed in no grid: waits in the community's or township's pool"),
    party: partySchema.nullable(),
    handler: z.string().nullable(),
    stage: z.enum(caseStages).nullable(),
    dueAt: z.string().nullable(),
    overdue: z.boolean(),
    escalationLevel: z.number().int().describe("0 none, 1 community director, 2 township"),
    reportedAt: z.string(),
  })
  .meta({ id: "CaseSummary" });
export type CaseSummary = z.infer<typeof caseSummarySchema>;

export const caseDetailSchema = caseSummarySchema
  .extend({
    longitude: z.number().nullable(),
    latitude: z.number().nullable(),
    answers: z.record(z.string(), z.unknown()),
    photoIds: z.array(z.uuid()),
    reporterName: z.string().nullable(),
    reporterPhone: z.string().nullable().describe("Masked"),
    mergedInto: z.uuid().nullable(),
    visitId: z.uuid().nullable().describe("The door-to-door visit that raised the case"),
    rating: z.number().int().nullable(),
    ratingComment: z.string().nullable(),
    events: z.array(caseEventSchema),
    allowed: z.array(z.enum(caseTransitions)).describe("The transitions the caller may take now"),
    version: z.number().int(),
  })
  .meta({ id: "CaseDetail" });
export type CaseDetail = z.infer<typeof caseDetailSchema>;

/** What the reporter gets back: the case and the code to follow it without an account. */
export const reportedCaseSchema = z.object({ case: caseDetailSchema, trackingCode: z.string() }).meta({ id: "ReportedCase" });
export type ReportedCase = z.infer<typeof reportedCaseSchema>;

export const caseIdParamsSchema = z.strictObject({ id: z.uuid() });

const note = z.string().trim().min(1).max(2_000);
const photoIds = z.array(z.uuid()).max(9).default([]);
export const transitionRequestSchema = z
  .discriminatedUnion("transition", [
    z.strictObject({ transition: z.literal("register"), version: z.number().int(), note: note.optional(), photoIds }),
    z.strictObject({ transition: z.literal("reject"), version: z.number().int(), note, photoIds }),
    z.strictObject({
      transition: z.literal("merge"),
      version: z.number().int(),
      into: z.uuid(),
      note: note.optional(),
      photoIds,
    }),
    z.strictObject({
      transition: z.literal("dispatch"),
      version: z.number().int(),
      party: partySchema.optional().describe("Another party than the routed one"),
      handlerUserId: z.uuid().optional(),
      note: note.optional(),
      photoIds,
    }),
    z.strictObject({
      transition: z.literal("reroute"),
      version: z.number().int(),
      party: partySchema,
      handlerUserId: z.uuid().optional(),
      note,
      photoIds,
    }),
    z.strictObject({ transition: z.literal("decline"), version: z.number().int(), note, photoIds }),
    z.strictObject({ transition: z.literal("start"), version: z.number().int(), note: note.optional(), photoIds }),
    z.strictObject({ transition: z.literal("handle"), version: z.number().int(), note, photoIds }),
    z.strictObject({ transition: z.literal("verify"), version: z.number().int(), note: note.optional(), photoIds }),
    z.strictObject({ transition: z.literal("send_back"), version: z.number().int(), note, photoIds }),
    z.strictObject({ transition: z.literal("close"), version: z.number().int(), note: note.optional(), photoIds }),
    z.strictObject({ transition: z.literal("reopen"), version: z.number().int(), note, photoIds }),
  ])
  .meta({ id: "CaseTransitionRequest" });
export type TransitionRequest = z.infer<typeof transitionRequestSchema>;

export const caseListQuerySchema = pageQuerySchema.extend({
  view: z
    .enum(["mine", "grid", "overdue", "all"])
    .default("all")
    .describe("mine: assigned to or reported by me; grid: my grids' cases; overdue: past their due time"),
  status: z.enum(caseStatuses).optional(),
  open: z
    .enum(["true", "false"])
    .transform((value) => value === "true")
    .optional()
    .describe("Only cases not yet closed"),
  categoryCode: z.string().max(80).optional(),
});
export type CaseListQuery = z.infer<typeof caseListQuerySchema>;
export const casePageSchema = pageSchema(caseSummarySchema).meta({ id: "CasePage" });
export type CasePage = z.infer<typeof casePageSchema>;

/** A reporter without an account follows the case with its tracking code. */
export const trackingParamsSchema = z.strictObject({ code: z.string().regex(/^[0-9A-Z]{12}$/) });
export const trackedCaseSchema = z
  .object({
    number: z.string(),
    categoryName: z.string(),
    categoryNameEn: z.string(),
    status: z.enum(caseStatuses),
    description: z.string(),
    address: z.string(),
    reportedAt: z.string(),
    events: z.array(caseEventSchema.pick({ kind: true, toStatus: true, occurredAt: true })),
    rating: z.number().int().nullable(),
    canRate: z.boolean(),
    canReopen: z.boolean(),
  })
  .meta({ id: "TrackedCase" });
export type TrackedCase = z.infer<typeof trackedCaseSchema>;

export const rateCaseRequestSchema = z
  .strictObject({
    rating: z.number().int().min(1).max(5).describe("1 very dissatisfied … 5 very satisfied"),
    comment: z.string().trim().max(500).optional(),
  })
  .meta({ id: "RateCaseRequest" });
export type RateCaseRequest = z.infer<typeof rateCaseRequestSchema>;

export const reopenByTrackingRequestSchema = z.strictObject({ note: note }).meta({ id: "ReopenCaseRequest" });

/** Open cases near a point that a new report may repeat. */
export const duplicateQuerySchema = z.strictObject({
  categoryCode: z.string().min(1).max(80),
  lon: z.coerce.number().min(-180).max(180),
  lat: z.coerce.number().min(-90).max(90),
});
export type DuplicateQuery = z.infer<typeof duplicateQuerySchema>;
export const duplicateListSchema = z
  .object({
    items: z.array(
      z.object({
        id: z.uuid(),
        number: z.string(),
        categoryName: z.string(),
        categoryNameEn: z.string(),
        status: z.enum(caseStatuses),
        description: z.string(),
        address: z.string(),
        reportedAt: z.string(),
        distanceMetres: z.number(),
      }),
    ),
    radiusMetres: z.number(),
    windowHours: z.number(),
  })
  .meta({ id: "DuplicateCaseList" });
export type DuplicateList = z.infer<typeof duplicateListSchema>;

export const compoundSearchQuerySchema = z.strictObject({ q: z.string().trim().min(1).max(40) });
export const compoundChoiceListSchema = z
  .object({
    items: z.array(z.object({ id: z.uuid(), name: z.string(), regionCode: z.string(), communityName: z.string() })),
  })
  .meta({ id: "CompoundChoiceList" });
export type CompoundChoiceList = z.infer<typeof compoundChoiceListSchema>;

export const calendarDaySchema = z.object({
  day: z.iso.date(),
  kind: z.enum(["holiday", "workday"]).describe("holiday: not worked; workday: a weekend day worked instead (调休)"),
  name: z.string(),
});
export const calendarDayListSchema = z.object({ items: z.array(calendarDaySchema) }).meta({ id: "CalendarDayList" });
export const calendarDayParamsSchema = z.strictObject({ day: z.iso.date() });
export const setCalendarDayRequestSchema = z
  .strictObject({ kind: z.enum(["holiday", "workday"]), name: z.string().trim().min(1).max(40) })
  .meta({ id: "SetCalendarDayRequest" });

export const casePhotoSchema = z
  .object({ id: z.uuid(), contentType: z.string(), byteSize: z.number().int() })
  .meta({ id: "CasePhoto" });
export const casePhotoParamsSchema = z.strictObject({ id: z.uuid() });

export const notificationKinds = ["case_escalated", "case_dispatched", "meeting_noticed"] as const;
export const notificationSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(notificationKinds),
    caseId: z.uuid().nullable(),
    caseNumber: z.string().nullable(),
    level: z.number().int().nullable().describe("For an escalation: 1 community director, 2 township"),
    meetingId: z.uuid().nullable().describe("For a meeting's notice"),
    subject: z.string().nullable().describe("For a meeting's notice: its title and time"),
    createdAt: z.string(),
    read: z.boolean(),
  })
  .meta({ id: "Notification" });
export type Notification = z.infer<typeof notificationSchema>;
export const notificationListSchema = z
  .object({ items: z.array(notificationSchema), unread: z.number().int() })
  .meta({ id: "NotificationList" });
export type NotificationList = z.infer<typeof notificationListSchema>;
export const notificationParamsSchema = z.strictObject({ id: z.uuid() });

export const evaluationGroupings = ["party", "grid", "community", "month"] as const;
export const evaluationQuerySchema = z
  .strictObject({
    groupBy: z.enum(evaluationGroupings).default("party"),
    from: z.iso.date().describe("First day (Asia/Shanghai) of cases reported"),
    to: z.iso.date().describe("Last day, at most 366 days after `from`"),
  })
  .refine((value) => value.to >= value.from, { path: ["to"], params: { code: "before_start" } })
  .refine((value) => Date.parse(value.to) - Date.parse(value.from) <= 366 * 86_400_000, {
    path: ["to"],
    params: { code: "range_too_long" },
  });
export type EvaluationQuery = z.infer<typeof evaluationQuerySchema>;

const rate = z.number().min(0).max(1).nullable();
const averageHours = z.number().nullable();
export const evaluationRowSchema = z.object({
  key: z.string(),
  name: z.string(),
  cases: z.number().int(),
  registered: z.number().int().describe("立案数"),
  dispatched: z.number().int().describe("应处置数: dispatched to a party"),
  handledOnTime: z.number().int().describe("按期处置数"),
  onTimeRate: rate.describe("按期处置率 = handledOnTime / dispatched"),
  closed: z.number().int().describe("结案数"),
  closureRate: rate.describe("结案率 = closed / registered"),
  reworked: z.number().int().describe("Cases sent back at least once"),
  reworkRate: rate.describe("返工率 = reworked / handled"),
  rated: z.number().int(),
  satisfied: z.number().int().describe("Rated 4 or 5"),
  satisfactionRate: rate.describe("满意率 = satisfied / rated"),
  averageHours: z.object({ register: averageHours, dispatch: averageHours, handle: averageHours, verify: averageHours }),
});
export type EvaluationRow = z.infer<typeof evaluationRowSchema>;
export const evaluationSchema = z
  .object({
    groupBy: z.enum(evaluationGroupings),
    from: z.string(),
    to: z.string(),
    rows: z.array(evaluationRowSchema),
    total: evaluationRowSchema,
  })
  .meta({ id: "CaseEvaluation" });
export type Evaluation = z.infer<typeof evaluationSchema>;

/** The accounts that may handle a case for each kind of party: whom a leader may name on dispatch. */
export const handlerCandidatesSchema = z
  .object({
    routed: partySchema.nullable().describe("The party the case was routed to"),
    candidates: z.array(z.object({ id: z.uuid(), displayName: z.string(), partyKinds: z.array(z.enum(partyKinds)) })),
  })
  .meta({ id: "CaseHandlerCandidates" });
export type HandlerCandidates = z.infer<typeof handlerCandidatesSchema>;
