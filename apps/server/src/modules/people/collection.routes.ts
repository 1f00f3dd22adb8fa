import {
  createSubmissionRequestSchema,
  dwellingChoiceListSchema,
  residentIdParamsSchema,
  returnSubmissionRequestSchema,
  submissionListQuerySchema,
  submissionPageSchema,
  submissionSchema,
} from "@linli/contracts";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { actorOf } from "../../platform/auth/access-hook.js";
import { problemResponses } from "../../platform/http/responses.js";
import type { CollectionService } from "./collection.service.js";

const tags = ["collection"];

/** Collection (信息采集): grid members submit, grid leaders accept or return. */
export function collectionRoutes(service: CollectionService) {
  return async (instance: FastifyInstance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>();

    app.post(
      "/api/collection/submissions",
      {
        // people.collect or people.manage: the service decides.
        config: { access: "signed_in" },
        schema: {
          tags,
          summary: "Submit a new resident or a correction for the grid leader to accept",
          body: createSubmissionRequestSchema,
          response: { 201: submissionSchema, ...problemResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request, reply) => reply.status(201).send(await service.submit(actorOf(request), request.body, { ip: request.ip })),
    );

    app.get(
      "/api/collection/dwellings",
      {
        // people.collect or people.manage: the service decides.
        config: { access: "signed_in" },
        schema: {
          tags,
          summary: "The dwellings the caller may register people in (their grid's or their area's)",
          response: { 200: dwellingChoiceListSchema, ...problemResponses(401, 403) },
        },
      },
      async (request) => service.dwellings(actorOf(request)),
    );

    app.get(
      "/api/collection/submissions",
      {
        config: { access: "signed_in" },
        schema: {
          tags,
          summary: "Submissions: a reviewer's queue for their scope, or the caller's own, newest first",
          querystring: submissionListQuerySchema,
          response: { 200: submissionPageSchema, ...problemResponses(400, 401, 403) },
        },
      },
      async (request) => service.list(actorOf(request), request.query),
    );

    app.post(
      "/api/collection/submissions/:id/accept",
      {
        config: { access: "people.review" },
        schema: {
          tags,
          summary: "Accept a pending submission: applied wholly, with history naming the collector and the reviewer",
          params: residentIdParamsSchema,
          response: { 200: submissionSchema, ...problemResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request) => service.accept(actorOf(request), request.params.id, { ip: request.ip }),
    );

    app.post(
      "/api/collection/submissions/:id/return",
      {
        config: { access: "people.review" },
        schema: {
          tags,
          summary: "Return a pending submission to its collector with a comment",
          params: residentIdParamsSchema,
          body: returnSubmissionRequestSchema,
          response: { 200: submissionSchema, ...problemResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request) => service.return(actorOf(request), request.params.id, request.body, { ip: request.ip }),
    );
  };
}
