import type { FastifyReply, FastifyRequest } from "fastify";
import { csrfCookieName, csrfTokenFor } from "./csrf.js";

export const sessionCookieName = "linli_session";

export interface CookiePolicy {
  secure: "auto" | "true" | "false";
}

/**
 * Sets the session cookie (httpOnly, SameSite=Lax, Secure over HTTPS) and beside it the CSRF
 * cookie the web app reads and echoes on every state-changing request.
 */
export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string, policy: CookiePolicy) {
  const secure = policy.secure === "auto" ? request.protocol === "https" : policy.secure === "true";
  reply.setCookie(sessionCookieName, token, { path: "/", httpOnly: true, sameSite: "lax", secure });
  reply.setCookie(csrfCookieName, csrfTokenFor(token), { path: "/", httpOnly: false, sameSite: "strict", secure });
}

export function clearSessionCookie(reply: FastifyReply) {
  reply.clearCookie(sessionCookieName, { path: "/" });
  reply.clearCookie(csrfCookieName, { path: "/" });
}
