import { z } from "zod";
import { polygonSchema } from "./geometry.js";
import { pageQuerySchema, pageSchema } from "./pagination.js";

export const propertyManagementKinds = ["none", "owners_self_managed", "property_company"] as const;

const isoDate = z.iso.date().describe("YYYY-MM-DD");

/** The "三化" profile of a compound from a date on: property management, 人防, 物防, owners' committee. */
export const compoundProfileInputSchema = z
  .strictObject({
    effectiveFrom: isoDate,
    propertyManagement: z.enum(propertyManagementKinds),
    propertyCompany: z.string().trim().min(1).max(100).optional(),
    contractFrom: isoDate.optional(),
    contractTo: isoDate.optional(),
    guards: z.boolean().describe("人防: security guards"),
    watch24h: z.boolean().describe("人防: 24-hour watch"),
    fence: z.boolean().describe("物防: enclosing fence"),
    gate: z.boolean().describe("物防: gate"),
    smartAccess: z.boolean().describe("物防: smart access control"),
    cameras: z.boolean().describe("物防: cameras"),
    ownersCommittee: z.boolean().describe("业委会 present"),
    decisionRef: z.string().trim().min(1).max(200).optional().describe("The decision that caused the change"),
    note: z.string().trim().max(500).optional(),
  })
  .superRefine((profile, context) => {
    if (profile.propertyManagement === "property_company" && !profile.propertyCompany)
      context.addIssue({ code: "custom", path: ["propertyCompany"], message: "required for a property company" });
    if (profile.propertyManagement !== "property_company" && profile.propertyCompany)
      context.addIssue({ code: "custom", path: ["propertyCompany"], message: "only with a property company" });
    if (profile.contractFrom && profile.contractTo && profile.contractTo < profile.contractFrom)
      context.addIssue({ code: "custom", path: ["contractTo"], message: "before the contract's start" });
  });
// Inline in the OpenAPI document: with a component id, fastify-type-provider-zod reports an
// input/output collision for this refined schema.
export type CompoundProfileInput = z.infer<typeof compoundProfileInputSchema>;

export const compoundProfileSchema = z
  .object({
    id: z.uuid(),
    effectiveFrom: z.string(),
    propertyManagement: z.enum(propertyManagementKinds),
    propertyCompany: z.string().nullable(),
    contractFrom: z.string().nullable(),
    contractTo: z.string().nullable(),
    guards: z.boolean(),
    watch24h: z.boolean(),
    fence: z.boolean(),
    gate: z.boolean(),
    smartAccess: z.boolean(),
    cameras: z.boolean(),
    ownersCommittee: z.boolean(),
    decisionRef: z.string().nullable(),
    note: z.string().nullable(),
    recordedAt: z.iso.datetime({ offset: true }),
    threeNo: z.boolean().describe("三无: no property management, no guards or watch, no physical security — derived"),
  })
  .meta({ id: "CompoundProfile" });
export type CompoundProfile = z.infer<typeof compoundProfileSchema>;

export const compoundSchema = z
  .object({
    id: z.uuid(),
    regionCode: z.string(),
    name: z.string(),
    address: z.string(),
    dwellingsCount: z.number().int().nullable(),
    yearBuilt: z.number().int().nullable(),
    boundary: polygonSchema.nullable(),
    profile: compoundProfileSchema.nullable().describe("The current profile; null until one is recorded"),
    threeNo: z.boolean().describe("三无 by the current profile (true while none is recorded)"),
  })
  .meta({ id: "Compound" });
export type Compound = z.infer<typeof compoundSchema>;

export const compoundDetailSchema = compoundSchema
  .extend({ history: z.array(compoundProfileSchema).describe("Every profile, newest first") })
  .meta({ id: "CompoundDetail" });
export type CompoundDetail = z.infer<typeof compoundDetailSchema>;

export const createCompoundRequestSchema = z
  .strictObject({
    regionCode: z.string().regex(/^\d{12}$/, "a 12-digit community code"),
    name: z.string().trim().min(1).max(64),
    address: z.string().trim().max(200).default(""),
    dwellingsCount: z.number().int().min(0).max(100_000).optional(),
    yearBuilt: z.number().int().min(1900).max(2100).optional(),
    boundary: polygonSchema.optional().describe("Inside the community's area where one is known"),
  })
  .meta({ id: "CreateCompoundRequest" });
export type CreateCompoundRequest = z.infer<typeof createCompoundRequestSchema>;

export const compoundListQuerySchema = pageQuerySchema.extend({
  region: z
    .string()
    .regex(/^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/)
    .optional()
    .describe("Only compounds under this division"),
});
export type CompoundListQuery = z.infer<typeof compoundListQuerySchema>;

export const compoundPageSchema = pageSchema(compoundSchema).meta({ id: "CompoundPage" });
export type CompoundPage = z.infer<typeof compoundPageSchema>;

export const compoundIdParamsSchema = z.strictObject({ id: z.uuid() });
