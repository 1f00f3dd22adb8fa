import {
  buildingListSchema,
  buildingSchema,
  compoundIdParamsSchema,
  createBuildingRequestSchema,
  createDwellingRequestSchema,
  dwellingListQuerySchema,
  dwellingPageSchema,
  dwellingSchema,
} from "@linli/contracts";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { actorOf } from "../../platform/auth/access-hook.js";
import { problemResponses } from "../../platform/http/responses.js";
import type { BuildingService } from "./building.service.js";

const tags = ["compounds"];

/** Buildings, entrances and dwellings of compounds. */
export function buildingRoutes(service: BuildingService) {
  return async (instance: FastifyInstance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>();

    app.get(
      "/api/compounds/:id/buildings",
      {
        config: { access: "grids.read" },
        schema: {
          tags,
          summary: "The compound's buildings with their entrances, dwelling counts and floor area",
          params: compoundIdParamsSchema,
          response: { 200: buildingListSchema, ...problemResponses(400, 401, 403, 404) },
        },
      },
      async (request) => service.list(actorOf(request), request.params.id),
    );

    app.post(
      "/api/compounds/:id/buildings",
      {
        config: { access: "grids.manage" },
        schema: {
          tags,
          summary: "Add a building (with its entrances) to a compound",
          params: compoundIdParamsSchema,
          body: createBuildingRequestSchema,
          response: { 201: buildingSchema, ...problemResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await service.create(actorOf(request), request.params.id, request.body, { ip: request.ip })),
    );

    app.get(
      "/api/dwellings",
      {
        config: { access: "grids.read" },
        schema: {
          tags,
          summary: "A compound's dwellings (of one building when asked), a cursor page at a time",
          querystring: dwellingListQuerySchema,
          response: { 200: dwellingPageSchema, ...problemResponses(400, 401, 403) },
        },
      },
      async (request) => service.listDwellings(actorOf(request), request.query),
    );

    app.post(
      "/api/dwellings",
      {
        config: { access: "grids.manage" },
        schema: {
          tags,
          summary: "Add a dwelling with its floor area to a building",
          body: createDwellingRequestSchema,
          response: { 201: dwellingSchema, ...problemResponses(400, 401, 403, 409) },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await service.createDwelling(actorOf(request), request.body, { ip: request.ip })),
    );
  };
}
