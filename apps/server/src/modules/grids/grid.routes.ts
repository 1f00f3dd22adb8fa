import {
  assignStaffRequestSchema,
  createGridRequestSchema,
  endStaffTermRequestSchema,
  gridCodeParamsSchema,
  gridDetailSchema,
  gridListQuerySchema,
  gridListSchema,
  locateQuerySchema,
  locationSchema,
  setBoundaryRequestSchema,
  staffCandidateListSchema,
  staffCandidatesQuerySchema,
  staffTermIdParamsSchema,
  staffTermSchema,
  updateGridRequestSchema,
} from "@linli/contracts";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { actorOf } from "../../platform/auth/access-hook.js";
import { problemResponses } from "../../platform/http/responses.js";
import type { GridService } from "./grid.service.js";
import type { LocationService } from "./location.service.js";

const tags = ["grids"];

/** Grids and grid staffing. */
export function gridRoutes(service: GridService, locations: LocationService) {
  return async (instance: FastifyInstance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>();
    const context = (request: { ip: string }) => ({ ip: request.ip });

    app.get(
      "/api/grids",
      {
        config: { access: "grids.read" },
        schema: {
          tags,
          summary: "Grids inside your scope, a cursor page at a time",
          querystring: gridListQuerySchema,
          response: { 200: gridListSchema, ...problemResponses(400, 401, 403) },
        },
      },
      async (request) => service.list(actorOf(request), request.query),
    );

    app.post(
      "/api/grids",
      {
        config: { access: "grids.manage" },
        schema: {
          tags,
          summary: "Create a grid in a community of your scope",
          body: createGridRequestSchema,
          response: { 201: gridDetailSchema, ...problemResponses(400, 401, 403, 409) },
        },
      },
      async (request, reply) => reply.status(201).send(await service.create(actorOf(request), request.body, context(request))),
    );

    app.get(
      "/api/grids/:code",
      {
        config: { access: "grids.read" },
        schema: {
          tags,
          summary: "One grid with its compounds and every staffing term",
          params: gridCodeParamsSchema,
          response: { 200: gridDetailSchema, ...problemResponses(400, 401, 403, 404) },
        },
      },
      async (request) => service.get(actorOf(request), request.params.code),
    );

    app.patch(
      "/api/grids/:code",
      {
        config: { access: "grids.manage" },
        schema: {
          tags,
          summary: "Rename a grid and set the compounds of its community it covers",
          params: gridCodeParamsSchema,
          body: updateGridRequestSchema,
          response: { 200: gridDetailSchema, ...problemResponses(400, 401, 403, 404) },
        },
      },
      async (request) => service.update(actorOf(request), request.params.code, request.body, context(request)),
    );

    app.put(
      "/api/grids/:code/boundary",
      {
        config: { access: "grids.manage" },
        schema: {
          tags,
          summary: "Redraw a grid: inside its community's area, overlapping none of the community's other grids",
          params: gridCodeParamsSchema,
          body: setBoundaryRequestSchema,
          response: { 200: gridDetailSchema, ...problemResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request) => service.setBoundary(actorOf(request), request.params.code, request.body.boundary, context(request)),
    );

    app.get(
      "/api/locate",
      {
        config: { access: "grids.read" },
        schema: {
          tags,
          summary: "The grid and the compound of your scope a point lies in",
          querystring: locateQuerySchema,
          response: { 200: locationSchema, ...problemResponses(400, 401, 403) },
        },
      },
      async (request) => locations.locate(actorOf(request), request.query.lon, request.query.lat),
    );

    app.get(
      "/api/grid-staff/candidates",
      {
        config: { access: "grids.manage" },
        schema: {
          tags,
          summary: "Active accounts working in a community of your scope, who may take a post on its grids",
          querystring: staffCandidatesQuerySchema,
          response: { 200: staffCandidateListSchema, ...problemResponses(400, 401, 403) },
        },
      },
      async (request) => service.staffCandidates(actorOf(request), request.query.region),
    );

    app.post(
      "/api/grid-staff",
      {
        config: { access: "grids.manage" },
        schema: {
          tags,
          summary: "Start a staffing term: chief grid leader of a community, grid leader or member of a grid",
          body: assignStaffRequestSchema,
          response: { 201: staffTermSchema, ...problemResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request, reply) => reply.status(201).send(await service.assign(actorOf(request), request.body, context(request))),
    );

    app.post(
      "/api/grid-staff/:id/end",
      {
        config: { access: "grids.manage" },
        schema: {
          tags,
          summary: "End a staffing term on a date (it stays in the history)",
          params: staffTermIdParamsSchema,
          body: endStaffTermRequestSchema,
          response: { 200: staffTermSchema, ...problemResponses(400, 401, 403, 404) },
        },
      },
      async (request) => service.endTerm(actorOf(request), request.params.id, request.body.to, context(request)),
    );
  };
}
