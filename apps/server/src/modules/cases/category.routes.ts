import {
  calendarDayListSchema,
  calendarDayParamsSchema,
  categoryCodeParamsSchema,
  categoryListSchema,
  categorySchema,
  setCalendarDayRequestSchema,
  updateCategoryRequestSchema,
} from "@linli/contracts";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../../platform/auth/access-hook.js";
import { problemResponses } from "../../platform/http/responses.js";
import type { CategoryService } from "./category.service.js";

const tags = ["cases"];

/** Case categories and the working-day calendar. */
export function categoryRoutes(service: CategoryService) {
  return async (instance: FastifyInstance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>();

    app.get(
      "/api/case-categories",
      {
        config: { access: "public" },
        schema: {
          tags,
          summary: "The two-level case categories with their parties, time limits and extra questions",
          response: { 200: categoryListSchema },
        },
      },
      async () => service.list(),
    );

    app.patch(
      "/api/case-categories/:code",
      {
        config: { access: "cases.configure" },
        schema: {
          tags,
          summary: "Edit a category; open cases keep the limits they were opened under",
          params: categoryCodeParamsSchema,
          body: updateCategoryRequestSchema,
          response: { 200: categorySchema, ...problemResponses(401, 403, 404, 409) },
        },
      },
      async (request) => service.update(actorOf(request), request.params.code, request.body, { ip: request.ip }),
    );

    app.get(
      "/api/case-calendar",
      {
        // cases.configure or cases.dispatch: the service decides.
        config: { access: "signed_in" },
        schema: {
          tags,
          summary: "Holidays and weekend days worked, by which working-hour limits count",
          response: { 200: calendarDayListSchema, ...problemResponses(401, 403) },
        },
      },
      async (request) => service.calendarDays(actorOf(request)),
    );

    app.put(
      "/api/case-calendar/:day",
      {
        config: { access: "cases.configure" },
        schema: {
          tags,
          summary: "Mark a day as a holiday or a weekend day worked",
          params: calendarDayParamsSchema,
          body: setCalendarDayRequestSchema,
          response: { 204: z.undefined(), ...problemResponses(401, 403) },
        },
      },
      async (request, reply) => {
        await service.setCalendarDay(actorOf(request), { day: request.params.day, ...request.body }, { ip: request.ip });
        return reply.status(204).send();
      },
    );

    app.delete(
      "/api/case-calendar/:day",
      {
        config: { access: "cases.configure" },
        schema: {
          tags,
          summary: "Unmark a day",
          params: calendarDayParamsSchema,
          response: { 204: z.undefined(), ...problemResponses(401, 403, 404) },
        },
      },
      async (request, reply) => {
        await service.removeCalendarDay(actorOf(request), request.params.day, { ip: request.ip });
        return reply.status(204).send();
      },
    );
  };
}
