import { z } from "zod";

/** Stable machine-readable error codes; clients branch on these, never on messages. */
export const problemCodes = [
  "validation_failed",
  "malformed_json",
  "body_too_large",
  "unsupported_media_type",
  "bad_accept_language",
  "not_found",
  "method_not_allowed",
  "unauthenticated",
  "forbidden",
  "csrf_failed",
  "conflict",
  "idempotency_key_reused",
  "transition_not_allowed",
  "invalid_credentials",
  "account_locked",
  "two_factor_required",
  "two_factor_invalid",
  "two_factor_enrollment_required",
  "password_change_required",
  "rate_limited",
  "service_unavailable",
  "internal_error",
] as const;
export type ProblemCode = (typeof problemCodes)[number];

export const fieldErrorSchema = z.object({
  in: z.enum(["body", "query", "params", "header"]).describe("Where the field was sent"),
  field: z.string().describe("Dotted path of the field, e.g. `username` or `items.0.name`"),
  code: z.string().describe("Stable code of the problem with this field"),
  message: z.string().describe("Localised explanation"),
});
export type FieldError = z.infer<typeof fieldErrorSchema>;

/** RFC 9457 problem details, extended with a stable `code` and per-field `errors`. */
export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    code: z.enum(problemCodes),
    requestId: z.string().optional(),
    errors: z.array(fieldErrorSchema).optional(),
    existing: z
      .object({ type: z.string(), id: z.string(), href: z.string() })
      .optional()
      .describe("The record this request conflicts with (a duplicate), when the caller may see it"),
    allowed: z
      .array(z.string())
      .optional()
      .describe("What the caller may do instead, e.g. the transitions a case allows them now"),
  })
  .meta({ id: "Problem" });
export type Problem = z.infer<typeof problemSchema>;
