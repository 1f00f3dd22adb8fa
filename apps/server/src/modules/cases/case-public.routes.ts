import {
  casePhotoParamsSchema,
  casePhotoSchema,
  compoundChoiceListSchema,
  compoundSearchQuerySchema,
  duplicateListSchema,
  duplicateQuerySchema,
  rateCaseRequestSchema,
  reopenByTrackingRequestSchema,
  reportCaseRequestSchema,
  reportedCaseSchema,
  trackedCaseSchema,
  trackingParamsSchema,
} from "@linli/contracts";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { actorOf } from "../../platform/auth/access-hook.js";
import { AppError } from "../../platform/errors/app-error.js";
import { problemResponses } from "../../platform/http/responses.js";
import { idempotencyKeyOf } from "../../platform/idempotency/idempotency.js";
import type { CompoundService } from "../grids/compound.service.js";
import type { CaseService } from "./case.service.js";
import type { CasePhotoService } from "./case-photo.service.js";
import type { CaseWorkflowService } from "./case-workflow.service.js";

const tags = ["cases"];
const imageTypes = ["image/jpeg", "image/png", "image/webp"];

/** What a resident does without an account: find their compound, report, upload photos, follow and rate the case. */
export function casePublicRoutes(
  cases: CaseService,
  workflow: CaseWorkflowService,
  photos: CasePhotoService,
  compounds: CompoundService,
  settings: { photoMaxBytes: number; publicRequestsPerMinute: number },
) {
  const { photoMaxBytes } = settings;
  /** Anonymous intake and tracking: generous for a phone, tight for a script (PUBLIC_REQUESTS_PER_MINUTE). */
  const publicLimit = { max: settings.publicRequestsPerMinute, timeWindow: 60_000 };
  return async (instance: FastifyInstance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>();
    // The declared type only admits the body; the bytes decide what it is (CasePhotoService).
    app.addContentTypeParser(imageTypes, { parseAs: "buffer", bodyLimit: photoMaxBytes }, (_request, body, done) =>
      done(null, body),
    );

    app.get(
      "/api/public/compounds",
      {
        config: { access: "public", rateLimit: publicLimit },
        schema: {
          tags,
          summary: "Compounds by part of their name, for the resident's report form",
          querystring: compoundSearchQuerySchema,
          response: { 200: compoundChoiceListSchema, ...problemResponses(429) },
        },
      },
      async (request) => ({ items: await compounds.searchByName(request.query.q) }),
    );

    app.get(
      "/api/public/case-duplicates",
      {
        config: { access: "public", rateLimit: publicLimit },
        schema: {
          tags,
          summary: "Open cases of the sub-category near a point, reported recently: offered before a new report is sent",
          querystring: duplicateQuerySchema,
          response: { 200: duplicateListSchema, ...problemResponses(429) },
        },
      },
      async (request) => cases.duplicates(request.query),
    );

    app.post(
      "/api/public/cases",
      {
        config: { access: "public", rateLimit: publicLimit },
        schema: {
          tags,
          summary: "A resident reports a case without an account; the answer holds the tracking code. Once per Idempotency-Key",
          body: reportCaseRequestSchema,
          response: { 201: reportedCaseSchema, ...problemResponses(422, 429) },
        },
      },
      async (request, reply) => {
        const key = idempotencyKeyOf(request.headers);
        const { replayed, ...reported } = await cases.reportAndPresent(
          { kind: "public" },
          request.body,
          { ip: request.ip },
          key ? { owner: "public", key } : undefined,
        );
        if (replayed) reply.header("idempotent-replayed", "true");
        return reply.status(201).send(reported);
      },
    );

    app.post(
      "/api/case-photos",
      {
        config: { access: "public", rateLimit: publicLimit },
        bodyLimit: photoMaxBytes,
        schema: {
          tags,
          summary: "Upload a photo (JPEG, PNG or WebP, checked by its bytes) to attach to a report or a step",
          response: { 201: casePhotoSchema, ...problemResponses(413, 415, 429) },
        },
      },
      async (request, reply) => {
        if (!Buffer.isBuffer(request.body))
          throw new AppError("unsupported_media_type", 415, [{ in: "header", field: "content-type", code: "not_an_image" }]);
        return reply.status(201).send(await photos.upload(request.actor, request.body));
      },
    );

    app.get(
      "/api/case-photos/:id",
      {
        config: { access: "signed_in" },
        schema: { tags, summary: "A case photo, for whoever may see its case", params: casePhotoParamsSchema },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const photo = await photos.read(actor, request.params.id, (caseId) => cases.maySee(actor, caseId));
        return reply.type(photo.contentType).header("cache-control", "private, max-age=3600").send(photo.bytes);
      },
    );

    app.get(
      "/api/track/:code",
      {
        config: { access: "public", rateLimit: publicLimit },
        schema: {
          tags,
          summary: "Follow a case with its tracking code: progress only, no names or numbers",
          params: trackingParamsSchema,
          response: { 200: trackedCaseSchema, ...problemResponses(404, 429) },
        },
      },
      async (request) => cases.track(request.params.code),
    );

    app.post(
      "/api/track/:code/rating",
      {
        config: { access: "public", rateLimit: publicLimit },
        schema: {
          tags,
          summary: "Rate a closed case with its tracking code (评价)",
          params: trackingParamsSchema,
          body: rateCaseRequestSchema,
          response: { 200: trackedCaseSchema, ...problemResponses(404, 409, 429) },
        },
      },
      async (request) => {
        await cases.rate({ trackingCode: request.params.code }, request.body, { ip: request.ip });
        return cases.track(request.params.code);
      },
    );

    app.post(
      "/api/track/:code/reopen",
      {
        config: { access: "public", rateLimit: publicLimit },
        schema: {
          tags,
          summary: "Reopen a case within seven days of its closing, saying why",
          params: trackingParamsSchema,
          body: reopenByTrackingRequestSchema,
          response: { 200: trackedCaseSchema, ...problemResponses(404, 409, 429) },
        },
      },
      async (request) => {
        await workflow.reopenByTracking(request.params.code, request.body.note, { ip: request.ip });
        return cases.track(request.params.code);
      },
    );
  };
}
