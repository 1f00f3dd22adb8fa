import {
  addVotersSchema,
  closeElectionSchema,
  createElectionSchema,
  electionBallotSchema,
  electionListQuerySchema,
  electionListSchema,
  electionRollSchema,
  electionSchema,
  openElectionSchema,
  rollReportSchema,
} from "@linli/contracts";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../../platform/auth/access-hook.js";
import { AppError } from "../../platform/errors/app-error.js";
import { problemResponses, sendWorkbook, xlsxContentType } from "../../platform/http/responses.js";
import type { ElectionService } from "./election.service.js";
import type { ElectionBallotService } from "./election-ballot.service.js";
import type { ElectionRollService } from "./election-roll.service.js";

const tags = ["deliberation"];
/** A roll of a few thousand members is well under this. */
const rollFileLimitBytes = 2 * 1024 * 1024;
const idParams = z.strictObject({ id: z.uuid() });

/** Elections by secret ballot: set-up, roll, ballots, count and result. */
export function electionRoutes({
  elections,
  rolls,
  ballots,
}: {
  elections: ElectionService;
  rolls: ElectionRollService;
  ballots: ElectionBallotService;
}) {
  return async (instance: FastifyInstance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>();
    const context = (request: { ip: string }) => ({ ip: request.ip });
    for (const type of [xlsxContentType, "text/csv"])
      app.addContentTypeParser(type, { parseAs: "buffer", bodyLimit: rollFileLimitBytes }, (_request, body, done) =>
        done(null, body),
      );

    app.get(
      "/api/elections",
      {
        config: { access: "signed_in" },
        schema: {
          tags,
          summary: "Elections in my area (staff), or those whose roll holds me (a resident)",
          querystring: electionListQuerySchema,
          response: { 200: electionListSchema, ...problemResponses(401, 403) },
        },
      },
      async (request) => elections.list(actorOf(request), request.query.regionCode),
    );

    app.get(
      "/api/elections/export",
      {
        config: { access: "signed_in" },
        schema: { tags, summary: "The same elections as an Excel workbook", querystring: electionListQuerySchema },
      },
      async (request, reply) =>
        sendWorkbook(
          reply,
          "linli-elections.xlsx",
          await elections.exportList(actorOf(request), request.query.regionCode, request.locale),
        ),
    );

    app.post(
      "/api/elections",
      {
        config: { access: "deliberation.manage" },
        schema: {
          tags,
          summary: "Set up an election: the organisation, its positions with seats, and the candidates",
          body: createElectionSchema,
          response: { 201: electionSchema, ...problemResponses(401, 403) },
        },
      },
      async (request, reply) => reply.status(201).send(await elections.create(actorOf(request), request.body, context(request))),
    );

    app.get(
      "/api/elections/:id",
      {
        config: { access: "signed_in" },
        schema: {
          tags,
          summary: "An election with its positions and candidates; once counted, the votes and who is elected",
          params: idParams,
          response: { 200: electionSchema, ...problemResponses(401, 403, 404) },
        },
      },
      async (request) => elections.get(actorOf(request), request.params.id),
    );

    app.get(
      "/api/elections/:id/result/export",
      {
        config: { access: "signed_in" },
        schema: { tags, summary: "The result sheet as an Excel workbook, once counted", params: idParams },
      },
      async (request, reply) =>
        sendWorkbook(
          reply,
          "linli-election-result.xlsx",
          await elections.exportResult(actorOf(request), request.params.id, request.locale),
        ),
    );

    app.get(
      "/api/elections/:id/roll",
      {
        config: { access: "signed_in" },
        schema: {
          tags,
          summary: "The roll: who may vote and who has (never how)",
          params: idParams,
          response: { 200: electionRollSchema, ...problemResponses(401, 403, 404) },
        },
      },
      async (request) => rolls.roll(actorOf(request), request.params.id),
    );

    app.post(
      "/api/elections/:id/roll",
      {
        config: { access: "deliberation.manage" },
        schema: {
          tags,
          summary: "Add voters before the poll opens: residents, members by roll number, or the adults living here",
          params: idParams,
          body: addVotersSchema,
          response: { 200: rollReportSchema, ...problemResponses(401, 403, 404, 409) },
        },
      },
      async (request) => rolls.addVoters(actorOf(request), request.params.id, request.body, context(request)),
    );

    app.get(
      "/api/elections/:id/roll/export",
      {
        config: { access: "signed_in" },
        schema: {
          tags,
          summary: "The roll as an Excel workbook (sheet 选民名册: 编号, 姓名, whether they voted)",
          params: idParams,
        },
      },
      async (request, reply) =>
        sendWorkbook(
          reply,
          "linli-election-roll.xlsx",
          await rolls.exportRoll(actorOf(request), request.params.id, request.locale),
        ),
    );

    app.post(
      "/api/elections/:id/roll/import",
      {
        config: { access: "deliberation.manage" },
        bodyLimit: rollFileLimitBytes,
        schema: {
          tags,
          summary: "Import members from a file (Excel sheet 选民名册, or CSV) with the columns 编号 and 姓名; all rows or none",
          params: idParams,
          response: { 200: rollReportSchema, ...problemResponses(401, 403, 404, 409, 413, 415) },
        },
      },
      async (request) => {
        if (!Buffer.isBuffer(request.body))
          throw new AppError("unsupported_media_type", 415, [{ in: "header", field: "content-type", code: "invalid_value" }]);
        return rolls.importRoll(actorOf(request), request.params.id, request.body, context(request));
      },
    );

    app.post(
      "/api/elections/:id/open",
      {
        config: { access: "deliberation.manage" },
        schema: {
          tags,
          summary: "Open the poll until a given time",
          params: idParams,
          body: openElectionSchema,
          response: { 200: electionSchema, ...problemResponses(401, 403, 404, 409) },
        },
      },
      async (request) => elections.open(actorOf(request), request.params.id, request.body, context(request)),
    );

    app.post(
      "/api/elections/:id/roll/:voterId/paper-ballot",
      {
        config: { access: "deliberation.manage" },
        schema: {
          tags,
          summary: "At the polling station: mark the voter on the roll and hand them a paper ballot (once)",
          params: z.strictObject({ id: z.uuid(), voterId: z.uuid() }),
          response: { 204: z.null(), ...problemResponses(401, 403, 404, 409) },
        },
      },
      async (request, reply) => {
        await ballots.issuePaperBallot(actorOf(request), request.params.id, request.params.voterId, context(request));
        return reply.status(204).send(null);
      },
    );

    app.post(
      "/api/elections/:id/ballots",
      {
        config: { access: "signed_in" },
        schema: {
          tags,
          summary: "Put a secret ballot in the box: a verified resident on the roll, or staff entering a paper ballot",
          params: idParams,
          body: electionBallotSchema,
          response: { 204: z.null(), ...problemResponses(401, 403, 404, 409) },
        },
      },
      async (request, reply) => {
        await ballots.cast(actorOf(request), request.params.id, request.body, context(request));
        return reply.status(204).send(null);
      },
    );

    app.post(
      "/api/elections/:id/close",
      {
        config: { access: "deliberation.manage" },
        schema: {
          tags,
          summary:
            "Close the poll and count: plurality per position (an owners' committee: art. 278's quorum and majorities of area and owners), ties reported; before the announced time only with a recorded decision",
          params: idParams,
          body: closeElectionSchema,
          response: { 200: electionSchema, ...problemResponses(401, 403, 404, 409) },
        },
      },
      async (request) => elections.close(actorOf(request), request.params.id, request.body, context(request)),
    );
  };
}
