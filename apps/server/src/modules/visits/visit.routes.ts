import {
  coverageQuerySchema,
  coverageSchema,
  createVisitRuleSchema,
  planVisitsSchema,
  recordVisitSchema,
  updateVisitRuleSchema,
  visitPlanSchema,
  visitRuleListQuerySchema,
  visitRuleListSchema,
  visitRuleSchema,
  visitSchema,
  visitTaskListQuerySchema,
  visitTaskListSchema,
} from "@linli/contracts";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../../platform/auth/access-hook.js";
import { problemResponses, sendWorkbook } from "../../platform/http/responses.js";
import type { VisitService } from "./visit.service.js";
import type { VisitPlanService } from "./visit-plan.service.js";
import type { VisitRuleService } from "./visit-rule.service.js";

const tags = ["visits"];
const idParams = z.strictObject({ id: z.uuid() });

/** Visit rules, the planner, tasks, visits and coverage (主动敲门). */
export function visitRoutes(rules: VisitRuleService, plans: VisitPlanService, visits: VisitService) {
  return async (instance: FastifyInstance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>();

    app.get(
      "/api/visit-rules",
      {
        // visits.plan or visits.read: the service decides.
        config: { access: "signed_in" },
        schema: {
          tags,
          summary: "A community's visit rules",
          querystring: visitRuleListQuerySchema,
          response: { 200: visitRuleListSchema, ...problemResponses(401, 403) },
        },
      },
      async (request) => rules.list(actorOf(request), request.query.regionCode),
    );

    app.post(
      "/api/visit-rules",
      {
        config: { access: "visits.plan" },
        schema: {
          tags,
          summary: "Add a visit rule: whom (every household, a tag, a register), how often, with whom",
          body: createVisitRuleSchema,
          response: { 201: visitRuleSchema, ...problemResponses(401, 403) },
        },
      },
      async (request, reply) => reply.status(201).send(await rules.create(actorOf(request), request.body, { ip: request.ip })),
    );

    app.patch(
      "/api/visit-rules/:id",
      {
        config: { access: "visits.plan" },
        schema: {
          tags,
          summary: "Edit or retire a visit rule (version-checked); tasks already planned stay",
          params: idParams,
          body: updateVisitRuleSchema,
          response: { 200: visitRuleSchema, ...problemResponses(401, 403, 404, 409) },
        },
      },
      async (request) => rules.update(actorOf(request), request.params.id, request.body, { ip: request.ip }),
    );

    app.post(
      "/api/visit-plans",
      {
        config: { access: "visits.plan" },
        schema: {
          tags,
          summary: "Plan a community's visits for the periods containing a day; running it again adds only what is missing",
          body: planVisitsSchema,
          response: { 200: visitPlanSchema, ...problemResponses(401, 403) },
        },
      },
      async (request) => plans.plan(actorOf(request), request.body, { ip: request.ip }),
    );

    app.get(
      "/api/visit-tasks",
      {
        // Mine needs visits.record, a grid's visits.read: the service decides.
        config: { access: "signed_in" },
        schema: {
          tags,
          summary: "My visit tasks, or the tasks of the grids in my scope, for the day (overdue ones included)",
          querystring: visitTaskListQuerySchema,
          response: { 200: visitTaskListSchema, ...problemResponses(401, 403) },
        },
      },
      async (request) => plans.tasks(actorOf(request), request.query),
    );

    app.get(
      "/api/visit-coverage",
      {
        config: { access: "visits.read" },
        schema: {
          tags,
          summary: "Per grid of a community, the quarter's visits: due, visited, not reached, overdue",
          querystring: coverageQuerySchema,
          response: { 200: coverageSchema, ...problemResponses(401, 403) },
        },
      },
      async (request) => plans.coverage(actorOf(request), request.query.regionCode, request.query.on),
    );

    app.get(
      "/api/visit-tasks/export",
      {
        config: { access: "signed_in" },
        schema: { tags, summary: "The same tasks as an Excel workbook", querystring: visitTaskListQuerySchema },
      },
      async (request, reply) =>
        sendWorkbook(
          reply,
          `linli-visit-tasks-${request.query.view}.xlsx`,
          await plans.exportTasks(actorOf(request), request.query, request.locale),
        ),
    );

    app.get(
      "/api/visit-coverage/export",
      {
        config: { access: "visits.read" },
        schema: { tags, summary: "Coverage as an Excel workbook", querystring: coverageQuerySchema },
      },
      async (request, reply) =>
        sendWorkbook(
          reply,
          `linli-visit-coverage-${request.query.regionCode}.xlsx`,
          await plans.exportCoverage(actorOf(request), request.query.regionCode, request.query.on, request.locale),
        ),
    );

    app.post(
      "/api/visits",
      {
        config: { access: "visits.record" },
        schema: {
          tags,
          summary: "Record a visit: it does the household's open tasks, and each need raised becomes a case in the same step",
          body: recordVisitSchema,
          response: { 201: visitSchema, ...problemResponses(401, 403) },
        },
      },
      async (request, reply) => reply.status(201).send(await visits.record(actorOf(request), request.body, { ip: request.ip })),
    );

    app.get(
      "/api/visits/:id",
      {
        config: { access: "signed_in" },
        schema: {
          tags,
          summary: "A visit; its register note only for that register's readers",
          params: idParams,
          response: { 200: visitSchema, ...problemResponses(401, 404) },
        },
      },
      async (request) => visits.get(actorOf(request), request.params.id),
    );
  };
}
