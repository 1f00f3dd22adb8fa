import { z } from "zod";
import { regionCodeSchema } from "./regions.js";

const isoDate = z.iso.date().describe("YYYY-MM-DD");
const communityCode = z.string().regex(/^\d{12}$/, "a community's 12-digit code");

/** Kinds of dispute (矛盾纠纷) a community mediates. */
export const disputeKinds = ["neighbour", "family", "property_service", "tenancy", "labour", "land", "other"] as const;
export type DisputeKind = (typeof disputeKinds)[number];

/**
 * How a mediation ended: agreement reached (调解成功), referred to the people's mediation
 * committee, the court or the police, or withdrawn by the applicant.
 */
export const disputeOutcomes = ["agreement", "referred_committee", "referred_court", "referred_police", "withdrawn"] as const;
export type DisputeOutcome = (typeof disputeOutcomes)[number];

export const disputePartySides = ["applicant", "respondent", "other"] as const;

export const disputePartySchema = z.strictObject({
  name: z.string().trim().min(1).max(50),
  side: z.enum(disputePartySides),
  /** The party in the registry, when they live here. */
  residentId: z.uuid().optional(),
});
export type DisputeParty = z.infer<typeof disputePartySchema>;

export const createDisputeSchema = z
  .strictObject({
    regionCode: communityCode,
    gridCode: z
      .string()
      .regex(/^\d{15}$/)
      .optional(),
    kind: z.enum(disputeKinds),
    summary: z.string().trim().min(1).max(2_000),
    /** At least the two sides of the quarrel. */
    parties: z.array(disputePartySchema).min(2).max(20),
    mediators: z.array(z.string().trim().min(1).max(50)).min(1).max(10).describe("Who mediates: names and posts"),
    reportedOn: isoDate,
  })
  .meta({ id: "CreateDispute" });
export type CreateDispute = z.infer<typeof createDisputeSchema>;

export const disputeSessionSchema = z
  .object({ id: z.uuid(), heldOn: isoDate, notes: z.string(), recordedBy: z.string(), createdAt: z.string() })
  .meta({ id: "DisputeSession" });
export type DisputeSession = z.infer<typeof disputeSessionSchema>;

export const addDisputeSessionSchema = z
  .strictObject({ heldOn: isoDate, notes: z.string().trim().min(1).max(4_000) })
  .meta({ id: "AddDisputeSession" });
export type AddDisputeSession = z.infer<typeof addDisputeSessionSchema>;

export const closeDisputeSchema = z
  .strictObject({
    version: z.number().int(),
    outcome: z.enum(disputeOutcomes),
    resolution: z.string().trim().max(2_000).default("").describe("The agreement's terms, or where it was referred and why"),
    followUpOn: isoDate.optional().describe("When to check the agreement holds (回访)"),
  })
  .meta({ id: "CloseDispute" });
export type CloseDispute = z.infer<typeof closeDisputeSchema>;

export const disputeStatuses = ["open", "closed"] as const;

export const disputeSchema = z
  .object({
    id: z.uuid(),
    regionCode: z.string(),
    gridCode: z.string().nullable(),
    kind: z.enum(disputeKinds),
    summary: z.string(),
    parties: z.array(disputePartySchema),
    mediators: z.array(z.string()),
    reportedOn: isoDate,
    status: z.enum(disputeStatuses),
    outcome: z.enum(disputeOutcomes).nullable(),
    resolution: z.string(),
    followUpOn: isoDate.nullable(),
    closedOn: isoDate.nullable(),
    sessions: z.array(disputeSessionSchema),
    version: z.number().int(),
  })
  .meta({ id: "Dispute" });
export type Dispute = z.infer<typeof disputeSchema>;

export const disputeListQuerySchema = z.strictObject({
  regionCode: regionCodeSchema.optional(),
  status: z.enum(disputeStatuses).optional(),
  kind: z.enum(disputeKinds).optional(),
});
export type DisputeListQuery = z.infer<typeof disputeListQuerySchema>;
export const disputeListSchema = z
  .object({ items: z.array(disputeSchema.omit({ sessions: true }).extend({ sessions: z.number().int() })) })
  .meta({ id: "DisputeList" });
export type DisputeList = z.infer<typeof disputeListSchema>;

/** Per community over a period: disputes taken in, how they ended, and the mediation success rate. */
export const disputeStatsQuerySchema = z.strictObject({
  regionCode: regionCodeSchema,
  from: isoDate,
  to: isoDate,
});
export type DisputeStatsQuery = z.infer<typeof disputeStatsQuerySchema>;
export const disputeStatsSchema = z
  .object({
    items: z.array(
      z.object({
        regionCode: z.string(),
        regionName: z.string(),
        received: z.number().int().describe("Disputes reported in the period"),
        open: z.number().int(),
        agreement: z.number().int(),
        referred: z.number().int(),
        withdrawn: z.number().int(),
        /** Agreements / mediations that ended in agreement or referral (withdrawn ones left out), a percentage with one decimal (调解成功率). */
        successRate: z.number().nullable(),
        followUpsDue: z.number().int().describe("Agreements whose follow-up date has come"),
      }),
    ),
  })
  .meta({ id: "DisputeStats" });
export type DisputeStats = z.infer<typeof disputeStatsSchema>;
