import {
  changePasswordRequestSchema,
  createUserRequestSchema,
  issuedPasswordSchema,
  setRolesRequestSchema,
  setScopeRequestSchema,
  userIdParamsSchema,
  userListQuerySchema,
  userPageSchema,
  userSummarySchema,
} from "@linli/contracts";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../../platform/auth/access-hook.js";
import { problemResponses } from "../../platform/http/responses.js";
import type { AccountService } from "./account.service.js";

const contextOf = (request: FastifyRequest) => ({ ip: request.ip });
const tags = ["accounts"];

/** Account administration, and the signed-in user's own password. */
export function accountRoutes(service: AccountService) {
  return async (instance: FastifyInstance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>();

    app.get(
      "/api/users",
      {
        config: { access: "identity.users.read" },
        schema: {
          tags,
          summary: "List accounts",
          querystring: userListQuerySchema,
          response: { 200: userPageSchema, ...problemResponses(401, 403) },
        },
      },
      async (request) => service.listUsers(actorOf(request), request.query),
    );

    app.post(
      "/api/users",
      {
        config: { access: "identity.users.manage" },
        schema: {
          tags,
          summary: "Create an account; the response carries its one-time password",
          body: createUserRequestSchema,
          response: { 201: issuedPasswordSchema, ...problemResponses(401, 403, 409) },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await service.createUser(actorOf(request), request.body, contextOf(request))),
    );

    app.post(
      "/api/users/:id/disable",
      {
        config: { access: "identity.users.manage" },
        schema: {
          tags,
          summary: "Disable an account and end all its sessions",
          params: userIdParamsSchema,
          response: { 200: userSummarySchema, ...problemResponses(401, 403, 404) },
        },
      },
      async (request) => service.disableUser(actorOf(request), request.params.id, contextOf(request)),
    );

    app.post(
      "/api/users/:id/enable",
      {
        config: { access: "identity.users.manage" },
        schema: {
          tags,
          summary: "Enable a disabled account",
          params: userIdParamsSchema,
          response: { 200: userSummarySchema, ...problemResponses(401, 403, 404) },
        },
      },
      async (request) => service.enableUser(actorOf(request), request.params.id, contextOf(request)),
    );

    app.put(
      "/api/users/:id/roles",
      {
        config: { access: "identity.users.manage" },
        schema: {
          tags,
          summary: "Replace an account's roles",
          params: userIdParamsSchema,
          body: setRolesRequestSchema,
          response: { 200: userSummarySchema, ...problemResponses(401, 403, 404) },
        },
      },
      async (request) => service.setRoles(actorOf(request), request.params.id, request.body.roles, contextOf(request)),
    );

    app.put(
      "/api/users/:id/scope",
      {
        config: { access: "identity.users.manage" },
        schema: {
          tags,
          summary: "Replace an account's scope (region prefixes and grids), within your own",
          params: userIdParamsSchema,
          body: setScopeRequestSchema,
          response: { 200: userSummarySchema, ...problemResponses(401, 403, 404) },
        },
      },
      async (request) => service.setScope(actorOf(request), request.params.id, request.body, contextOf(request)),
    );

    app.post(
      "/api/users/:id/two-factor/reset",
      {
        config: { access: "identity.users.manage" },
        schema: {
          tags,
          summary: "Remove an account's second factor and recovery codes (a lost phone); ends its sessions",
          params: userIdParamsSchema,
          response: { 200: userSummarySchema, ...problemResponses(401, 403, 404) },
        },
      },
      async (request) => service.resetTwoFactor(actorOf(request), request.params.id, contextOf(request)),
    );

    app.post(
      "/api/users/:id/reset-password",
      {
        config: { access: "identity.users.manage" },
        schema: {
          tags,
          summary: "Issue a new one-time password; lifts a lockout and ends the account's sessions",
          params: userIdParamsSchema,
          response: { 200: issuedPasswordSchema, ...problemResponses(401, 403, 404) },
        },
      },
      async (request) => service.resetPassword(actorOf(request), request.params.id, contextOf(request)),
    );

    app.post(
      "/api/me/password",
      {
        config: { access: "signed_in" },
        schema: {
          tags,
          summary: "Change your own password; your other sessions end",
          body: changePasswordRequestSchema,
          response: { 204: z.undefined(), ...problemResponses(401) },
        },
      },
      async (request, reply) => {
        await service.changeOwnPassword(actorOf(request), request.sessionToken ?? "", request.body, contextOf(request));
        return reply.status(204).send();
      },
    );
  };
}
