import { z } from "zod";

const isoDate = z.iso.date().describe("YYYY-MM-DD");
const instant = z.iso.datetime({ offset: true });
const communityCode = z.string().regex(/^\d{12}$/, "a community's 12-digit code");

/** 屋场恳谈会, 业主大会, 三方联席会议 (community, owners' committee, property company), 委员会会议. */
export const meetingKinds = ["neighbourhood_meeting", "owners_assembly", "joint", "committee"] as const;
export type MeetingKind = (typeof meetingKinds)[number];

/** Who a meeting invites: the compound's residents, the owners' committee, the property company, the community. */
export const meetingInvitees = ["compound_residents", "owners_committee", "property_company", "community"] as const;

export const attendanceParties = ["resident", "owners_committee", "property_company", "community", "other"] as const;

/**
 * What a motion decides. Civil Code art. 278 (2021) lists nine matters the owners decide
 * together; items (6)–(8) — raising the maintenance funds, rebuilding, changing the use of common
 * parts or running a business on them — need at least three quarters of the participating area
 * and owners, every other item (using the funds among them, item 5) more than half of both.
 * `common_facilities` and `other` may also be settled by a show of hands at a residents' meeting
 * when they are not the owners' common decision.
 */
export const motionMatters = [
  "hire_property_company",
  "dismiss_property_company",
  "elect_owners_committee",
  "owners_rules",
  "common_facilities",
  "raise_maintenance_fund",
  "use_maintenance_fund",
  "rebuild",
  "change_common_parts_use",
  "other",
] as const;
export type MotionMatter = (typeof motionMatters)[number];

/** Art. 278 items (6)–(8): at least three quarters of the participating area and owners. */
export const specialMatters: readonly MotionMatter[] = ["raise_maintenance_fund", "rebuild", "change_common_parts_use"];
/** Matters that only the owners can decide (art. 278), so a show of hands cannot. */
export const ownersMatters: readonly MotionMatter[] = [
  "hire_property_company",
  "dismiss_property_company",
  "elect_owners_committee",
  "owners_rules",
  "use_maintenance_fund",
  ...specialMatters,
];

/** Which item of art. 278's first paragraph each matter is (item 9: other major matters of common ownership). */
export const article278Items: Record<MotionMatter, number | null> = {
  owners_rules: 1,
  elect_owners_committee: 3,
  hire_property_company: 4,
  dismiss_property_company: 4,
  use_maintenance_fund: 5,
  raise_maintenance_fund: 6,
  rebuild: 7,
  change_common_parts_use: 8,
  common_facilities: 9,
  other: null,
};

/**
 * A rule since corrected that a stored count was made under. `use_maintenance_fund_is_ordinary`:
 * until December 2026 Linli required three quarters for using the maintenance funds; art. 278
 * makes it an ordinary matter (more than half).
 */
export const ruleCorrections = ["use_maintenance_fund_is_ordinary"] as const;

/** Closing a poll before the time it was announced to close needs a recorded decision. */
export const earlyCloseSchema = z
  .strictObject({
    reason: z.string().trim().min(1).max(500).describe("Why the poll closes before its announced time"),
    decidedBy: z.string().trim().min(1).max(100).describe("Who decided it, e.g. 新葵花苑小区业主委员会 (2026-12-01 会议)"),
  })
  .meta({ id: "EarlyClose" });
export type EarlyClose = z.infer<typeof earlyCloseSchema>;

/** An early close as a result shows it: the decision, and who recorded it when. */
export const earlyCloseViewSchema = z
  .object({ reason: z.string(), decidedBy: z.string(), recordedBy: z.string(), closedAt: z.iso.datetime({ offset: true }) })
  .meta({ id: "EarlyCloseRecord" });
export type EarlyCloseView = z.infer<typeof earlyCloseViewSchema>;

export const countingRules = ["owners_ordinary", "owners_special", "simple_majority", "custom"] as const;
export type CountingRuleKind = (typeof countingRules)[number];

export const ballotChoices = ["for", "against", "abstain"] as const;

export const createMeetingSchema = z
  .strictObject({
    regionCode: communityCode,
    compoundId: z.uuid().optional().describe("The compound, for a meeting of its residents or owners"),
    kind: z.enum(meetingKinds),
    title: z.string().trim().min(1).max(100),
    host: z.string().trim().min(1).max(100).describe("The host organisation, e.g. 新葵花苑小区业主委员会"),
    startsAt: instant,
    place: z.string().trim().min(1).max(200),
    agenda: z.string().trim().min(1).max(4_000),
    invitees: z
      .array(z.enum(meetingInvitees))
      .min(1)
      .max(meetingInvitees.length)
      .refine((list) => new Set(list).size === list.length, { params: { code: "duplicate" } }),
  })
  .meta({ id: "CreateMeeting" });
