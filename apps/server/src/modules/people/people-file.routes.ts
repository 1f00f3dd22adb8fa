import {
  communityParamsSchema,
  residentExportQuerySchema,
  residentImportQuerySchema,
  residentImportReportSchema,
} from "@linli/contracts";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { actorOf } from "../../platform/auth/access-hook.js";
import { AppError } from "../../platform/errors/app-error.js";
import { problemResponses, sendWorkbook, xlsxContentType } from "../../platform/http/responses.js";
import type { PeopleFileService } from "./people-file.service.js";

const tags = ["people"];
/** 20,000 rows fit comfortably; a larger file is refused with 413 before it is read. */
const fileLimitBytes = 20 * 1024 * 1024;

/** The residents workbook: template, import, export. */
export function peopleFileRoutes(service: PeopleFileService) {
  return async (instance: FastifyInstance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>();
    app.addContentTypeParser(xlsxContentType, { parseAs: "buffer", bodyLimit: fileLimitBytes }, (_request, body, done) =>
      done(null, body),
    );

    app.get(
      "/api/residents/file-template",
      {
        config: { access: "people.read" },
        schema: { tags, summary: "The Excel template for importing residents and households (sheet 居民)" },
      },
      async (_request, reply) => sendWorkbook(reply, `linli-residents-template.xlsx`, await service.template()),
    );

    app.post(
      "/api/communities/:code/residents/file",
      {
        config: { access: "people.manage" },
        bodyLimit: fileLimitBytes,
        schema: {
          tags,
          summary:
            "Import a community's residents from the template: every refused cell named (rows.<row>.<column>), then all rows apply or none; repeating it changes nothing",
          params: communityParamsSchema,
          querystring: residentImportQuerySchema,
          response: { 200: residentImportReportSchema, ...problemResponses(400, 401, 403, 404, 413, 415) },
        },
      },
      async (request) => {
        if (!Buffer.isBuffer(request.body))
          throw new AppError("unsupported_media_type", 415, [{ in: "header", field: "content-type", code: "invalid_value" }]);
        return service.import(actorOf(request), request.params.code, request.body, request.query.dryRun, { ip: request.ip });
      },
    );

    app.get(
      "/api/residents/export",
      {
        config: { access: "people.read" },
        schema: {
          tags,
          summary: "The filtered residents as an Excel workbook, ID and phone numbers masked",
          querystring: residentExportQuerySchema,
        },
      },
      async (request, reply) =>
        sendWorkbook(reply, `linli-residents.xlsx`, await service.export(actorOf(request), request.query, { ip: request.ip })),
    );
  };
}
