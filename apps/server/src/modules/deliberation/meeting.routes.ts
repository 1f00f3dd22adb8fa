import {
  ballotReceiptSchema,
  castBallotSchema,
  closeMotionSchema,
  createMeetingSchema,
  createMotionSchema,
  meetingFileQuerySchema,
  meetingFileSchema,
  meetingListQuerySchema,
  meetingListSchema,
  meetingSchema,
  minutesSchema,
  motionSchema,
  openMotionSchema,
  ownerRollSchema,
  recordAttendanceSchema,
  setOwnersSchema,
  signInSchema,
  tallySchema,
  versionSchema,
} from "@linli/contracts";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../../platform/auth/access-hook.js";
import { AppError } from "../../platform/errors/app-error.js";
import { problemResponses, sendWorkbook } from "../../platform/http/responses.js";
import type { MeetingService } from "./meeting.service.js";
import type { MeetingFileService } from "./meeting-file.service.js";
import type { MotionService } from "./motion.service.js";
import type { OwnerRollService } from "./owner-roll.service.js";

const tags = ["deliberation"];
/** A phone photo or a scanned page of minutes. */
const meetingFileMaxBytes = 10 * 1024 * 1024;
const idParams = z.strictObject({ id: z.uuid() });

/** Meetings, their motions and owners' votes, and the owners' register they are counted on. */
export function meetingRoutes(
  meetings: MeetingService,
  motions: MotionService,
  ownerRoll: OwnerRollService,
  files: MeetingFileService,
) {
  return async (instance: FastifyInstance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>();
    // The declared type only admits the body; the bytes decide what it is (MeetingFileService).
    app.addContentTypeParser(
      ["image/jpeg", "image/png", "image/webp", "application/pdf"],
      { parseAs: "buffer", bodyLimit: meetingFileMaxBytes },
      (_request, body, done) => done(null, body),
    );
    const context = (request: { ip: string }) => ({ ip: request.ip });

    app.put(
      "/api/dwellings/:id/owners",
      {
        config: { access: "people.manage" },
        schema: {
          tags,
          summary: "Replace a dwelling's owners (业主), from the property certificate; co-owners share one vote",
          params: idParams,
          body: setOwnersSchema,
          response: { 204: z.null(), ...problemResponses(401, 403, 404) },
        },
      },
      async (request, reply) => {
        await ownerRoll.setOwners(actorOf(request), request.params.id, request.body, context(request));
        return reply.status(204).send(null);
      },
    );

    app.get(
      "/api/compounds/:id/owner-roll",
      {
        config: { access: "signed_in" },
        schema: {
          tags,
          summary: "The compound's owners' roll: every dwelling's floor area and owners, and what is missing before a vote",
          params: idParams,
          response: { 200: ownerRollSchema, ...problemResponses(401, 403, 404) },
        },
      },
      async (request) => ownerRoll.roll(actorOf(request), request.params.id),
    );

    app.get(
      "/api/compounds/:id/owner-roll/export",
      {
        config: { access: "signed_in" },
        schema: { tags, summary: "The owners' roll as an Excel workbook", params: idParams },
      },
      async (request, reply) =>
        sendWorkbook(
          reply,
          "linli-owner-roll.xlsx",
          await ownerRoll.exportRoll(actorOf(request), request.params.id, request.locale),
        ),
    );

    app.get(
      "/api/meetings",
      {
        config: { access: "signed_in" },
        schema: {
          tags,
          summary: "Meetings in my area (staff), or the noticed meetings of my compound (a resident), latest first",
          querystring: meetingListQuerySchema,
          response: { 200: meetingListSchema, ...problemResponses(401, 403) },
        },
      },
      async (request) => meetings.list(actorOf(request), request.query),
    );

    app.get(
      "/api/meetings/export",
      {
        config: { access: "signed_in" },
        schema: { tags, summary: "The same meetings as an Excel workbook", querystring: meetingListQuerySchema },
      },
      async (request, reply) =>
        sendWorkbook(reply, "linli-meetings.xlsx", await meetings.exportList(actorOf(request), request.query, request.locale)),
    );

    app.post(
      "/api/meetings",
      {
        config: { access: "deliberation.manage" },
        schema: {
          tags,
          summary: "Plan a meeting: kind, host, compound or community, time, place, agenda, invitees",
          body: createMeetingSchema,
          response: { 201: meetingSchema, ...problemResponses(401, 403) },
        },
      },
      async (request, reply) => {
        const created = await meetings.create(actorOf(request), request.body, context(request));
        return reply.status(201).send(await motions.meeting(actorOf(request), created.id));
      },
    );

    app.get(
      "/api/meetings/:id",
      {
        config: { access: "signed_in" },
        schema: {
          tags,
          summary: "A meeting with its agenda, attendance, minutes and motions",
          params: idParams,
          response: { 200: meetingSchema, ...problemResponses(401, 403, 404) },
        },
      },
      async (request) => motions.meeting(actorOf(request), request.params.id),
    );

    for (const [path, summary, act] of [
      ["notice", "Send the notice: the invitees see the meeting and its agenda", meetings.notice.bind(meetings)],
      ["cancel", "Cancel a meeting that has no minutes", meetings.cancel.bind(meetings)],
    ] as const)
      app.post(
        `/api/meetings/:id/${path}`,
        {
          config: { access: "deliberation.manage" },
          schema: {
            tags,
            summary,
            params: idParams,
            body: versionSchema,
            response: { 200: meetingSchema, ...problemResponses(401, 403, 404, 409) },
          },
        },
        async (request) => {
          await act(actorOf(request), request.params.id, request.body.version, context(request));
          return motions.meeting(actorOf(request), request.params.id);
        },
      );

    app.put(
      "/api/meetings/:id/minutes",
      {
        config: { access: "deliberation.manage" },
        schema: {
          tags,
          summary: "Record the minutes of a meeting that has begun",
          params: idParams,
          body: minutesSchema,
          response: { 200: meetingSchema, ...problemResponses(401, 403, 404, 409) },
        },
      },
      async (request) => {
        await meetings.recordMinutes(actorOf(request), request.params.id, request.body, context(request));
        return motions.meeting(actorOf(request), request.params.id);
      },
    );

    app.post(
      "/api/meetings/:id/files",
      {
        config: { access: "deliberation.manage" },
        bodyLimit: meetingFileMaxBytes,
        schema: {
          tags,
          summary: "Attach a file to the minutes: a photo (JPEG, PNG, WebP) or a PDF, checked by its bytes",
          params: idParams,
          querystring: meetingFileQuerySchema,
          response: { 201: meetingFileSchema, ...problemResponses(401, 403, 404, 409, 413, 415) },
        },
      },
      async (request, reply) => {
        if (!Buffer.isBuffer(request.body))
          throw new AppError("unsupported_media_type", 415, [
            { in: "header", field: "content-type", code: "not_a_minutes_file" },
          ]);
        return reply
          .status(201)
          .send(await files.upload(actorOf(request), request.params.id, request.body, request.query.name, context(request)));
      },
    );

    app.get(
      "/api/meeting-files/:id",
      {
        config: { access: "signed_in" },
        schema: { tags, summary: "A file of a meeting's minutes, for whoever may see the meeting", params: idParams },
      },
      async (request, reply) => {
        const file = await files.read(actorOf(request), request.params.id);
        return reply
          .type(file.contentType)
          .header("cache-control", "private, max-age=3600")
          .header("content-disposition", `inline; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
          .send(file.bytes);
      },
    );

    app.post(
      "/api/meetings/:id/attendance",
      {
        config: { access: "deliberation.manage" },
        schema: {
          tags,
          summary: "Sign someone in: a resident from the registry, or a party's delegate by name",
          params: idParams,
          body: recordAttendanceSchema,
          response: { 200: meetingSchema, ...problemResponses(401, 403, 404, 409) },
        },
      },
      async (request) => {
        await meetings.recordAttendance(actorOf(request), request.params.id, request.body, context(request));
        return motions.meeting(actorOf(request), request.params.id);
      },
    );

    app.post(
      "/api/meetings/:id/sign-in",
      {
        config: { access: "deliberation.vote" },
        schema: {
          tags,
          summary: "A verified resident signs in with the code shown at the meeting, on its day",
          params: idParams,
          body: signInSchema,
          response: { 204: z.null(), ...problemResponses(401, 403, 404, 409) },
        },
      },
      async (request, reply) => {
        await meetings.signIn(actorOf(request), request.params.id, request.body.code, context(request));
        return reply.status(204).send(null);
      },
    );

    app.post(
      "/api/meetings/:id/motions",
      {
        config: { access: "deliberation.manage" },
        schema: {
          tags,
          summary: "Put a motion to the meeting, with its matter and counting rule",
          params: idParams,
          body: createMotionSchema,
          response: { 201: motionSchema, ...problemResponses(401, 403, 404, 409) },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await motions.create(actorOf(request), request.params.id, request.body, context(request))),
    );

    app.get(
      "/api/motions/:id",
      {
        config: { access: "signed_in" },
        schema: {
          tags,
          summary: "A motion: while open, how many owners and how much area have voted; once closed, the tally",
          params: idParams,
          response: { 200: motionSchema, ...problemResponses(401, 403, 404) },
        },
      },
      async (request) => motions.get(actorOf(request), request.params.id),
    );

    app.post(
      "/api/motions/:id/open",
      {
        config: { access: "deliberation.manage" },
        schema: {
          tags,
          summary: "Open the poll; an owners' vote freezes the roll, and refuses while a dwelling lacks its area or owners",
          params: idParams,
          body: openMotionSchema,
          response: { 200: motionSchema, ...problemResponses(401, 403, 404, 409) },
        },
      },
      async (request) => motions.open(actorOf(request), request.params.id, request.body, context(request)),
    );

    app.post(
      "/api/motions/:id/ballots",
      {
        config: { access: "signed_in" },
        schema: {
          tags,
          summary: "Vote: a verified owner on the phone, or staff from a numbered paper ballot (dwellingId, paperNumber)",
          params: idParams,
          body: castBallotSchema,
          response: { 200: ballotReceiptSchema, ...problemResponses(401, 403, 404, 409) },
        },
      },
      async (request) => motions.cast(actorOf(request), request.params.id, request.body, context(request)),
    );

    app.post(
      "/api/motions/:id/close",
      {
        config: { access: "deliberation.manage" },
        schema: {
          tags,
          summary: "Close the poll and count it (a show of hands gives its counts); a passed motion becomes a resolution",
          params: idParams,
          body: closeMotionSchema,
          response: { 200: motionSchema, ...problemResponses(401, 403, 404, 409) },
        },
      },
      async (request) => motions.close(actorOf(request), request.params.id, request.body, context(request)),
    );

    app.get(
      "/api/motions/:id/recount",
      {
        config: { access: "signed_in" },
        schema: {
          tags,
          summary: "Count a closed motion again from its stored roll and ballots",
          params: idParams,
          response: { 200: tallySchema, ...problemResponses(401, 403, 404, 409) },
        },
      },
      async (request) => motions.recount(actorOf(request), request.params.id),
    );
  };
}
