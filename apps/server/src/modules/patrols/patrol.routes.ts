import {
  addRoutePointsSchema,
  finishPatrolSchema,
  patrolListQuerySchema,
  patrolListSchema,
  patrolSchema,
  reportHazardSchema,
  startPatrolSchema,
} from "@linli/contracts";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../../platform/auth/access-hook.js";
import { problemResponses, sendWorkbook } from "../../platform/http/responses.js";
import type { PatrolService } from "./patrol.service.js";

const tags = ["patrols"];
const idParams = z.strictObject({ id: z.uuid() });

/** Public-safety patrols (治安巡逻): start, route, hazards, finish; the patrol log. */
export function patrolRoutes(patrols: PatrolService) {
  return async (instance: FastifyInstance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>();

    app.get(
      "/api/patrols",
      {
        // Mine needs visits.record, the log of my scope visits.read: the service decides.
        config: { access: "signed_in" },
        schema: {
          tags,
          summary: "My patrols, or the patrols in my scope, newest first",
          querystring: patrolListQuerySchema,
          response: { 200: patrolListSchema, ...problemResponses(401, 403) },
        },
      },
      async (request) => patrols.list(actorOf(request), request.query),
    );

    app.get(
      "/api/patrols/export",
      {
        config: { access: "signed_in" },
        schema: { tags, summary: "The same patrols as an Excel workbook", querystring: patrolListQuerySchema },
      },
      async (request, reply) =>
        sendWorkbook(reply, `linli-patrols.xlsx`, await patrols.export(actorOf(request), request.query, request.locale)),
    );

    app.post(
      "/api/patrols",
      {
        config: { access: "visits.record" },
        schema: {
          tags,
          summary: "Start a patrol of a grid (my own, when I have one)",
          body: startPatrolSchema,
          response: { 201: patrolSchema, ...problemResponses(400, 401, 403) },
        },
      },
      async (request, reply) => reply.status(201).send(await patrols.start(actorOf(request), request.body, { ip: request.ip })),
    );

    app.get(
      "/api/patrols/:id",
      {
        config: { access: "signed_in" },
        schema: {
          tags,
          summary: "A patrol with its route and hazards",
          params: idParams,
          response: { 200: patrolSchema, ...problemResponses(401, 404) },
        },
      },
      async (request) => patrols.get(actorOf(request), request.params.id),
    );

    app.post(
      "/api/patrols/:id/points",
      {
        config: { access: "visits.record" },
        schema: {
          tags,
          summary: "Add route points to my open patrol",
          params: idParams,
          body: addRoutePointsSchema,
          response: { 200: patrolSchema, ...problemResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request) => patrols.addPoints(actorOf(request), request.params.id, request.body),
    );

    app.post(
      "/api/patrols/:id/hazards",
      {
        config: { access: "visits.record" },
        schema: {
          tags,
          summary: "Record a hazard found on my open patrol; with a category it becomes a case",
          params: idParams,
          body: reportHazardSchema,
          response: { 200: patrolSchema, ...problemResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request) => patrols.reportHazard(actorOf(request), request.params.id, request.body, { ip: request.ip }),
    );

    app.post(
      "/api/patrols/:id/finish",
      {
        config: { access: "visits.record" },
        schema: {
          tags,
          summary: "Finish my patrol",
          params: idParams,
          body: finishPatrolSchema,
          response: { 200: patrolSchema, ...problemResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request) => patrols.finish(actorOf(request), request.params.id, request.body, { ip: request.ip }),
    );
  };
}
