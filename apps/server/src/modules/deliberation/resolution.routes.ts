import {
  actionProgressSchema,
  addActionSchema,
  completeActionSchema,
  resolutionListQuerySchema,
  resolutionListSchema,
  resolutionSchema,
} from "@linli/contracts";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../../platform/auth/access-hook.js";
import { problemResponses, sendWorkbook } from "../../platform/http/responses.js";
import type { ResolutionService } from "./resolution.service.js";

const tags = ["deliberation"];
const idParams = z.strictObject({ id: z.uuid() });

/** The resolutions board: passed motions' actions, tracked to done. */
export function resolutionRoutes(resolutions: ResolutionService) {
  return async (instance: FastifyInstance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>();
    const context = (request: { ip: string }) => ({ ip: request.ip });

    app.get(
      "/api/resolutions",
      {
        config: { access: "signed_in" },
        schema: {
          tags,
          summary: "Resolutions in my area with their actions; open, overdue or done",
          querystring: resolutionListQuerySchema,
          response: { 200: resolutionListSchema, ...problemResponses(401, 403) },
        },
      },
      async (request) => resolutions.list(actorOf(request), request.query),
    );

    app.get(
      "/api/resolutions/export",
      {
        config: { access: "signed_in" },
        schema: {
          tags,
          summary: "The resolutions board as an Excel workbook, one row per action",
          querystring: resolutionListQuerySchema,
        },
      },
      async (request, reply) =>
        sendWorkbook(
          reply,
          "linli-resolutions.xlsx",
          await resolutions.exportList(actorOf(request), request.query, request.locale),
        ),
    );

    app.get(
      "/api/resolutions/:id",
      {
        config: { access: "signed_in" },
        schema: {
          tags,
          summary: "A resolution with its actions and their progress",
          params: idParams,
          response: { 200: resolutionSchema, ...problemResponses(401, 403, 404) },
        },
      },
      async (request) => resolutions.get(actorOf(request), request.params.id),
    );

    app.post(
      "/api/resolutions/:id/actions",
      {
        config: { access: "deliberation.manage" },
        schema: {
          tags,
          summary: "Add an action: who does it by when, and the 三化 change it makes when done",
          params: idParams,
          body: addActionSchema,
          response: { 200: resolutionSchema, ...problemResponses(401, 403, 404) },
        },
      },
      async (request) => resolutions.addAction(actorOf(request), request.params.id, request.body, context(request)),
    );

    app.post(
      "/api/resolution-actions/:id/progress",
      {
        config: { access: "deliberation.manage" },
        schema: {
          tags,
          summary: "Note progress on an action",
          params: idParams,
          body: actionProgressSchema,
          response: { 200: resolutionSchema, ...problemResponses(401, 403, 404, 409) },
        },
      },
      async (request) => resolutions.addProgress(actorOf(request), request.params.id, request.body.note, context(request)),
    );

    app.post(
      "/api/resolution-actions/:id/complete",
      {
        config: { access: "deliberation.manage" },
        schema: {
          tags,
          summary: "Mark an action done; its 三化 change is recorded on the compound, citing the resolution",
          params: idParams,
          body: completeActionSchema,
          response: { 200: resolutionSchema, ...problemResponses(401, 403, 404, 409) },
        },
      },
      async (request) => resolutions.complete(actorOf(request), request.params.id, request.body, context(request)),
    );
  };
}
