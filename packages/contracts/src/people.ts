import { z } from "zod";
import { idNumberSchema, mobileSchema } from "./identifiers.js";
import { pageQuerySchema, pageSchema } from "./pagination.js";

const isoDate = z.iso.date().describe("YYYY-MM-DD");

export const genders = ["male", "female"] as const;
export const registrations = ["local", "migrant"] as const;
export const livingStatuses = ["present", "away", "moved_out", "deceased"] as const;
export type LivingStatus = (typeof livingStatuses)[number];
export const relations = ["head", "spouse", "child", "parent", "grandchild", "grandparent", "sibling", "other"] as const;
export const politicalStatuses = ["party_member", "probationary_member", "league_member", "other_party", "masses"] as const;

/** Ordinary tags: any staff member who sees the resident sees these. */
export const residentTags = [
  "party_member",
  "volunteer",
  "elderly_living_alone",
  "disabled",
  "subsistence_allowance",
  "left_behind_child",
  "veteran",
  "key_care",
] as const;
export type ResidentTag = (typeof residentTags)[number];

/** Special registers (特殊人群): each one readable only with its own permission. */
export const registers = [
  "drug_rehabilitation",
  "community_correction",
  "released_prisoner",
  "severe_mental_disorder",
  "key_youth",
  "child_in_difficulty",
  "family_in_difficulty",
] as const;
export type Register = (typeof registers)[number];
export const registerSchema = z.enum(registers);

/** The read permission of each register, `registers.<name>.read`. */
export function registerPermission<R extends Register>(register: R): `registers.${R}.read` {
  return `registers.${register}.read`;
}

const name = z.string().trim().min(1).max(64);
const shortText = z.string().trim().max(64);

/** What a grid member collects about a person; ID and phone arrive in full and leave masked. */
export const residentFieldsSchema = z.strictObject({
  name: name.describe("姓名"),
  idNumber: idNumberSchema.optional().describe("身份证号; gender and birth date are read from it"),
  gender: z.enum(genders).optional().describe("Only without an ID number"),
  birthDate: isoDate.optional().describe("Only without an ID number"),
  phone: mobileSchema.optional(),
  ethnicity: shortText.optional().describe("民族, e.g. 汉族"),
  registration: z.enum(registrations).default("local").describe("户籍 local or 流动 migrant"),
  homeRegionCode: z
    .string()
    .regex(/^\d{6}(\d{3}|\d{6})?$/, "a division code of 6, 9 or 12 digits")
    .optional()
    .describe("Where a migrant's household registration is"),
  politicalStatus: z.enum(politicalStatuses).optional(),
  relation: z.enum(relations).default("head").describe("Relation to the household head"),
  tags: z
    .array(z.enum(residentTags))
    .max(residentTags.length)
    .default([])
    .refine((tags) => new Set(tags).size === tags.length, { params: { code: "duplicate" } }),
});
export type ResidentFields = z.infer<typeof residentFieldsSchema>;

/** A new resident: where they live, and the household they join (a new one when none is named). */
export const createResidentRequestSchema = residentFieldsSchema
  .extend({
    dwellingId: z.uuid(),
    householdId: z.uuid().optional().describe("Join this household of the dwelling; omitted: a new household"),
    livingStatus: z.enum(["present", "away"]).default("present"),
  })
  .meta({ id: "CreateResidentRequest" });
export type CreateResidentRequest = z.infer<typeof createResidentRequestSchema>;

/** A correction: only the fields sent change; null clears an optional one. */
export const linkResidentAccountSchema = z
  .strictObject({ userId: z.uuid().describe("The resident's account (role resident)") })
  .meta({ id: "LinkResidentAccount" });

export const correctResidentRequestSchema = z
  .strictObject({
    version: z.number().int().min(1).describe("The version the correction was made against"),
    name: name.optional(),
    idNumber: idNumberSchema.nullable().optional(),
    gender: z.enum(genders).nullable().optional(),
    birthDate: isoDate.nullable().optional(),
    phone: mobileSchema.nullable().optional(),
    ethnicity: shortText.nullable().optional(),
    registration: z.enum(registrations).optional(),
    homeRegionCode: z
      .string()
      .regex(/^\d{6}(\d{3}|\d{6})?$/)
      .nullable()
      .optional(),
    politicalStatus: z.enum(politicalStatuses).nullable().optional(),
    relation: z.enum(relations).optional(),
    livingStatus: z.enum(["present", "away"]).optional(),
    tags: z.array(z.enum(residentTags)).max(residentTags.length).optional(),
  })
  .meta({ id: "CorrectResidentRequest" });
