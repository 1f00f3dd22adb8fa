type DatabaseFailure = { code?: string; table?: string } | undefined;

/** The database's own error: `error` itself, or the cause Drizzle wrapped it around. */
const databaseFailureOf = (error: unknown): DatabaseFailure =>
  (error as DatabaseFailure)?.code
    ? (error as DatabaseFailure)
    : ((error as { cause?: unknown } | undefined)?.cause as DatabaseFailure);

/** Whether a database error (raw, or wrapped by Drizzle as its cause) is a unique-constraint violation. */
export function isUniqueViolation(error: unknown): boolean {
  return databaseFailureOf(error)?.code === "23505";
}

/** The table whose unique constraint `error` violated, if it is such a violation. */
export function uniqueViolationTable(error: unknown): string | undefined {
  const failure = databaseFailureOf(error);
  return failure?.code === "23505" ? failure.table : undefined;
}

/** SQLSTATEs of a database that is not there for now: connection exceptions (class 08), shutting down or starting, out of connections. */
const unavailableStates = /^(08...|57P01|57P02|57P03|53300)$/;
/** Socket errors of a server that went away or never answered. */
const unavailableSockets = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "ENETUNREACH"]);
/** node-postgres's own words for a connection that ended, or a pool that could not get one in time. */
const unavailableMessages = /Connection terminated|not queryable|timeout exceeded when trying to connect|Connection closed/i;

/**
 * Whether an error (or any error it wraps, as Drizzle and AggregateError do) means the database
 * cannot be reached for now, rather than that the request or the code is wrong: such a request may
 * be retried, and is answered 503 with Retry-After, never 500.
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 5) return false;
  const { code, message, cause, errors } = error as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
  if (typeof code === "string" && (unavailableStates.test(code) || unavailableSockets.has(code))) return true;
  if (typeof message === "string" && unavailableMessages.test(message)) return true;
  if (Array.isArray(errors) && errors.some((inner) => isDatabaseUnavailable(inner, depth + 1))) return true;
  return isDatabaseUnavailable(cause, depth + 1);
}
