import {
  addDisputeSessionSchema,
  closeDisputeSchema,
  createDisputeSchema,
  disputeListQuerySchema,
  disputeListSchema,
  disputeSchema,
  disputeStatsQuerySchema,
  disputeStatsSchema,
} from "@linli/contracts";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../../platform/auth/access-hook.js";
import { problemResponses, sendWorkbook } from "../../platform/http/responses.js";
import type { DisputeService } from "./dispute.service.js";

const tags = ["disputes"];
const idParams = z.strictObject({ id: z.uuid() });

/** The dispute register (矛盾纠纷) and mediation. */
export function disputeRoutes(disputes: DisputeService) {
  return async (instance: FastifyInstance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>();

    app.get(
      "/api/disputes",
      {
        config: { access: "signed_in" },
        schema: {
          tags,
          summary: "The disputes in my scope, open ones first",
          querystring: disputeListQuerySchema,
          response: { 200: disputeListSchema, ...problemResponses(401, 403) },
        },
      },
      async (request) => disputes.list(actorOf(request), request.query),
    );

    app.get(
      "/api/disputes/export",
      {
        config: { access: "signed_in" },
        schema: { tags, summary: "The same disputes as an Excel workbook", querystring: disputeListQuerySchema },
      },
      async (request, reply) =>
        sendWorkbook(reply, `linli-disputes.xlsx`, await disputes.exportList(actorOf(request), request.query, request.locale)),
    );

    app.get(
      "/api/disputes/stats",
      {
        config: { access: "disputes.read" },
        schema: {
          tags,
          summary: "Per community over a period: disputes received, how they ended, the mediation success rate",
          querystring: disputeStatsQuerySchema,
          response: { 200: disputeStatsSchema, ...problemResponses(400, 401, 403) },
        },
      },
      async (request) => disputes.stats(actorOf(request), request.query),
    );

    app.get(
      "/api/disputes/stats/export",
      {
        config: { access: "disputes.read" },
        schema: { tags, summary: "The statistics as an Excel workbook", querystring: disputeStatsQuerySchema },
      },
      async (request, reply) =>
        sendWorkbook(
          reply,
          `linli-dispute-stats.xlsx`,
          await disputes.exportStats(actorOf(request), request.query, request.locale),
        ),
    );

    app.post(
      "/api/disputes",
      {
        config: { access: "disputes.record" },
        schema: {
          tags,
          summary: "Register a dispute: its kind, its parties (at least two), its mediators",
          body: createDisputeSchema,
          response: { 201: disputeSchema, ...problemResponses(400, 401, 403) },
        },
      },
      async (request, reply) => reply.status(201).send(await disputes.create(actorOf(request), request.body, { ip: request.ip })),
    );

    app.get(
      "/api/disputes/:id",
      {
        config: { access: "signed_in" },
        schema: {
          tags,
          summary: "A dispute with its mediation sessions",
          params: idParams,
          response: { 200: disputeSchema, ...problemResponses(401, 403, 404) },
        },
      },
      async (request) => disputes.get(actorOf(request), request.params.id),
    );

    app.post(
      "/api/disputes/:id/sessions",
      {
        config: { access: "disputes.record" },
        schema: {
          tags,
          summary: "Record a mediation session",
          params: idParams,
          body: addDisputeSessionSchema,
          response: { 200: disputeSchema, ...problemResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request) => disputes.addSession(actorOf(request), request.params.id, request.body, { ip: request.ip }),
    );

    app.post(
      "/api/disputes/:id/close",
      {
        config: { access: "disputes.record" },
        schema: {
          tags,
          summary: "Close with the outcome: agreement (with a follow-up date), referral, or withdrawal",
          params: idParams,
          body: closeDisputeSchema,
          response: { 200: disputeSchema, ...problemResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request) => disputes.close(actorOf(request), request.params.id, request.body, { ip: request.ip }),
    );
  };
}
