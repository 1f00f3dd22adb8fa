import { notificationListSchema, notificationParamsSchema } from "@linli/contracts";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../../platform/auth/access-hook.js";
import { problemResponses } from "../../platform/http/responses.js";
import type { NotificationService } from "./notification.service.js";

const tags = ["notifications"];

/** The signed-in user's notifications. */
export function notificationRoutes(service: NotificationService) {
  return async (instance: FastifyInstance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>();

    app.get(
      "/api/notifications",
      {
        config: { access: "signed_in" },
        schema: {
          tags,
          summary: "My latest notifications and how many are unread",
          response: { 200: notificationListSchema, ...problemResponses(401) },
        },
      },
      async (request) => service.mine(actorOf(request)),
    );

    app.post(
      "/api/notifications/:id/read",
      {
        config: { access: "signed_in" },
        schema: {
          tags,
          summary: "Mark one of my notifications read",
          params: notificationParamsSchema,
          response: { 204: z.undefined(), ...problemResponses(401, 404) },
        },
      },
      async (request, reply) => {
        await service.markRead(actorOf(request), request.params.id);
        return reply.status(204).send();
      },
    );
  };
}