export type CreateMeeting = z.infer<typeof createMeetingSchema>;

export const meetingListQuerySchema = z.strictObject({
  regionCode: z
    .string()
    .regex(/^\d{2,12}$/)
    .optional(),
  compoundId: z.uuid().optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});
export type MeetingListQuery = z.infer<typeof meetingListQuerySchema>;

const countsSchema = z.object({ owners: z.number().int(), area: z.number().describe("m², two decimals") });
const shareSchema = z.object({ part: z.number(), whole: z.number(), met: z.boolean() });

export const tallySchema = z
  .object({
    rule: z.enum(countingRules),
    passed: z.boolean(),
    /** Owners' votes. */
    roll: countsSchema.optional(),
    participating: countsSchema.optional(),
    for: countsSchema.optional(),
    against: countsSchema.optional(),
    abstain: countsSchema.optional(),
    quorum: z.object({ area: shareSchema, owners: shareSchema, met: z.boolean() }).optional(),
    majority: z.object({ area: shareSchema, owners: shareSchema, met: z.boolean() }).optional(),
    /** A show of hands. */
    hands: z
      .object({
        for: z.number().int(),
        against: z.number().int(),
        abstain: z.number().int(),
        threshold: z.object({ numerator: z.number().int(), denominator: z.number().int(), strict: z.boolean() }),
        majority: shareSchema,
      })
      .optional(),
  })
  .describe("Shares of area are in m² (two decimals); a share is met when part/whole reaches the rule's fraction")
  .meta({ id: "Tally" });
export type TallyView = z.infer<typeof tallySchema>;

export const motionSchema = z
  .object({
    id: z.uuid(),
    meetingId: z.uuid(),
    compoundId: z.uuid().nullable(),
    title: z.string(),
    body: z.string(),
    matter: z.enum(motionMatters),
    rule: z.enum(countingRules),
    threshold: z.object({ numerator: z.number().int(), denominator: z.number().int() }).nullable(),
    revote: z.enum(["replace", "refuse"]),
    status: z.enum(["draft", "open", "closed"]),
    openedAt: instant.nullable(),
    closesAt: instant.nullable(),
    closedAt: instant.nullable(),
    /** While open: how many owners and how much area have voted, never how. */
    participation: z
      .object({ owners: z.number().int(), area: z.number(), rollOwners: z.number().int(), rollArea: z.number() })
      .nullable(),
    tally: tallySchema.nullable().describe("Once closed"),
    passed: z.boolean().nullable(),
    resolutionId: z.uuid().nullable(),
    /** For a resident voting on the phone: whether they may vote, and their ballot. */
    myBallot: z.object({ eligible: z.boolean(), choice: z.enum(ballotChoices).nullable() }).nullable(),
    earlyClose: earlyCloseViewSchema.nullable().describe("Closed before its announced time: the recorded decision"),
    ruleCorrection: z
      .object({
        code: z.enum(ruleCorrections),
        passedUnderCorrectedRule: z.boolean().nullable().describe("Once closed: the outcome the corrected rule gives"),
      })
      .nullable()
      .describe("Counted under a rule since corrected; the stored result stands"),
    version: z.number().int(),
  })
  .meta({ id: "Motion" });
export type Motion = z.infer<typeof motionSchema>;

export const createMotionSchema = z
  .strictObject({
    title: z.string().trim().min(1).max(200),
    body: z.string().trim().max(4_000).default(""),
    matter: z.enum(motionMatters),
    rule: z.enum(countingRules).describe("Required: how the motion is counted"),
    threshold: z
      .strictObject({ numerator: z.number().int().min(1).max(99), denominator: z.number().int().min(2).max(100) })
      .refine((fraction) => fraction.numerator < fraction.denominator, { params: { code: "not_a_share" } })
      .optional()
      .describe("For a custom rule: at least numerator/denominator of the votes cast"),
    revote: z
      .enum(["replace", "refuse"])
      .default("replace")
      .describe("What an owner's second ballot does while the poll is open"),
  })
  .meta({ id: "CreateMotion" });
export type CreateMotion = z.infer<typeof createMotionSchema>;

export const openMotionSchema = z
  .strictObject({ version: z.number().int(), closesAt: instant.describe("When the poll closes by itself") })
  .meta({ id: "OpenMotion" });
