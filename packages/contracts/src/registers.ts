import { z } from "zod";
import { pageQuerySchema, pageSchema } from "./pagination.js";
import { type Register, registerSchema } from "./people.js";

const isoDate = z.iso.date().describe("YYYY-MM-DD");

export const visitFrequencies = ["weekly", "fortnightly", "monthly", "quarterly"] as const;
export const registerStatuses = ["active", "ended"] as const;

/** The fields every register record has. */
const common = {
  status: z.enum(registerStatuses).default("active"),
  startDate: isoDate,
  endDate: isoDate.nullable().optional(),
  visitFrequency: z.enum(visitFrequencies).describe("How often the grid member (with the companions the rule names) visits"),
  responsible: z.string().trim().min(1).max(64).describe("The responsible person, e.g. the police liaison"),
  note: z.string().trim().max(500).optional(),
};

/** Each register's own fields, by register. */
export const registerDetailsSchema = z.discriminatedUnion("register", [
  z.strictObject({
    register: z.literal("drug_rehabilitation"),
    stage: z.enum(["community_detox", "community_rehabilitation", "maintenance"]).describe("社区戒毒 / 社区康复 / 巩固"),
  }),
  z.strictObject({
    register: z.literal("community_correction"),
    correctionKind: z.enum(["probation", "parole", "temporary_release", "control"]),
  }),
  z.strictObject({ register: z.literal("released_prisoner"), releaseDate: isoDate }),
  z.strictObject({
    register: z.literal("severe_mental_disorder"),
    riskLevel: z.number().int().min(0).max(5),
    guardian: z.string().trim().max(64).optional(),
  }),
  z.strictObject({
    register: z.literal("key_youth"),
    category: z.enum(["out_of_school", "unemployed", "unsupervised", "other"]),
  }),
  z.strictObject({
    register: z.literal("child_in_difficulty"),
    category: z.enum(["orphan", "de_facto_unattended", "disabled", "poverty", "other"]),
    guardian: z.string().trim().max(64).optional(),
  }),
  z.strictObject({
    register: z.literal("family_in_difficulty"),
    category: z.enum(["subsistence", "extreme_poverty", "illness", "disability", "other"]),
  }),
]);
export type RegisterDetails = z.infer<typeof registerDetailsSchema>;

export const recordRegisterRequestSchema = z
  .strictObject({ ...common, details: registerDetailsSchema })
  .meta({ id: "RecordRegisterRequest" });
export type RecordRegisterRequest = z.infer<typeof recordRegisterRequestSchema>;

export const registerEntrySchema = z
  .object({
    id: z.uuid(),
    residentId: z.uuid(),
    residentName: z.string(),
    register: registerSchema,
    status: z.enum(registerStatuses),
    startDate: z.string(),
    endDate: z.string().nullable(),
    visitFrequency: z.enum(visitFrequencies),
    responsible: z.string(),
    note: z.string().nullable(),
    details: registerDetailsSchema,
    regionCode: z.string(),
    gridCode: z.string().nullable(),
    updatedAt: z.string(),
  })
  .meta({ id: "RegisterEntry" });
export type RegisterEntry = z.infer<typeof registerEntrySchema>;

export const registerEntryListSchema = z.object({ items: z.array(registerEntrySchema) }).meta({ id: "RegisterEntryList" });
export type RegisterEntryList = z.infer<typeof registerEntryListSchema>;

/** Opening a register's records states why; the reason is kept in the audit trail. */
export const reasonQuerySchema = z.strictObject({ reason: z.string().trim().min(4).max(200) });

export const registerPageQuerySchema = pageQuerySchema.extend({ reason: z.string().trim().min(4).max(200) });
export type RegisterPageQuery = z.infer<typeof registerPageQuerySchema>;
export const registerPageSchema = pageSchema(registerEntrySchema).meta({ id: "RegisterEntryPage" });
export type RegisterPage = z.infer<typeof registerPageSchema>;

export const registerParamsSchema = z.strictObject({ register: registerSchema });
export const residentRegisterParamsSchema = z.strictObject({ id: z.uuid(), register: registerSchema });
export type RegisterParams = { register: Register };
