import type { FastifyInstance, FastifyRequest } from "fastify";
import { AppError } from "../errors/app-error.js";
import type { Actor, RouteAccess } from "./actor.js";
import { changesState, csrfHeaderName, isValidCsrfToken } from "./csrf.js";
import { sessionCookieName } from "./session-cookie.js";

export interface RouteAccessEntry {
  method: string;
  url: string;
  access: RouteAccess;
}

declare module "fastify" {
  interface FastifyInstance {
    /** Every route with the access it declared, for tests and audits of the route table. */
    routeAccess: readonly RouteAccessEntry[];
  }
}

export type Authenticate = (token: string) => Promise<Actor | null>;

/**
 * Routes added by third-party plugins, which cannot carry our config: the API browser and the
 * built web app's files. Everything else must declare its access.
 */
const pluginPublicRoutes = [/^\/api\/docs(\/|$)/, /^\/\*$/];

/**
 * Enforces each route's declared access before its body is parsed. A route that declares
 * nothing cannot be registered: authorisation is never forgotten, only stated.
 */
export function registerAccessControl(app: FastifyInstance, authenticate: Authenticate) {
  app.decorateRequest("actor", null);
  app.decorateRequest("sessionToken", null);
  const table: RouteAccessEntry[] = [];
  app.decorate("routeAccess", table);

  app.addHook("onRoute", (route) => {
    if (route.config?.access === undefined) {
      if (!pluginPublicRoutes.some((pattern) => pattern.test(route.url))) {
        throw new Error(`Route ${route.method} ${route.url} declares no access (config.access)`);
      }
      route.config = { ...route.config, access: "public" };
    }
    for (const method of [route.method].flat())
      table.push({ method, url: route.url, access: route.config.access as RouteAccess });
  });

  app.addHook("onRequest", async (request: FastifyRequest) => {
    const access = request.routeOptions.config?.access;
    const token = request.cookies[sessionCookieName];
    if (token) request.sessionToken = token;
    // Unmatched routes (404) and public ones never touch the session table.
    if (access === undefined || access === "public") return;
    if (token) request.actor = await authenticate(token);
    if (!request.actor || !token) throw new AppError("unauthenticated", 401);
    // A cookie is sent by the browser whichever site asks; the token only by our own pages.
    if (changesState(request.method) && !isValidCsrfToken(token, request.headers[csrfHeaderName] as string | undefined)) {
      throw new AppError("csrf_failed", 403, [{ in: "header", field: csrfHeaderName, code: "invalid" }]);
    }
    if (access === "signed_in") return;
    if (request.actor.mustChangePassword) throw new AppError("password_change_required", 403);
    // 等保 level 3: an account whose roles require a second factor does nothing else until it has one.
    const { twoFactor } = request.actor;
    if (twoFactor.required && !twoFactor.enabled) throw new AppError("two_factor_enrollment_required", 403);
    if (!request.actor.permissions.includes(access)) throw new AppError("forbidden", 403);
  });
}

/** The actor of a route that requires a session; the hook has already refused anonymous calls. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError("unauthenticated", 401);
  return request.actor;
}
