import {
  caseDetailSchema,
  caseIdParamsSchema,
  caseListQuerySchema,
  casePageSchema,
  handlerCandidatesSchema,
  rateCaseRequestSchema,
  reportCaseRequestSchema,
  reportedCaseSchema,
  transitionRequestSchema,
} from "@linli/contracts";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { actorOf } from "../../platform/auth/access-hook.js";
import { problemResponses } from "../../platform/http/responses.js";
import { idempotencyKeyOf } from "../../platform/idempotency/idempotency.js";
import type { CaseService } from "./case.service.js";
import type { CaseWorkflowService } from "./case-workflow.service.js";

const tags = ["cases"];

/** Cases for signed-in users: report, inboxes, detail, steps. */
export function caseRoutes(cases: CaseService, workflow: CaseWorkflowService) {
  return async (instance: FastifyInstance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>();

    app.post(
      "/api/cases",
      {
        config: { access: "cases.report" },
        schema: {
          tags,
          summary: "Report a case (grid member's or staff form): placed, routed and timed; once per Idempotency-Key",
          body: reportCaseRequestSchema,
          response: { 201: reportedCaseSchema, ...problemResponses(400, 401, 403, 422) },
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const key = idempotencyKeyOf(request.headers);
        const { replayed, ...reported } = await cases.reportAndPresent(
          { kind: "user", actor },
          request.body,
          { ip: request.ip },
          key ? { owner: `user:${actor.userId}`, key } : undefined,
        );
        if (replayed) reply.header("idempotent-replayed", "true");
        return reply.status(201).send(reported);
      },
    );

    app.get(
      "/api/cases",
      {
        config: { access: "signed_in" },
        schema: {
          tags,
          summary: "Cases by inbox: mine (assigned to or reported by me), my grids', overdue, or all in my scope; newest first",
          querystring: caseListQuerySchema,
          response: { 200: casePageSchema, ...problemResponses(401, 403) },
        },
      },
      async (request) => cases.list(actorOf(request), request.query),
    );

    app.get(
      "/api/cases/:id",
      {
        config: { access: "signed_in" },
        schema: {
          tags,
          summary: "A case with its timeline and the steps the caller may take now",
          params: caseIdParamsSchema,
          response: { 200: caseDetailSchema, ...problemResponses(401, 404) },
        },
      },
      async (request) => cases.get(actorOf(request), request.params.id),
    );

    app.post(
      "/api/cases/:id/transitions",
      {
        config: { access: "signed_in" },
        schema: {
          tags,
          summary:
            "Take a step (register, dispatch, handle, verify, close, …); a step the caller may not take is a 409 listing those they may",
          params: caseIdParamsSchema,
          body: transitionRequestSchema,
          response: { 200: caseDetailSchema, ...problemResponses(401, 404, 409) },
        },
      },
      async (request) => workflow.transition(actorOf(request), request.params.id, request.body, { ip: request.ip }),
    );

    app.get(
      "/api/cases/:id/handler-candidates",
      {
        config: { access: "cases.dispatch" },
        schema: {
          tags,
          summary: "The accounts a leader may name as the handler, with the parties each may act for",
          params: caseIdParamsSchema,
          response: { 200: handlerCandidatesSchema, ...problemResponses(401, 403, 404) },
        },
      },
      async (request) => workflow.handlerCandidates(actorOf(request), request.params.id),
    );

    app.post(
      "/api/cases/:id/rating",
      {
        config: { access: "signed_in" },
        schema: {
          tags,
          summary: "The reporter rates a closed case (1–5)",
          params: caseIdParamsSchema,
          body: rateCaseRequestSchema,
          response: { 200: caseDetailSchema, ...problemResponses(401, 404, 409) },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        await cases.rate({ actor, caseId: request.params.id }, request.body, { ip: request.ip });
        return cases.get(actor, request.params.id);
      },
    );
  };
}
