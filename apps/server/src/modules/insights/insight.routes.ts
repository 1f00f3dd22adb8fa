import { overviewQuerySchema, overviewSchema } from "@linli/contracts";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { actorOf } from "../../platform/auth/access-hook.js";
import { problemResponses, sendWorkbook } from "../../platform/http/responses.js";
import type { InsightService } from "./insight.service.js";
import { overviewWorkbook } from "./overview-export.js";

const tags = ["insights"];

/** The overview (综合概览) of an area or grid, as JSON and as Excel. */
export function insightRoutes(service: InsightService) {
  return async (instance: FastifyInstance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>();

    app.get(
      "/api/insights/overview",
      {
        config: { access: "insights.read" },
        schema: {
          tags,
          summary: "Residents, cases, visit coverage and disputes of an area or grid, with the places below it",
          querystring: overviewQuerySchema,
          response: { 200: overviewSchema, ...problemResponses(401, 403, 404) },
        },
      },
      async (request) => service.overview(actorOf(request), request.query),
    );

    app.get(
      "/api/insights/overview/export",
      {
        config: { access: "insights.read" },
        schema: { tags, summary: "The overview as an Excel workbook", querystring: overviewQuerySchema },
      },
      async (request, reply) => {
        const overview = await service.overview(actorOf(request), request.query);
        const place = overview.place.code || "all";
        return sendWorkbook(
          reply,
          `linli-overview-${place}-${overview.today}.xlsx`,
          await overviewWorkbook(overview, request.locale),
        );
      },
    );
  };
}
