import { type CurrentUser, currentUserSchema, loginRequestSchema } from "@linli/contracts";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../../platform/auth/access-hook.js";
import type { Actor } from "../../platform/auth/actor.js";
import { type CookiePolicy, clearSessionCookie, setSessionCookie } from "../../platform/auth/session-cookie.js";
import { problemResponses } from "../../platform/http/responses.js";
import type { IdentityService } from "./identity.service.js";

function toCurrentUser(actor: Actor): CurrentUser {
  const { userId, username, displayName, roles, permissions, scope, twoFactor, mustChangePassword } = actor;
  return { id: userId, username, displayName, roles, permissions, scope, twoFactor, mustChangePassword };
}

/** Sign-in, sign-out and the current user. */
export function identityRoutes(service: IdentityService, cookiePolicy: CookiePolicy, loginAttemptsPerMinute: number) {
  return async (instance: FastifyInstance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>();

    app.post(
      "/api/auth/login",
      {
        // Slows password guessing from one address; the account lockout is the identity issue's.
        config: { access: "public", rateLimit: { max: loginAttemptsPerMinute, timeWindow: 60_000 } },
        schema: {
          tags: ["identity"],
          summary: "Sign in with username and password, and a TOTP or recovery code when the account has a second factor",
          body: loginRequestSchema,
          response: { 200: currentUserSchema, ...problemResponses(401, 413, 415, 429) },
        },
      },
      async (request, reply) => {
        const { token, actor } = await service.signIn(request.body, { ip: request.ip });
        setSessionCookie(request, reply, token, cookiePolicy);
        return toCurrentUser(actor);
      },
    );

    app.post(
      "/api/auth/logout",
      {
        // Public so that an expired session can still clear its cookie.
        config: { access: "public" },
        schema: { tags: ["identity"], summary: "Sign out: ends this session", response: { 204: z.undefined() } },
      },
      async (request, reply) => {
        if (request.sessionToken) await service.signOut(request.sessionToken, { ip: request.ip });
        clearSessionCookie(reply);
        return reply.status(204).send();
      },
    );

    app.get(
      "/api/me",
      {
        config: { access: "signed_in" },
        schema: {
          tags: ["identity"],
          summary: "The signed-in user",
          response: { 200: currentUserSchema, ...problemResponses(401) },
        },
      },
      async (request) => {
        return toCurrentUser(actorOf(request));
      },
    );
  };
}
