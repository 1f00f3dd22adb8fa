import {
  regionChildrenQuerySchema,
  regionCodeParamsSchema,
  regionDetailSchema,
  regionListSchema,
  regionSearchQuerySchema,
  setBoundaryRequestSchema,
} from "@linli/contracts";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { actorOf } from "../../platform/auth/access-hook.js";
import { problemResponses } from "../../platform/http/responses.js";
import type { RegionService } from "./region.service.js";

const tags = ["regions"];

/** The administrative division tree: children, one division with its path, search by name. */
export function regionRoutes(service: RegionService) {
  return async (instance: FastifyInstance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>();

    app.get(
      "/api/regions",
      {
        config: { access: "signed_in" },
        schema: {
          tags,
          summary: "The divisions directly under a division (or the provinces)",
          querystring: regionChildrenQuerySchema,
          response: { 200: regionListSchema, ...problemResponses(400, 401) },
        },
      },
      async (request) => service.children(request.query.parent, request.query.includeInactive),
    );

    app.get(
      "/api/regions/search",
      {
        config: { access: "signed_in" },
        schema: {
          tags,
          summary: "Active divisions whose name contains the text, higher levels first",
          querystring: regionSearchQuerySchema,
          response: { 200: regionListSchema, ...problemResponses(400, 401) },
        },
      },
      async (request) => service.search(request.query),
    );

    app.get(
      "/api/regions/:code",
      {
        config: { access: "signed_in" },
        schema: {
          tags,
          summary: "One division with its path from the province down",
          params: regionCodeParamsSchema,
          response: { 200: regionDetailSchema, ...problemResponses(400, 401, 404) },
        },
      },
      async (request) => service.get(request.params.code),
    );

    app.put(
      "/api/regions/:code/boundary",
      {
        config: { access: "grids.manage" },
        schema: {
          tags,
          summary: "Draw a community's area; its compounds and grids must then lie inside it",
          params: regionCodeParamsSchema,
          body: setBoundaryRequestSchema,
          response: { 200: regionDetailSchema, ...problemResponses(400, 401, 403) },
        },
      },
      async (request) => service.setBoundary(actorOf(request), request.params.code, request.body.boundary, { ip: request.ip }),
    );
  };
}
