import { auditChainReportSchema, auditEventPageSchema, auditEventQuerySchema } from "@linli/contracts";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { actorOf } from "../auth/access-hook.js";
import { problemResponses } from "../http/responses.js";
import type { AuditService } from "./audit.service.js";

/** The audit trail and its chain's state, for audit administrators only. */
export function auditRoutes(service: AuditService) {
  return async (instance: FastifyInstance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>();
    app.get(
      "/api/audit/events",
      {
        config: { access: "audit.read" },
        schema: {
          tags: ["audit"],
          summary: "The audit trail, newest first",
          querystring: auditEventQuerySchema,
          response: { 200: auditEventPageSchema, ...problemResponses(401, 403) },
        },
      },
      async (request) => service.listEvents(actorOf(request), request.query),
    );
    app.get(
      "/api/audit/chain",
      {
        config: { access: "audit.read" },
        schema: {
          tags: ["audit"],
          summary: "Verifies the hash chain: sealed and waiting rows, and the first broken row if any",
          response: { 200: auditChainReportSchema, ...problemResponses(401, 403) },
        },
      },
      async (request) => service.chainReport(actorOf(request)),
    );
  };
}
