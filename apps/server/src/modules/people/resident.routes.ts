import {
  correctResidentRequestSchema,
  createResidentRequestSchema,
  datedNoteRequestSchema,
  householdSchema,
  linkResidentAccountSchema,
  mergeHouseholdRequestSchema,
  moveInRequestSchema,
  reasonQuerySchema,
  registerEntryListSchema,
  residentDetailSchema,
  residentIdParamsSchema,
  residentListQuerySchema,
  residentPageSchema,
  residentSchema,
  revealedSchema,
  revealRequestSchema,
  splitHouseholdRequestSchema,
  userSummarySchema,
} from "@linli/contracts";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { actorOf } from "../../platform/auth/access-hook.js";
import { problemResponses } from "../../platform/http/responses.js";
import type { HouseholdService } from "./household.service.js";
import type { RegisterService } from "./register.service.js";
import type { ResidentService } from "./resident.service.js";

const tags = ["people"];

/** Residents and households of the population registry. */
export function residentRoutes(residents: ResidentService, households: HouseholdService, registers: RegisterService) {
  return async (instance: FastifyInstance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>();

    app.get(
      "/api/residents",
      {
        config: { access: "people.read" },
        schema: {
          tags,
          summary: "Search residents by name (exact, prefix, similar), full ID or phone number, address, tag or register; masked",
          querystring: residentListQuerySchema,
          response: { 200: residentPageSchema, ...problemResponses(400, 401, 403) },
        },
      },
      async (request) => residents.search(actorOf(request), request.query, { ip: request.ip }),
    );

    app.post(
      "/api/residents",
      {
        config: { access: "people.manage" },
        schema: {
          tags,
          summary: "Register a resident in a dwelling (a new household, or one of the dwelling's)",
          body: createResidentRequestSchema,
          response: { 201: residentSchema, ...problemResponses(400, 401, 403, 409) },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await residents.create(actorOf(request), request.body, { ip: request.ip })),
    );

    app.get(
      "/api/residents/:id",
      {
        config: { access: "people.read" },
        schema: {
          tags,
          summary: "A resident with their history; ID and phone masked",
          params: residentIdParamsSchema,
          response: { 200: residentDetailSchema, ...problemResponses(400, 401, 403, 404) },
        },
      },
      async (request) => residents.get(actorOf(request), request.params.id),
    );

    app.patch(
      "/api/residents/:id",
      {
        config: { access: "people.manage" },
        schema: {
          tags,
          summary: "Correct a resident's record (only the fields sent); refused when the version is stale",
          params: residentIdParamsSchema,
          body: correctResidentRequestSchema,
          response: { 200: residentSchema, ...problemResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request) => residents.correct(actorOf(request), request.params.id, request.body, { ip: request.ip }),
    );

    app.post(
      "/api/residents/:id/reveal",
      {
        config: { access: "people.reveal" },
        schema: {
          tags,
          summary: "The full ID or phone number, for a stated reason kept in the audit trail",
          params: residentIdParamsSchema,
          body: revealRequestSchema,
          response: { 200: revealedSchema, ...problemResponses(400, 401, 403, 404) },
        },
      },
      async (request) => residents.reveal(actorOf(request), request.params.id, request.body, { ip: request.ip }),
    );

    app.put(
      "/api/residents/:id/account",
      {
        config: { access: "people.manage" },
        schema: {
          tags,
          summary: "Tie a resident's account to this record, once their ID card has been checked (they then vote as its owner)",
          params: residentIdParamsSchema,
          body: linkResidentAccountSchema,
          response: { 200: userSummarySchema, ...problemResponses(400, 401, 403, 404) },
        },
      },
      async (request) => residents.linkAccount(actorOf(request), request.params.id, request.body.userId, { ip: request.ip }),
    );

    app.post(
      "/api/residents/:id/move-in",
      {
        config: { access: "people.manage" },
        schema: {
          tags,
          summary: "Move a resident into a dwelling (its household, or a new one); the old household keeps the record",
          params: residentIdParamsSchema,
          body: moveInRequestSchema,
          response: { 200: residentSchema, ...problemResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request) => residents.moveIn(actorOf(request), request.params.id, request.body, { ip: request.ip }),
    );

    for (const [path, kind, summary] of [
      ["move-out", "moved_out", "Record that a resident moved out of the area"],
      ["death", "died", "Record a resident's death"],
    ] as const) {
      app.post(
        `/api/residents/:id/${path}`,
        {
          config: { access: "people.manage" },
          schema: {
            tags,
            summary,
            params: residentIdParamsSchema,
            body: datedNoteRequestSchema,
            response: { 200: residentSchema, ...problemResponses(400, 401, 403, 404, 409) },
          },
        },
        async (request) => residents.leave(actorOf(request), request.params.id, kind, request.body, { ip: request.ip }),
      );
    }

    app.get(
      "/api/residents/:id/registers",
      {
        config: { access: "people.read" },
        schema: {
          tags,
          summary: "The resident's records on the registers the caller may read; the reason is audited",
          params: residentIdParamsSchema,
          querystring: reasonQuerySchema,
          response: { 200: registerEntryListSchema, ...problemResponses(400, 401, 403, 404) },
        },
      },
      async (request) => registers.ofResident(actorOf(request), request.params.id, request.query.reason, { ip: request.ip }),
    );

    app.get(
      "/api/households/:id",
      {
        config: { access: "people.read" },
        schema: {
          tags,
          summary: "A household: its members, dwelling and history",
          params: residentIdParamsSchema,
          response: { 200: householdSchema, ...problemResponses(400, 401, 403, 404) },
        },
      },
      async (request) => households.get(actorOf(request), request.params.id),
    );

    app.post(
      "/api/households/:id/split",
      {
        config: { access: "people.manage" },
        schema: {
          tags,
          summary: "分户: some members form a household of their own; returns the new household",
          params: residentIdParamsSchema,
          body: splitHouseholdRequestSchema,
          response: { 200: householdSchema, ...problemResponses(400, 401, 403, 404) },
        },
      },
      async (request) => households.split(actorOf(request), request.params.id, request.body, { ip: request.ip }),
    );

    app.post(
      "/api/households/:id/merge",
      {
        config: { access: "people.manage" },
        schema: {
          tags,
          summary: "合户: every member joins another household, which is returned; this one ends",
          params: residentIdParamsSchema,
          body: mergeHouseholdRequestSchema,
          response: { 200: householdSchema, ...problemResponses(400, 401, 403, 404) },
        },
      },
      async (request) => households.merge(actorOf(request), request.params.id, request.body, { ip: request.ip }),
    );
  };
}