export type CorrectResidentRequest = z.infer<typeof correctResidentRequestSchema>;

export const residentSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    idNumber: z.string().nullable().describe("Masked: region and last four, never the birth date"),
    gender: z.enum(genders).nullable(),
    birthDate: z.string().nullable(),
    age: z.number().int().nullable(),
    phone: z.string().nullable().describe("Masked: 138****1234"),
    ethnicity: z.string().nullable(),
    registration: z.enum(registrations),
    homeRegionCode: z.string().nullable(),
    politicalStatus: z.enum(politicalStatuses).nullable(),
    relation: z.enum(relations).nullable(),
    livingStatus: z.enum(livingStatuses),
    regionCode: z.string(),
    gridCode: z.string().nullable(),
    householdId: z.uuid().nullable(),
    dwellingId: z.uuid().nullable(),
    address: z.string().describe("The dwelling's address, or the last known one"),
    tags: z.array(z.enum(residentTags)),
    version: z.number().int(),
    updatedAt: z.string(),
  })
  .meta({ id: "Resident" });
export type Resident = z.infer<typeof residentSchema>;

export const residentListQuerySchema = pageQuerySchema.extend({
  q: z.string().trim().max(64).optional().describe("A name (exact, prefix or similar), a full ID number or a phone number"),
  region: z
    .string()
    .regex(/^\d{2,12}$/)
    .optional()
    .describe("Division code prefix"),
  grid: z
    .string()
    .regex(/^\d{15}$/)
    .optional(),
  compoundId: z.uuid().optional(),
  householdId: z.uuid().optional(),
  dwellingId: z.uuid().optional(),
  address: z.string().trim().max(64).optional().describe("Part of the address"),
  tag: z.enum(residentTags).optional(),
  register: registerSchema.optional().describe("Needs that register's permission and a reason"),
  reason: z.string().trim().min(4).max(200).optional(),
  livingStatus: z.enum(livingStatuses).optional(),
});
export type ResidentListQuery = z.infer<typeof residentListQuerySchema>;

export const residentPageSchema = pageSchema(residentSchema).meta({ id: "ResidentPage" });
export type ResidentPage = z.infer<typeof residentPageSchema>;

export const residentIdParamsSchema = z.strictObject({ id: z.uuid() });

export const revealRequestSchema = z
  .strictObject({
    fields: z
      .array(z.enum(["idNumber", "phone"]))
      .min(1)
      .max(2),
    reason: z.string().trim().min(4).max(200).describe("Why the full value is needed; kept in the audit trail"),
  })
  .meta({ id: "RevealRequest" });
export type RevealRequest = z.infer<typeof revealRequestSchema>;

export const revealedSchema = z
  .object({ idNumber: z.string().nullable().optional(), phone: z.string().nullable().optional() })
  .meta({ id: "Revealed" });
export type Revealed = z.infer<typeof revealedSchema>;

/** A change as history and submissions show it: sensitive values masked. */
export const fieldChangeSchema = z.object({
  field: z.string(),
  from: z.unknown().nullable(),
  to: z.unknown().nullable(),
});
export type FieldChange = z.infer<typeof fieldChangeSchema>;

export const residentEventKinds = [
  "registered",
  "corrected",
  "moved_in",
  "moved_out",
  "died",
  "household_split",
  "household_merged",
  "register_recorded",
] as const;
export type ResidentEventKind = (typeof residentEventKinds)[number];

export const residentEventSchema = z
  .object({
    id: z.uuid(),
    residentId: z.uuid().nullable(),
    residentName: z.string().nullable(),
    householdId: z.uuid().nullable(),
    kind: z.enum(residentEventKinds),
    occurredAt: z.string(),
    effectiveDate: z.string().nullable(),
    actor: z.string().nullable().describe("Who made the change"),
    approvedBy: z.string().nullable().describe("The grid leader who accepted it, for a collected change"),
    changes: z.array(fieldChangeSchema),
    note: z.string().nullable(),
  })
  .meta({ id: "ResidentEvent" });
