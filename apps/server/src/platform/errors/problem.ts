import type { FieldError, Locale, Problem, ProblemCode } from "@linli/contracts";
import type { FastifyError, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { isDatabaseUnavailable } from "../../db/errors.js";
import { AppError, type FieldErrorInput } from "./app-error.js";
import { fieldMessage, problemTitles } from "./messages.js";

const validationContexts: Record<string, FieldError["in"]> = {
  body: "body",
  querystring: "query",
  params: "params",
  headers: "header",
};

/** Fastify's own client errors, by code, as stable Linli problems. */
const fastifyClientErrors: Record<string, { code: ProblemCode; status: number; field: FieldErrorInput }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: {
    code: "malformed_json",
    status: 400,
    field: { in: "body", field: "body", code: "malformed" },
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    code: "validation_failed",
    status: 400,
    field: { in: "body", field: "body", code: "required" },
  },
  FST_ERR_CTP_BODY_TOO_LARGE: {
    code: "body_too_large",
    status: 413,
    field: { in: "body", field: "body", code: "too_big" },
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    code: "validation_failed",
    status: 400,
    field: { in: "header", field: "content-length", code: "invalid" },
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: "unsupported_media_type",
    status: 415,
    field: { in: "header", field: "content-type", code: "invalid_value" },
  },
};

/** Turns any thrown error into RFC 9457 problem details in the caller's language. */
export function toProblem(error: unknown, request: FastifyRequest, locale: Locale): Problem {
  const { code, status, fieldErrors } = classify(error, request);
  const problem: Problem = {
    // A URN, not a URL: nothing is promised at an address; `code` is what clients branch on.
    type: `urn:linli:problem:${code}`,
    title: problemTitles[code][locale],
    status,
    code,
    instance: request.url.split("?")[0],
    requestId: request.id,
  };
  if (fieldErrors.length > 0) {
    problem.errors = fieldErrors.map(({ params, ...fieldError }) => ({
      ...fieldError,
      message: fieldMessage(fieldError.code, locale, params),
    }));
    problem.detail = problem.errors.map((e) => `${e.field}: ${e.message}`).join("; ");
  }
  if (error instanceof AppError) Object.assign(problem, error.extras);
  return problem;
}

function classify(
  error: unknown,
  request: FastifyRequest,
): { code: ProblemCode; status: number; fieldErrors: FieldErrorInput[] } {
  if (error instanceof AppError) {
    return { code: error.code, status: error.status, fieldErrors: error.fieldErrors };
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = validationContexts[(error as { validationContext?: string }).validationContext ?? "body"] ?? "body";
    const input = where === "body" ? request.body : where === "query" ? request.query : request.params;
    return {
      code: "validation_failed",
      status: 400,
      fieldErrors: error.validation.flatMap((v) => fieldErrorsOf(v, where, input)),
    };
  }
  if (isDatabaseUnavailable(error)) return { code: "service_unavailable", status: 503, fieldErrors: [] };
  const fastifyError = error as Partial<FastifyError>;
  const known = fastifyError.code ? fastifyClientErrors[fastifyError.code] : undefined;
  if (known) return { code: known.code, status: known.status, fieldErrors: [known.field] };
  const status = fastifyError.statusCode ?? 500;
  if (status === 401) return { code: "unauthenticated", status, fieldErrors: [] };
  if (status === 403) return { code: "forbidden", status, fieldErrors: [] };
  if (status === 404) return { code: "not_found", status, fieldErrors: [] };
  if (status === 405) return { code: "method_not_allowed", status, fieldErrors: [] };
  if (status >= 400 && status < 500) return { code: "validation_failed", status, fieldErrors: [] };
  return { code: "internal_error", status: 500, fieldErrors: [] };
}

/** Field problems of a Zod parse outside a route schema (a row of an imported file), under `prefix`. */
export function fieldErrorsOfIssues(
  issues: readonly { code: string; path: PropertyKey[] }[],
  input: unknown,
  prefix: string,
): FieldErrorInput[] {
  return issues.flatMap((issue) => {
    const { code, path, ...params } = issue as { code: string; path: PropertyKey[]; message?: string };
    const entry = { keyword: code, instancePath: `/${path.map(String).join("/")}`, params };
    return fieldErrorsOf(entry, "body", input).map((error) => ({
      ...error,
      field: error.field === "body" ? prefix : `${prefix}.${error.field}`,
    }));
  });
}

type ValidationEntry = { keyword: string; instancePath?: string; params: Record<string, unknown> };

function fieldErrorsOf(entry: ValidationEntry, where: FieldError["in"], input: unknown): FieldErrorInput[] {
  const path = (entry.instancePath ?? "").split("/").filter(Boolean);
  const prefix = path.join(".");
  if (entry.keyword === "unrecognized_keys") {
    const keys = (entry.params.keys as string[] | undefined) ?? [];
    return keys.map((key) => ({ in: where, field: prefix ? `${prefix}.${key}` : key, code: "unknown_field" }));
  }
  const field = prefix || (where === "body" ? "body" : where);
  // A missing field is "required", whatever it would have had to be (a type, one of an enum's values).
  if ((entry.keyword === "invalid_type" || entry.keyword === "invalid_value") && valueAt(input, path) === undefined) {
    return [{ in: where, field, code: "required" }];
  }
  if (entry.keyword === "too_small" || entry.keyword === "too_big") {
    const origin = String(entry.params.origin ?? "number");
    const kind = origin === "string" || origin === "array" ? origin : "number";
    return [{ in: where, field, code: `${entry.keyword}_${kind}`, params: entry.params }];
  }
  // A refinement names its own stable code in `params.code`.
  const custom = entry.keyword === "custom" ? (entry.params.params as { code?: unknown } | undefined)?.code : undefined;
  if (typeof custom === "string") return [{ in: where, field, code: custom }];
  return [{ in: where, field, code: entry.keyword, params: entry.params }];
}

function valueAt(input: unknown, path: string[]): unknown {
  let current = input;
  for (const key of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}
