import { evaluationQuerySchema, evaluationSchema } from "@linli/contracts";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { actorOf } from "../../platform/auth/access-hook.js";
import { problemResponses, sendWorkbook } from "../../platform/http/responses.js";
import type { CaseEvaluationService } from "./case-evaluation.service.js";

const tags = ["cases"];

/** The evaluation tables (综合评价), as JSON and as Excel. */
export function caseEvaluationRoutes(service: CaseEvaluationService) {
  return async (instance: FastifyInstance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>();

    app.get(
      "/api/cases/evaluation",
      {
        config: { access: "cases.read" },
        schema: {
          tags,
          summary:
            "On-time handling, closure, rework and satisfaction rates and hours per stage, by party, grid, community or month",
          querystring: evaluationQuerySchema,
          response: { 200: evaluationSchema, ...problemResponses(401, 403) },
        },
      },
      async (request) => service.evaluate(actorOf(request), request.query),
    );

    app.get(
      "/api/cases/evaluation/export",
      {
        config: { access: "cases.read" },
        schema: { tags, summary: "The evaluation table as an Excel workbook", querystring: evaluationQuerySchema },
      },
      async (request, reply) =>
        sendWorkbook(
          reply,
          `linli-case-evaluation-${request.query.from}-${request.query.to}.xlsx`,
          await service.export(actorOf(request), request.query, request.locale),
        ),
    );
  };
}