export type ResidentEvent = z.infer<typeof residentEventSchema>;

export const residentDetailSchema = residentSchema
  .extend({ history: z.array(residentEventSchema) })
  .meta({ id: "ResidentDetail" });
export type ResidentDetail = z.infer<typeof residentDetailSchema>;

export const moveInRequestSchema = z
  .strictObject({
    dwellingId: z.uuid(),
    householdId: z.uuid().optional().describe("Join this household; omitted: a new household headed by the resident"),
    relation: z.enum(relations).default("head"),
    date: isoDate,
  })
  .meta({ id: "MoveInRequest" });
export type MoveInRequest = z.infer<typeof moveInRequestSchema>;

export const datedNoteRequestSchema = z
  .strictObject({ date: isoDate, note: z.string().trim().max(500).optional() })
  .meta({ id: "DatedNoteRequest" });
export type DatedNoteRequest = z.infer<typeof datedNoteRequestSchema>;

export const householdSchema = z
  .object({
    id: z.uuid(),
    regionCode: z.string(),
    gridCode: z.string().nullable(),
    dwellingId: z.uuid().nullable(),
    address: z.string(),
    headResidentId: z.uuid().nullable(),
    endedAt: z.string().nullable(),
    mergedInto: z.uuid().nullable(),
    members: z.array(residentSchema),
    history: z.array(residentEventSchema),
  })
  .meta({ id: "Household" });
export type Household = z.infer<typeof householdSchema>;

export const splitHouseholdRequestSchema = z
  .strictObject({
    memberIds: z.array(z.uuid()).min(1).max(50),
    headId: z.uuid().describe("One of the members: the new household's head"),
    dwellingId: z.uuid().optional().describe("Where the new household lives; omitted: the same dwelling"),
    date: isoDate,
  })
  .meta({ id: "SplitHouseholdRequest" });
export type SplitHouseholdRequest = z.infer<typeof splitHouseholdRequestSchema>;

export const mergeHouseholdRequestSchema = z
  .strictObject({ intoHouseholdId: z.uuid(), date: isoDate })
  .meta({ id: "MergeHouseholdRequest" });
export type MergeHouseholdRequest = z.infer<typeof mergeHouseholdRequestSchema>;

/**
 * The columns of the residents workbook (sheet 居民), in order: the template, the import and the
 * export share them; an import names a refused cell as `rows.<row>.<key>`.
 */
export const residentFileColumns = [
  { key: "householdKey", header: "户编号", required: true },
  { key: "relation", header: "与户主关系", required: true },
  { key: "name", header: "姓名", required: true },
  { key: "idNumber", header: "身份证号" },
  { key: "gender", header: "性别" },
  { key: "birthDate", header: "出生日期" },
  { key: "phone", header: "手机号" },
  { key: "ethnicity", header: "民族" },
  { key: "registration", header: "户籍类型" },
  { key: "homeRegionCode", header: "户籍地区划代码" },
  { key: "politicalStatus", header: "政治面貌" },
  { key: "compound", header: "小区", required: true },
  { key: "building", header: "楼栋", required: true },
  { key: "entrance", header: "单元" },
  { key: "number", header: "房号", required: true },
  { key: "tags", header: "标签（以、分隔）" },
  { key: "livingStatus", header: "居住状态" },
] as const;
export type ResidentFileColumn = (typeof residentFileColumns)[number]["key"];

export const residentImportQuerySchema = z.strictObject({
  dryRun: z
    .enum(["true", "false"])
    .transform((value) => value === "true")
    .default(false)
    .describe("Check the file and report what would change, writing nothing"),
});

export const residentImportReportSchema = z
  .object({
    dryRun: z.boolean(),
    rows: z.number().int(),
    households: z.number().int(),
    created: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
  })
  .describe("What the import did (or would do): it applies wholly or not at all")
  .meta({ id: "ResidentImportReport" });
export type ResidentImportReport = z.infer<typeof residentImportReportSchema>;

export const residentExportQuerySchema = residentListQuerySchema.omit({ cursor: true, limit: true });
export type ResidentExportQuery = z.infer<typeof residentExportQuerySchema>;
