import { type ClientSettings, clientSettingsSchema } from "@linli/contracts";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { problemResponses } from "./responses.js";

/** GET /api/settings: the part of the configuration the web app follows (the map's tiles). */
export function clientSettingsRoutes(settings: ClientSettings) {
  return async (instance: FastifyInstance) => {
    instance.withTypeProvider<ZodTypeProvider>().get(
      "/api/settings",
      {
        config: { access: "signed_in" },
        schema: {
          tags: ["operations"],
          summary: "Settings the web app follows",
          response: { 200: clientSettingsSchema, ...problemResponses(401) },
        },
      },
      async () => settings,
    );
  };
}
