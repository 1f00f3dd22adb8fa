import { randomUUID } from "node:crypto";
import cookie from "@fastify/cookie";
import rateLimit from "@fastify/rate-limit";
import type { Locale } from "@linli/contracts";
import Fastify, { type FastifyInstance } from "fastify";
import { serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import type { Config } from "./config.js";
import type { DatabaseHandle } from "./db/client.js";
import { buildingRoutes } from "./modules/grids/building.routes.js";
import { BuildingService } from "./modules/grids/building.service.js";
import { compoundRoutes } from "./modules/grids/compound.routes.js";
import { CompoundService } from "./modules/grids/compound.service.js";
import { gridRoutes } from "./modules/grids/grid.routes.js";
import { GridService } from "./modules/grids/grid.service.js";
import { LocationService } from "./modules/grids/location.service.js";
import { accountRoutes } from "./modules/identity/account.routes.js";
import { AccountService } from "./modules/identity/account.service.js";
import { identityRoutes } from "./modules/identity/identity.routes.js";
import { IdentityService } from "./modules/identity/identity.service.js";
import { rolePermissionRoutes } from "./modules/identity/role-permission.routes.js";
import { RolePermissionService } from "./modules/identity/role-permission.service.js";
import { twoFactorRoutes } from "./modules/identity/two-factor.routes.js";
import { TwoFactorService } from "./modules/identity/two-factor.service.js";
import { regionRoutes } from "./modules/regions/region.routes.js";
import { RegionService } from "./modules/regions/region.service.js";
import { auditRoutes } from "./platform/audit/audit.routes.js";
import { AuditService } from "./platform/audit/audit.service.js";
import { SecurityRefusalRecorder } from "./platform/audit/security-refusals.js";
import { registerAccessControl } from "./platform/auth/access-hook.js";
import { AppError, notFound } from "./platform/errors/app-error.js";
import { toProblem } from "./platform/errors/problem.js";
import { healthRoutes } from "./platform/http/health.routes.js";
import { registerStrictJsonParser } from "./platform/http/json-body.js";
import { registerOpenApi } from "./platform/http/openapi.js";
import { registerSecurityHeaders } from "./platform/http/security-headers.js";
import { registerWebApp, wantsWebApp } from "./platform/http/web-app.js";
import { negotiateLocale } from "./platform/i18n/accept-language.js";
import { loggerOptions } from "./platform/logging.js";
import { version } from "./version.js";

declare module "fastify" {
  interface FastifyRequest {
    locale: Locale;
  }
}

export interface AppDependencies {
  config: Config;
  database: DatabaseHandle;
  /** Clock for session expiry; tests move it. */
  now?: () => Date;
  /** Where log lines go (default stdout); tests capture them. */
  logStream?: NodeJS.WritableStream;
}

/** Builds the HTTP application: platform plugins first, then each module's routes. */
export async function buildApp({ config, database, now, logStream }: AppDependencies): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(config.logLevel, logStream),
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    genReqId: (request) => {
      const incoming = request.headers["x-request-id"];
      // A caller's id is kept for tracing unless it could carry a phone or ID number.
      return typeof incoming === "string" && /^[\w.-]{1,64}$/.test(incoming) && !/\d{11}/.test(incoming)
        ? incoming
        : randomUUID();
    },
    // Closing lets in-flight requests finish but drops idle keep-alive sockets at once.
    forceCloseConnections: "idle",
  });
  registerStrictJsonParser(app);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorateRequest("locale", "zh-CN");

  app.addHook("onRequest", async (request, reply) => {
    reply.header("x-request-id", request.id);
    const negotiated = negotiateLocale(request.headers["accept-language"]);
    if (!negotiated.ok) {
      throw new AppError("bad_accept_language", 400, [{ in: "header", field: "accept-language", code: "malformed" }]);
    }
    request.locale = negotiated.locale;
  });

  const audit = new AuditService(database.db, now);
  const refusals = new SecurityRefusalRecorder(audit, now);
  app.setErrorHandler(async (error, request, reply) => {
    const problem = toProblem(error, request, request.locale);
    if (problem.status >= 500) request.log.error({ err: error }, "request failed");
    else request.log.info({ code: problem.code, status: problem.status }, "request refused");
    // The refusal stands even if its audit row cannot be written; the failure is logged.
    await refusals
      .record(request, problem.code)
      .catch((failure: unknown) => request.log.error({ err: failure }, "audit of a refusal failed"));
    return reply.status(problem.status).type("application/problem+json").header("content-language", request.locale).send(problem);
  });

  await registerSecurityHeaders(app);
  await app.register(cookie);
  // Per route (only where a route sets config.rateLimit); counters are per process.
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: () => new AppError("rate_limited", 429),
  });
  const identity = new IdentityService(database.db, config.session, audit, now);
  registerAccessControl(app, (token) => identity.authenticate(token));

  await registerOpenApi(app, version);
  await app.register(healthRoutes(database));
  await app.register(identityRoutes(identity, { secure: config.session.cookieSecure }, config.loginAttemptsPerMinute));
  await app.register(auditRoutes(audit));
  await app.register(rolePermissionRoutes(new RolePermissionService(database.db, audit)));
  const accounts = new AccountService(database.db, config.session, audit);
  await app.register(accountRoutes(accounts));
  await app.register(twoFactorRoutes(new TwoFactorService(database.db, audit, now)));
  const regions = new RegionService(database.db, audit);
  await app.register(regionRoutes(regions));
  const locations = new LocationService(database.db);
  await app.register(buildingRoutes(new BuildingService(database.db, audit)));
  await app.register(compoundRoutes(new CompoundService(database.db, regions, audit, locations, now)));
  await app.register(gridRoutes(new GridService(database.db, regions, accounts, audit, locations), locations));

  const servesWebApp = await registerWebApp(app, config.webDist);
  app.setNotFoundHandler((request, reply) => {
    if (servesWebApp && wantsWebApp(request.method, request.url, request.headers.accept)) {
      return reply.header("cache-control", "no-cache").sendFile("index.html");
    }
    throw notFound();
  });

  return app;
}
