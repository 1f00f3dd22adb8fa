import {
  createFraudCampaignSchema,
  fraudCampaignListSchema,
  fraudCampaignSchema,
  fraudImportQuerySchema,
  fraudImportReportSchema,
  fraudProgressSchema,
  fraudWarningListQuerySchema,
  fraudWarningListSchema,
  fraudWarningSchema,
  fraudYearListQuerySchema,
  fraudYearListSchema,
  fraudYearParamsSchema,
  fraudYearSchema,
  putFraudYearSchema,
  recordFraudOutcomeSchema,
} from "@linli/contracts";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../../platform/auth/access-hook.js";
import { AppError } from "../../platform/errors/app-error.js";
import { problemResponses, sendWorkbook, xlsxContentType } from "../../platform/http/responses.js";
import type { FraudCampaignService } from "./fraud-campaign.service.js";
import type { FraudImportService } from "./fraud-import.service.js";
import type { FraudWarningService } from "./fraud-warning.service.js";
import type { FraudYearService } from "./fraud-year.service.js";

const tags = ["fraud"];
const idParams = z.strictObject({ id: z.uuid() });
const listLimitBytes = 10 * 1024 * 1024;

export interface FraudServices {
  campaigns: FraudCampaignService;
  imports: FraudImportService;
  warnings: FraudWarningService;
  years: FraudYearService;
}

/** Anti-fraud campaigns (反诈 上门预警劝阻): lists from the police, door-to-door warnings, yearly figures. */
export function fraudRoutes({ campaigns, imports, warnings, years }: FraudServices) {
  return async (instance: FastifyInstance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>();
    for (const type of [xlsxContentType, "text/csv"])
      app.addContentTypeParser(type, { parseAs: "buffer", bodyLimit: listLimitBytes }, (_request, body, done) =>
        done(null, body),
      );

    app.get(
      "/api/fraud-campaigns",
      {
        config: { access: "signed_in" },
        schema: {
          tags,
          summary: "Campaigns over or inside my area, newest first",
          response: { 200: fraudCampaignListSchema, ...problemResponses(401, 403) },
        },
      },
      async (request) => campaigns.list(actorOf(request)),
    );

    app.get(
      "/api/fraud-campaigns/export",
      {
        config: { access: "signed_in" },
        schema: { tags, summary: "The campaigns as an Excel workbook" },
      },
      async (request, reply) =>
        sendWorkbook(reply, `linli-fraud-campaigns.xlsx`, await campaigns.exportList(actorOf(request), request.locale)),
    );

    app.post(
      "/api/fraud-campaigns",
      {
        config: { access: "fraud.manage" },
        schema: {
          tags,
          summary: "Start a campaign over a county, township or community",
          body: createFraudCampaignSchema,
          response: { 201: fraudCampaignSchema, ...problemResponses(400, 401, 403) },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await campaigns.create(actorOf(request), request.body, { ip: request.ip })),
    );

    app.get(
      "/api/fraud-campaigns/:id",
      {
        config: { access: "signed_in" },
        schema: {
          tags,
          summary: "A campaign and its counts",
          params: idParams,
          response: { 200: fraudCampaignSchema, ...problemResponses(401, 403, 404) },
        },
      },
      async (request) => campaigns.get(actorOf(request), request.params.id),
    );

    app.get(
      "/api/fraud-campaigns/:id/progress",
      {
        config: { access: "signed_in" },
        schema: {
          tags,
          summary: "A campaign's progress per township (per community inside a township): outcomes, open, overdue",
          params: idParams,
          response: { 200: fraudProgressSchema, ...problemResponses(401, 403, 404) },
        },
      },
      async (request) => campaigns.progress(actorOf(request), request.params.id),
    );

    app.get(
      "/api/fraud-campaigns/:id/progress/export",
      {
        config: { access: "signed_in" },
        schema: { tags, summary: "The progress as an Excel workbook", params: idParams },
      },
      async (request, reply) =>
        sendWorkbook(
          reply,
          `linli-fraud-progress.xlsx`,
          await campaigns.exportProgress(actorOf(request), request.params.id, request.locale),
        ),
    );

    app.post(
      "/api/fraud-campaigns/:id/list",
      {
        config: { access: "fraud.manage" },
        bodyLimit: listLimitBytes,
        schema: {
          tags,
          summary:
            "Import the police's warning list (Excel sheet 预警名单, or CSV): each row matched by ID or phone number; refused rows named; all or none, or the valid rows only",
          params: idParams,
          querystring: fraudImportQuerySchema,
          response: { 200: fraudImportReportSchema, ...problemResponses(400, 401, 403, 404, 413, 415) },
        },
      },
      async (request) => {
        if (!Buffer.isBuffer(request.body))
          throw new AppError("unsupported_media_type", 415, [{ in: "header", field: "content-type", code: "invalid_value" }]);
        return imports.import(actorOf(request), request.params.id, request.body, request.query, request.locale, {
          ip: request.ip,
        });
      },
    );

    app.get(
      "/api/fraud-warnings",
      {
        config: { access: "signed_in" },
        schema: {
          tags,
          summary: "My warnings to deliver, or a campaign's within my scope",
          querystring: fraudWarningListQuerySchema,
          response: { 200: fraudWarningListSchema, ...problemResponses(400, 401, 403, 404) },
        },
      },
      async (request) => warnings.list(actorOf(request), request.query),
    );

    app.get(
      "/api/fraud-warnings/export",
      {
        config: { access: "signed_in" },
        schema: { tags, summary: "The same warnings as an Excel workbook", querystring: fraudWarningListQuerySchema },
      },
      async (request, reply) =>
        sendWorkbook(reply, `linli-fraud-warnings.xlsx`, await warnings.export(actorOf(request), request.query, request.locale)),
    );

    app.post(
      "/api/fraud-warnings/:id/outcome",
      {
        config: { access: "signed_in" },
        schema: {
          tags,
          summary: "Record the visit's outcome: warned and dissuaded, warned, or not reached (with why)",
          params: idParams,
          body: recordFraudOutcomeSchema,
          response: { 200: fraudWarningSchema, ...problemResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request) => warnings.recordOutcome(actorOf(request), request.params.id, request.body, { ip: request.ip }),
    );

    app.get(
      "/api/fraud-years",
      {
        config: { access: "signed_in" },
        schema: {
          tags,
          summary: "An area's yearly figures (cases solved, arrests, funds stopped), each with its change on the year before",
          querystring: fraudYearListQuerySchema,
          response: { 200: fraudYearListSchema, ...problemResponses(401, 403) },
        },
      },
      async (request) => years.list(actorOf(request), request.query.regionCode),
    );

    app.get(
      "/api/fraud-years/export",
      {
        config: { access: "signed_in" },
        schema: { tags, summary: "The yearly figures as an Excel workbook", querystring: fraudYearListQuerySchema },
      },
      async (request, reply) =>
        sendWorkbook(
          reply,
          `linli-fraud-years.xlsx`,
          await years.export(actorOf(request), request.query.regionCode, request.locale),
        ),
    );

    app.put(
      "/api/fraud-years/:code/:year",
      {
        config: { access: "fraud.manage" },
        schema: {
          tags,
          summary: "Enter or correct an area's figures for a year",
          params: fraudYearParamsSchema,
          body: putFraudYearSchema,
          response: { 200: fraudYearSchema, ...problemResponses(400, 401, 403) },
        },
      },
      async (request) => years.put(actorOf(request), request.params.code, request.params.year, request.body, { ip: request.ip }),
    );
  };
}
