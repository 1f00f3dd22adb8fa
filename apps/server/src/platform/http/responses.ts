import { problemSchema } from "@linli/contracts";
import type { FastifyReply } from "fastify";

const problemDescriptions: Record<number, string> = {
  400: "The request is invalid; `errors` names each bad field",
  401: "Not signed in, or the session has ended",
  403: "Signed in without the required permission",
  404: "No such record, or none the caller may see",
  413: "The body is larger than the configured limit",
  409: "Conflicts with the record's current state; `errors` says how",
  415: "The content type is not supported",
  422: "The Idempotency-Key was used before for a different request",
  429: "Too many requests; `Retry-After` says when to try again",
  503: "A dependency is unavailable",
};

/** Problem responses (application/problem+json) for the given statuses, plus 400 which every route may return. */
export function problemResponses<S extends number>(...statuses: S[]) {
  const responses = {} as Record<
    S | 400,
    { description: string; content: { "application/problem+json": { schema: typeof problemSchema } } }
  >;
  for (const status of [400 as const, ...statuses]) {
    responses[status] = {
      description: problemDescriptions[status] ?? "Problem",
      content: { "application/problem+json": { schema: problemSchema } },
    };
  }
  return responses;
}

/** The content type of the Excel workbooks that exports send. */
export const xlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** Sends an Excel workbook as a download named `filename`. */
export function sendWorkbook(reply: FastifyReply, filename: string, workbook: Buffer): FastifyReply {
  return reply.type(xlsxContentType).header("content-disposition", `attachment; filename="${filename}"`).send(workbook);
}
