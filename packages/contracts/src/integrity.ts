import { z } from "zod";
import { regionCodeSchema } from "./regions.js";

const isoDate = z.iso.date().describe("YYYY-MM-DD");

/**
 * Integrity visits (廉政家访): discipline officers visit a leading official's family to talk about
 * a clean family life (清廉家庭) and spot integrity risks early. Only holders of
 * `integrity.visits` — by default the discipline officer's role — see them at all.
 */
export const createIntegrityVisitSchema = z
  .strictObject({
    regionCode: regionCodeSchema.describe("The area of the official's unit"),
    officialName: z.string().trim().min(1).max(50),
    officialPost: z.string().trim().min(1).max(100).describe("e.g. 某局党组书记、局长"),
    familyMet: z.string().trim().min(1).max(200).describe("Whom of the family the visitors met"),
    visitors: z.array(z.string().trim().min(1).max(50)).min(1).max(10),
    visitedOn: isoDate,
    talk: z.string().trim().min(1).max(4_000).describe("What was talked about"),
    risksNoted: z.string().trim().max(2_000).default("").describe("Integrity risks noticed, and the reminder given"),
    commitmentSigned: z.boolean().default(false).describe("The family signed a clean-family pledge (家庭助廉承诺)"),
  })
  .meta({ id: "CreateIntegrityVisit" });
export type CreateIntegrityVisit = z.infer<typeof createIntegrityVisitSchema>;

export const integrityVisitSchema = z
  .object({
    id: z.uuid(),
    regionCode: z.string(),
    officialName: z.string(),
    officialPost: z.string(),
    familyMet: z.string(),
    visitors: z.array(z.string()),
    visitedOn: isoDate,
    talk: z.string(),
    risksNoted: z.string(),
    commitmentSigned: z.boolean(),
    recordedBy: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: "IntegrityVisit" });
export type IntegrityVisit = z.infer<typeof integrityVisitSchema>;

export const integrityVisitListQuerySchema = z.strictObject({
  from: isoDate.optional(),
  to: isoDate.optional(),
});
export type IntegrityVisitListQuery = z.infer<typeof integrityVisitListQuerySchema>;
export const integrityVisitListSchema = z.object({ items: z.array(integrityVisitSchema) }).meta({ id: "IntegrityVisitList" });
