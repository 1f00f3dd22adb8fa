import {
  compoundDetailSchema,
  compoundIdParamsSchema,
  compoundListQuerySchema,
  compoundPageSchema,
  compoundProfileInputSchema,
  createCompoundRequestSchema,
  setBoundaryRequestSchema,
} from "@linli/contracts";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { actorOf } from "../../platform/auth/access-hook.js";
import { problemResponses } from "../../platform/http/responses.js";
import type { CompoundService } from "./compound.service.js";

const tags = ["compounds"];

/** Compounds and their "三化" profile history. */
export function compoundRoutes(service: CompoundService) {
  return async (instance: FastifyInstance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>();

    app.get(
      "/api/compounds",
      {
        config: { access: "grids.read" },
        schema: {
          tags,
          summary: "Compounds inside your scope, a cursor page at a time",
          querystring: compoundListQuerySchema,
          response: { 200: compoundPageSchema, ...problemResponses(400, 401, 403) },
        },
      },
      async (request) => service.list(actorOf(request), request.query),
    );

    app.post(
      "/api/compounds",
      {
        config: { access: "grids.manage" },
        schema: {
          tags,
          summary: "Add a compound to a community of your scope",
          body: createCompoundRequestSchema,
          response: { 201: compoundDetailSchema, ...problemResponses(400, 401, 403, 409) },
        },
      },
      async (request, reply) => reply.status(201).send(await service.create(actorOf(request), request.body, { ip: request.ip })),
    );

    app.get(
      "/api/compounds/:id",
      {
        config: { access: "grids.read" },
        schema: {
          tags,
          summary: "One compound with its current profile and its whole history",
          params: compoundIdParamsSchema,
          response: { 200: compoundDetailSchema, ...problemResponses(400, 401, 403, 404) },
        },
      },
      async (request) => service.get(actorOf(request), request.params.id),
    );

    app.put(
      "/api/compounds/:id/boundary",
      {
        config: { access: "grids.manage" },
        schema: {
          tags,
          summary: "Redraw the compound's boundary (inside its community's area where that is known)",
          params: compoundIdParamsSchema,
          body: setBoundaryRequestSchema,
          response: { 200: compoundDetailSchema, ...problemResponses(400, 401, 403, 404) },
        },
      },
      async (request) => service.setBoundary(actorOf(request), request.params.id, request.body.boundary, { ip: request.ip }),
    );

    app.post(
      "/api/compounds/:id/profile",
      {
        config: { access: "grids.manage" },
        schema: {
          tags,
          summary: "Record the compound's 三化 profile from a date on (a new history entry)",
          params: compoundIdParamsSchema,
          body: compoundProfileInputSchema,
          response: { 200: compoundDetailSchema, ...problemResponses(400, 401, 403, 404) },
        },
      },
      async (request) => service.recordProfile(actorOf(request), request.params.id, request.body, { ip: request.ip }),
    );
  };
}
