import { recoveryCodesSchema, twoFactorConfirmRequestSchema, twoFactorSetupSchema } from "@linli/contracts";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { actorOf } from "../../platform/auth/access-hook.js";
import { problemResponses } from "../../platform/http/responses.js";
import type { TwoFactorService } from "./two-factor.service.js";

const tags = ["identity"];

/** The signed-in user's own second factor. */
export function twoFactorRoutes(service: TwoFactorService) {
  return async (instance: FastifyInstance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>();

    app.post(
      "/api/me/two-factor/setup",
      {
        config: { access: "signed_in" },
        schema: {
          tags,
          summary: "Offer a new authenticator secret (TOTP), to be confirmed with its first code",
          response: { 200: twoFactorSetupSchema, ...problemResponses(401, 409) },
        },
      },
      async (request) => service.setup(actorOf(request)),
    );

    app.post(
      "/api/me/two-factor/confirm",
      {
        config: { access: "signed_in" },
        schema: {
          tags,
          summary: "Turn the offered secret on with its first code; answers ten one-time recovery codes",
          body: twoFactorConfirmRequestSchema,
          response: { 200: recoveryCodesSchema, ...problemResponses(400, 401, 409) },
        },
      },
      async (request) => service.confirm(actorOf(request), request.body.code, { ip: request.ip }),
    );
  };
}
