import { z } from "zod";
import { pageQuerySchema, pageSchema } from "./pagination.js";

export const auditEventSchema = z
  .object({
    id: z.uuid(),
    occurredAt: z.iso.datetime({ offset: true }),
    actorUsername: z.string().nullable(),
    actorRoles: z.array(z.string()),
    ip: z.string().nullable(),
    action: z.string(),
    entityType: z.string().nullable(),
    entityId: z.string().nullable(),
    result: z.string().describe("`success`, or the problem code the action was refused with"),
    reason: z.string().nullable(),
    chainSeq: z.number().int().nullable().describe("Position in the hash chain; null until sealed"),
  })
  .meta({ id: "AuditEvent" });
export type AuditEvent = z.infer<typeof auditEventSchema>;

export const auditEventQuerySchema = pageQuerySchema.extend({
  action: z.string().trim().max(64).optional().describe("Exact action, e.g. `identity.sign_in`"),
  actor: z.string().trim().max(64).optional().describe("Start of the actor's username"),
  result: z.string().trim().max(64).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});
export type AuditEventQuery = z.infer<typeof auditEventQuerySchema>;

export const auditEventPageSchema = pageSchema(auditEventSchema).meta({ id: "AuditEventPage" });
export type AuditEventPage = z.infer<typeof auditEventPageSchema>;

export const auditChainReportSchema = z
  .object({
    sealed: z.number().int(),
    unsealed: z.number().int(),
    oldestUnsealedSeconds: z.number().int().nullable(),
    alarm: z.boolean().describe("A row has waited over a minute to be sealed"),
    firstBroken: z
      .object({ chainSeq: z.number().int(), id: z.uuid(), problem: z.enum(["content_hash", "chain_link"]) })
      .nullable(),
  })
  .meta({ id: "AuditChainReport" });
export type AuditChainReport = z.infer<typeof auditChainReportSchema>;
