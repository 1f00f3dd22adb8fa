import { communityParamsSchema, exportFormatQuerySchema, importReportSchema } from "@linli/contracts";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { actorOf } from "../../platform/auth/access-hook.js";
import { AppError } from "../../platform/errors/app-error.js";
import { problemResponses, sendWorkbook, xlsxContentType } from "../../platform/http/responses.js";
import type { CommunityFileService } from "./community-file.service.js";

const tags = ["compounds"];
/** A whole community's dwellings fit comfortably; larger files are refused with 413. */
const fileLimitBytes = 20 * 1024 * 1024;

/** A community's compounds, buildings, dwellings and grids as GeoJSON or Excel, and back. */
export function communityFileRoutes(service: CommunityFileService) {
  return async (instance: FastifyInstance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>();
    app.addContentTypeParser(xlsxContentType, { parseAs: "buffer", bodyLimit: fileLimitBytes }, (_request, body, done) =>
      done(null, body),
    );

    app.get(
      "/api/community-files/template",
      {
        config: { access: "grids.read" },
        schema: { tags, summary: "The Excel template for importing a community (sheets 小区, 楼栋, 房屋, 网格)" },
      },
      async (_request, reply) => sendWorkbook(reply, `linli-community-template.xlsx`, await service.template()),
    );

    app.get(
      "/api/communities/:code/file",
      {
        config: { access: "grids.read" },
        schema: {
          tags,
          summary: "Export a community's compounds, buildings, dwellings and grids as Excel or GeoJSON",
          params: communityParamsSchema,
          querystring: exportFormatQuerySchema,
        },
      },
      async (request, reply) => {
        const { code } = request.params;
        const file = await service.export(actorOf(request), code, request.query.format);
        const geojson = request.query.format === "geojson";
        return reply
          .type(geojson ? "application/geo+json" : xlsxContentType)
          .header("content-disposition", `attachment; filename="${code}.${geojson ? "geojson" : "xlsx"}"`)
          .send(geojson ? JSON.stringify(file) : file);
      },
    );

    app.post(
      "/api/communities/:code/file",
      {
        config: { access: "grids.manage" },
        bodyLimit: fileLimitBytes,
        schema: {
          tags,
          summary:
            "Import an Excel workbook (from the template) or a GeoJSON FeatureCollection: all rows apply, or none and every refused row is named",
          params: communityParamsSchema,
          response: { 200: importReportSchema, ...problemResponses(400, 401, 403, 413, 415) },
        },
      },
      async (request) => {
        const type = (request.headers["content-type"] ?? "").split(";")[0]?.trim();
        const format =
          type === xlsxContentType ? "xlsx" : type === "application/json" || type === "application/geo+json" ? "geojson" : null;
        if (!format)
          throw new AppError("unsupported_media_type", 415, [{ in: "header", field: "content-type", code: "invalid_value" }]);
        return service.import(actorOf(request), request.params.code, format, request.body, { ip: request.ip });
      },
    );
  };
}