export type OpenMotion = z.infer<typeof openMotionSchema>;

export const closeMotionSchema = z
  .strictObject({
    version: z.number().int(),
    hands: z
      .strictObject({
        for: z.number().int().min(0).max(100_000),
        against: z.number().int().min(0).max(100_000),
        abstain: z.number().int().min(0).max(100_000),
      })
      .optional()
      .describe("A show of hands: the counts"),
    earlyClose: earlyCloseSchema.optional().describe("Required to close before `closesAt`"),
  })
  .meta({ id: "CloseMotion" });
export type CloseMotion = z.infer<typeof closeMotionSchema>;

export const castBallotSchema = z
  .strictObject({
    choice: z.enum(ballotChoices),
    dwellingId: z.uuid().optional().describe("Staff recording a paper ballot: the owner's dwelling"),
    paperNumber: z.string().trim().min(1).max(32).optional().describe("Staff recording a paper ballot: its number"),
  })
  .meta({ id: "CastBallot" });
export type CastBallot = z.infer<typeof castBallotSchema>;

export const ballotReceiptSchema = z
  .object({ motionId: z.uuid(), choice: z.enum(ballotChoices), replaced: z.boolean(), castAt: instant })
  .meta({ id: "BallotReceipt" });
export type BallotReceipt = z.infer<typeof ballotReceiptSchema>;

export const attendanceSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    party: z.enum(attendanceParties),
    residentId: z.uuid().nullable(),
    method: z.enum(["staff", "code"]),
    signedInAt: instant,
  })
  .meta({ id: "Attendance" });

export const recordAttendanceSchema = z
  .strictObject({
    residentId: z.uuid().optional(),
    name: z.string().trim().min(1).max(50).optional(),
    party: z.enum(attendanceParties).default("resident"),
  })
  .refine((input) => input.residentId || input.name, { params: { code: "resident_or_name" }, path: ["name"] })
  .meta({ id: "RecordAttendance" });
export type RecordAttendance = z.infer<typeof recordAttendanceSchema>;

export const signInSchema = z.strictObject({ code: z.string().trim().min(4).max(12) }).meta({ id: "MeetingSignIn" });

export const minutesSchema = z
  .strictObject({ version: z.number().int(), minutes: z.string().trim().min(1).max(20_000) })
  .meta({ id: "MeetingMinutes" });
export type MeetingMinutes = z.infer<typeof minutesSchema>;

export const meetingSummarySchema = z
  .object({
    id: z.uuid(),
    regionCode: z.string(),
    compoundId: z.uuid().nullable(),
    compoundName: z.string().nullable(),
    kind: z.enum(meetingKinds),
    title: z.string(),
    host: z.string(),
    startsAt: instant,
    place: z.string(),
    invitees: z.array(z.enum(meetingInvitees)),
    status: z.enum(["planned", "noticed", "held", "cancelled"]),
    noticedAt: instant.nullable(),
    motions: z.number().int(),
    attendance: z.number().int(),
    version: z.number().int(),
  })
  .meta({ id: "MeetingSummary" });
export type MeetingSummary = z.infer<typeof meetingSummarySchema>;

export const meetingListSchema = z.object({ items: z.array(meetingSummarySchema) }).meta({ id: "MeetingList" });
export type MeetingList = z.infer<typeof meetingListSchema>;

export const meetingFileSchema = z
  .object({ id: z.uuid(), fileName: z.string(), contentType: z.string(), byteSize: z.number().int() })
  .meta({ id: "MeetingFile" });
export type MeetingFile = z.infer<typeof meetingFileSchema>;

export const meetingFileQuerySchema = z.strictObject({
  name: z.string().trim().min(1).max(100).describe("The file's name as the user chose it, e.g. 签到表.jpg"),
});

export const meetingSchema = meetingSummarySchema
  .extend({
    agenda: z.string(),
    minutes: z.string().nullable(),
    files: z.array(meetingFileSchema).describe("Attached to the minutes: photos, the signed minutes as PDF"),
    signInCode: z.string().nullable().describe("Shown to the meeting's organisers only"),
    attendees: z.array(attendanceSchema).describe("Organisers see the list; residents see only the count"),
    motionList: z.array(motionSchema),
  })
  .meta({ id: "Meeting" });
export type Meeting = z.infer<typeof meetingSchema>;

export const versionSchema = z.strictObject({ version: z.number().int() }).meta({ id: "VersionOnly" });

