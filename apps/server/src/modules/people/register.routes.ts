import {
  recordRegisterRequestSchema,
  registerEntrySchema,
  registerPageQuerySchema,
  registerPageSchema,
  registerParamsSchema,
  residentRegisterParamsSchema,
} from "@linli/contracts";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { actorOf } from "../../platform/auth/access-hook.js";
import { problemResponses } from "../../platform/http/responses.js";
import type { RegisterService } from "./register.service.js";

const tags = ["registers"];

/** Special registers: each route checks the register's own permission in the service. */
export function registerRoutes(service: RegisterService) {
  return async (instance: FastifyInstance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>();

    app.get(
      "/api/registers/:register",
      {
        // Which register decides the permission, so the service checks it.
        config: { access: "signed_in" },
        schema: {
          tags,
          summary: "The register's records in the caller's scope; needs its permission; the reason is audited",
          params: registerParamsSchema,
          querystring: registerPageQuerySchema,
          response: { 200: registerPageSchema, ...problemResponses(400, 401, 403) },
        },
      },
      async (request) => service.page(actorOf(request), request.params.register, request.query, { ip: request.ip }),
    );

    app.put(
      "/api/residents/:id/registers/:register",
      {
        config: { access: "registers.manage" },
        schema: {
          tags,
          summary: "Record or update a resident's entry on a register (needs that register's read permission too)",
          params: residentRegisterParamsSchema,
          body: recordRegisterRequestSchema,
          response: { 200: registerEntrySchema, ...problemResponses(400, 401, 403, 404) },
        },
      },
      async (request) =>
        service.record(actorOf(request), request.params.id, request.params.register, request.body, { ip: request.ip }),
    );
  };
}
