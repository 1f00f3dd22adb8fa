import { createHash, timingSafeEqual } from "node:crypto";

export const csrfCookieName = "linli_csrf";
export const csrfHeaderName = "x-csrf-token";

/**
 * The CSRF token of a session, derived from its secret token: a page can read it (cookie
 * `linli_csrf`, not httpOnly) and echo it in `X-CSRF-Token`; another site can do neither, and a
 * token from an earlier session does not match a later one. Nothing extra is stored.
 */
export function csrfTokenFor(sessionToken: string): string {
  return createHash("sha256").update(`linli-csrf:${sessionToken}`).digest("base64url");
}

/** Whether `presented` is this session's CSRF token (compared in constant time). */
export function isValidCsrfToken(sessionToken: string, presented: string | undefined): boolean {
  if (!presented) return false;
  const expected = Buffer.from(csrfTokenFor(sessionToken));
  const given = Buffer.from(presented);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** Methods that change state and so need the token. */
export function changesState(method: string): boolean {
  return !["GET", "HEAD", "OPTIONS"].includes(method);
}