/** The owners' roll of a compound: every dwelling with its area and owners, and what is missing. */
export const ownerRollSchema = z
  .object({
    compoundId: z.uuid(),
    dwellings: z.array(
      z.object({
        dwellingId: z.uuid(),
        label: z.string().describe("楼栋 单元 房号"),
        floorArea: z.number().nullable(),
        owners: z.array(z.object({ residentId: z.uuid(), name: z.string() })),
      }),
    ),
    owners: z.number().int().describe("Owners counted per dwelling, one buyer's dwellings as one"),
    area: z.number(),
    missingArea: z.number().int(),
    missingOwners: z.number().int(),
  })
  .meta({ id: "OwnerRoll" });
export type OwnerRoll = z.infer<typeof ownerRollSchema>;

export const setOwnersSchema = z
  .strictObject({
    residentIds: z
      .array(z.uuid())
      .max(10)
      .refine((list) => new Set(list).size === list.length, { params: { code: "duplicate" } }),
  })
  .meta({ id: "SetDwellingOwners" });
export type SetDwellingOwners = z.infer<typeof setOwnersSchema>;

/** Who carries out a resolution's action. */
export const assigneeKinds = ["community", "owners_committee", "property_company", "person"] as const;

/** The 三化 fields an action may set on its compound when done. */
export const profileChangeSchema = z
  .strictObject({
    propertyManagement: z.enum(["none", "owners_self_managed", "property_company"]).optional(),
    propertyCompany: z.string().trim().min(1).max(100).optional(),
    guards: z.boolean().optional(),
    watch24h: z.boolean().optional(),
    fence: z.boolean().optional(),
    gate: z.boolean().optional(),
    smartAccess: z.boolean().optional(),
    cameras: z.boolean().optional(),
    ownersCommittee: z.boolean().optional(),
  })
  .refine((change) => Object.keys(change).length > 0, { params: { code: "empty" } })
  .meta({ id: "ProfileChange" });
export type ProfileChange = z.infer<typeof profileChangeSchema>;

export const resolutionActionSchema = z
  .object({
    id: z.uuid(),
    title: z.string(),
    assigneeKind: z.enum(assigneeKinds),
    assigneeName: z.string(),
    dueOn: isoDate,
    status: z.enum(["open", "overdue", "done"]),
    completedOn: isoDate.nullable(),
    profileChange: profileChangeSchema.nullable(),
    progress: z.array(z.object({ note: z.string(), recordedBy: z.string(), recordedAt: instant })),
    version: z.number().int(),
  })
  .meta({ id: "ResolutionAction" });
export type ResolutionAction = z.infer<typeof resolutionActionSchema>;

export const resolutionSchema = z
  .object({
    id: z.uuid(),
    motionId: z.uuid(),
    meetingId: z.uuid(),
    meetingTitle: z.string(),
    regionCode: z.string(),
    compoundId: z.uuid().nullable(),
    compoundName: z.string().nullable(),
    title: z.string(),
    adoptedOn: isoDate,
    status: z.enum(["open", "overdue", "done"]).describe("done when every action is done; overdue when one is late"),
    actions: z.array(resolutionActionSchema),
  })
  .meta({ id: "Resolution" });
export type Resolution = z.infer<typeof resolutionSchema>;

export const resolutionListQuerySchema = z.strictObject({
  regionCode: z
    .string()
    .regex(/^\d{2,12}$/)
    .optional(),
  status: z.enum(["open", "overdue", "done"]).optional(),
});
export type ResolutionListQuery = z.infer<typeof resolutionListQuerySchema>;

export const resolutionListSchema = z.object({ items: z.array(resolutionSchema) }).meta({ id: "ResolutionList" });
export type ResolutionList = z.infer<typeof resolutionListSchema>;

export const addActionSchema = z
  .strictObject({
    title: z.string().trim().min(1).max(200),
    assigneeKind: z.enum(assigneeKinds),
    assigneeName: z.string().trim().min(1).max(100),
    dueOn: isoDate,
    profileChange: profileChangeSchema.optional(),
  })
  .meta({ id: "AddResolutionAction" });
export type AddResolutionAction = z.infer<typeof addActionSchema>;

export const actionProgressSchema = z.strictObject({ note: z.string().trim().min(1).max(2_000) }).meta({ id: "ActionProgress" });

export const completeActionSchema = z
  .strictObject({ version: z.number().int(), completedOn: isoDate, note: z.string().trim().max(2_000).optional() })
  .meta({ id: "CompleteAction" });
export type CompleteAction = z.infer<typeof completeActionSchema>;
