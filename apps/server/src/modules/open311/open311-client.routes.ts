import {
  createOpen311ClientRequestSchema,
  issuedOpen311ClientSchema,
  open311ClientListSchema,
  open311ClientParamsSchema,
  open311ClientSchema,
} from "@linli/contracts";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { actorOf } from "../../platform/auth/access-hook.js";
import { problemResponses } from "../../platform/http/responses.js";
import type { Open311ClientService } from "./open311-client.service.js";

const tags = ["open311"];

/** Administrators issue and revoke Open311 API clients. */
export function open311ClientRoutes(service: Open311ClientService) {
  return async (instance: FastifyInstance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>();

    app.get(
      "/api/open311-clients",
      {
        config: { access: "open311.clients.manage" },
        schema: {
          tags,
          summary: "Open311 API clients",
          response: { 200: open311ClientListSchema, ...problemResponses(401, 403) },
        },
      },
      async (request) => service.list(actorOf(request)),
    );

    app.post(
      "/api/open311-clients",
      {
        config: { access: "open311.clients.manage" },
        schema: {
          tags,
          summary: "Issue a client: its API key is in this answer only",
          body: createOpen311ClientRequestSchema,
          response: { 201: issuedOpen311ClientSchema, ...problemResponses(401, 403) },
        },
      },
      async (request, reply) => reply.status(201).send(await service.create(actorOf(request), request.body, { ip: request.ip })),
    );

    app.post(
      "/api/open311-clients/:id/revoke",
      {
        config: { access: "open311.clients.manage" },
        schema: {
          tags,
          summary: "Revoke a client's key at once",
          params: open311ClientParamsSchema,
          response: { 200: open311ClientSchema, ...problemResponses(401, 403, 404) },
        },
      },
      async (request) => service.revoke(actorOf(request), request.params.id, { ip: request.ip }),
    );
  };
}
