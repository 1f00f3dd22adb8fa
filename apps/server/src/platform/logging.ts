import type { FastifyServerOptions } from "fastify";

type Serializable = { name?: string; message?: string; code?: string; stack?: string; query?: string; cause?: unknown };

/**
 * Error serializer that keeps what an operator needs and drops what may hold personal data:
 * PostgreSQL's `detail` ("Key (id_number)=(…) already exists") and Drizzle's query parameters.
 */
export function serializeError(error: unknown): { type: string; message: string; stack: string; [key: string]: unknown } {
  if (!error || typeof error !== "object") return { type: typeof error, message: String(error), stack: "" };
  const e = error as Serializable;
  const type = e.name ?? "Error";
  const out: ReturnType<typeof serializeError> = { type, message: e.message ?? "", code: e.code, stack: "" };
  if (type === "DrizzleQueryError") {
    out.message = "Failed query";
    out.query = e.query;
    if (e.cause) out.cause = serializeError(e.cause);
  }
  // A stack starts with the message; rebuild it from the safe message and the frames only.
  const frames = (e.stack ?? "").indexOf("\n    at ");
  out.stack = `${type}: ${out.message}${frames >= 0 ? (e.stack ?? "").slice(frames) : ""}`;
  return out;
}

/** Hides runs of 11+ digits (a mobile number, the first 17 digits of an ID number) in logged text. */
export function maskLongDigitRuns(text: string): string {
  return text.replace(/\d{11,}[\dXx]?/g, "[digits]");
}

/** pino options: request id on every line, no bodies, no query strings, no cookies. */
export function loggerOptions(level: string, stream?: NodeJS.WritableStream): FastifyServerOptions["logger"] {
  return {
    level,
    ...(stream ? { stream } : {}),
    redact: { paths: ["req.headers.cookie", "req.headers.authorization", 'res.headers["set-cookie"]'], censor: "[redacted]" },
    serializers: {
      // Query strings can carry search terms (names, ID numbers): log the path only.
      req: (request: { method: string; url: string; ip?: string }) => ({
        method: request.method,
        path: maskLongDigitRuns(request.url.split("?")[0] ?? ""),
        remoteAddress: request.ip,
      }),
      res: (reply: { statusCode: number }) => ({ statusCode: reply.statusCode }),
      err: serializeError,
    },
  };
}
