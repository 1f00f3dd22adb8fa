import type { FastifyReply, FastifyRequest } from "fastify";

export const sessionCookieName = "linli_session";

export interface CookiePolicy {
  secure: "auto" | "true" | "false";
}

/** Sets the session cookie: httpOnly, SameSite=Lax, Secure when served over HTTPS. */
export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string, policy: CookiePolicy) {
  reply.setCookie(sessionCookieName, token, {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure: policy.secure === "auto" ? request.protocol === "https" : policy.secure === "true",
  });
}

export function clearSessionCookie(reply: FastifyReply) {
  reply.clearCookie(sessionCookieName, { path: "/" });
}
