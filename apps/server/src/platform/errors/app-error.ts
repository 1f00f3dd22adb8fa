import type { FieldError, Problem, ProblemCode } from "@linli/contracts";

/** A field problem before localisation: the handler turns `code` into a message. */
export type FieldErrorInput = Omit<FieldError, "message"> & { params?: Record<string, unknown> };

/** An error the client caused or may act on; anything else is a 500 `internal_error`. */
export class AppError extends Error {
  constructor(
    readonly code: ProblemCode,
    readonly status: number,
    readonly fieldErrors: FieldErrorInput[] = [],
    /** The record this one conflicts with (linked only when the caller may see it), or what the caller may do instead. */
    readonly extras: Pick<Problem, "existing" | "allowed"> = {},
  ) {
    super(code);
    this.name = "AppError";
  }
}

export function notFound(): AppError {
  return new AppError("not_found", 404);
}

/** A 400 naming one field of the body and why it was refused. */
export function invalid(field: string, code: string, params?: Record<string, unknown>): AppError {
  return new AppError("validation_failed", 400, [{ in: "body", field, code, ...(params ? { params } : {}) }]);
}

/** A 409: the record's state (named by `field` of the path, usually `id`) does not allow the change. */
export function conflictOn(field: string, code: string, params?: Record<string, unknown>): AppError {
  return new AppError("conflict", 409, [{ in: "params", field, code, ...(params ? { params } : {}) }]);
}

/** A 409 for a change made against an older version of the record than the stored one. */
export function staleVersion(): AppError {
  return new AppError("conflict", 409, [{ in: "body", field: "version", code: "stale_version" }]);
}
