import {
  moveServiceRequestSchema,
  serviceRequestListQuerySchema,
  serviceRequestListSchema,
  serviceRequestSchema,
} from "@linli/contracts";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../../platform/auth/access-hook.js";
import { problemResponses, sendWorkbook } from "../../platform/http/responses.js";
import type { ServiceRequestService } from "./service-request.service.js";

const tags = ["services"];
const idParams = z.strictObject({ id: z.uuid() });

/** Service requests (服务需求) raised on visits: the list, one request, its moves, the Excel export. */
export function serviceRequestRoutes(service: ServiceRequestService) {
  return async (instance: FastifyInstance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>();

    app.get(
      "/api/service-requests",
      {
        config: { access: "services.read" },
        schema: {
          tags,
          summary: "Service requests in the caller's area, newest first",
          querystring: serviceRequestListQuerySchema,
          response: { 200: serviceRequestListSchema, ...problemResponses(401, 403) },
        },
      },
      async (request) => service.list(actorOf(request), request.query),
    );

    app.get(
      "/api/service-requests/export",
      {
        config: { access: "services.read" },
        schema: { tags, summary: "The list as an Excel workbook", querystring: serviceRequestListQuerySchema },
      },
      async (request, reply) =>
        sendWorkbook(reply, "linli-service-requests.xlsx", await service.export(actorOf(request), request.query, request.locale)),
    );

    app.get(
      "/api/service-requests/:id",
      {
        config: { access: "services.read" },
        schema: {
          tags,
          summary: "One service request",
          params: idParams,
          response: { 200: serviceRequestSchema, ...problemResponses(401, 403, 404) },
        },
      },
      async (request) => service.get(actorOf(request), request.params.id),
    );

    app.post(
      "/api/service-requests/:id/moves",
      {
        config: { access: "services.handle" },
        schema: {
          tags,
          summary: "Take a request up, close it as done, or decline it with the reason",
          params: idParams,
          body: moveServiceRequestSchema,
          response: { 200: serviceRequestSchema, ...problemResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request) => service.move(actorOf(request), request.params.id, request.body, { ip: request.ip }),
    );
  };
}
