import {
  createIntegrityVisitSchema,
  integrityVisitListQuerySchema,
  integrityVisitListSchema,
  integrityVisitSchema,
} from "@linli/contracts";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../../platform/auth/access-hook.js";
import { problemResponses, sendWorkbook } from "../../platform/http/responses.js";
import type { IntegrityVisitService } from "./integrity-visit.service.js";

const tags = ["integrity"];

/** Integrity visits (廉政家访): every route needs integrity.visits. */
export function integrityVisitRoutes(visits: IntegrityVisitService) {
  return async (instance: FastifyInstance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>();

    app.get(
      "/api/integrity-visits",
      {
        config: { access: "integrity.visits" },
        schema: {
          tags,
          summary: "Integrity visits in my area, newest first",
          querystring: integrityVisitListQuerySchema,
          response: { 200: integrityVisitListSchema, ...problemResponses(401, 403) },
        },
      },
      async (request) => visits.list(actorOf(request), request.query),
    );

    app.get(
      "/api/integrity-visits/export",
      {
        config: { access: "integrity.visits" },
        schema: { tags, summary: "The same visits as an Excel workbook", querystring: integrityVisitListQuerySchema },
      },
      async (request, reply) =>
        sendWorkbook(reply, `linli-integrity-visits.xlsx`, await visits.export(actorOf(request), request.query, request.locale)),
    );

    app.post(
      "/api/integrity-visits",
      {
        config: { access: "integrity.visits" },
        schema: {
          tags,
          summary: "Record an integrity visit to an official's family",
          body: createIntegrityVisitSchema,
          response: { 201: integrityVisitSchema, ...problemResponses(400, 401, 403) },
        },
      },
      async (request, reply) => reply.status(201).send(await visits.create(actorOf(request), request.body, { ip: request.ip })),
    );

    app.get(
      "/api/integrity-visits/:id",
      {
        config: { access: "integrity.visits" },
        schema: {
          tags,
          summary: "An integrity visit",
          params: z.strictObject({ id: z.uuid() }),
          response: { 200: integrityVisitSchema, ...problemResponses(401, 403, 404) },
        },
      },
      async (request) => visits.get(actorOf(request), request.params.id),
    );
  };
}
