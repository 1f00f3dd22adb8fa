import { randomUUID } from "node:crypto";
import cookie from "@fastify/cookie";
import rateLimit from "@fastify/rate-limit";
import type { Locale } from "@linli/contracts";
import Fastify, { type FastifyInstance } from "fastify";
import { serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import type { Config } from "./config.js";
import type { DatabaseHandle } from "./db/client.js";
import { caseRoutes } from "./modules/cases/case.routes.js";
import { caseEvaluationRoutes } from "./modules/cases/case-evaluation.routes.js";
import { casePublicRoutes } from "./modules/cases/case-public.routes.js";
import { categoryRoutes } from "./modules/cases/category.routes.js";
import { notificationRoutes } from "./modules/cases/notification.routes.js";
import { electionRoutes } from "./modules/deliberation/election.routes.js";
import { meetingRoutes } from "./modules/deliberation/meeting.routes.js";
import { resolutionRoutes } from "./modules/deliberation/resolution.routes.js";
import { disputeRoutes } from "./modules/disputes/dispute.routes.js";
import { fraudRoutes } from "./modules/fraud/fraud.routes.js";
import { buildingRoutes } from "./modules/grids/building.routes.js";
import { communityFileRoutes } from "./modules/grids/community-file.routes.js";
import { compoundRoutes } from "./modules/grids/compound.routes.js";
import { gridRoutes } from "./modules/grids/grid.routes.js";
import { accountRoutes } from "./modules/identity/account.routes.js";
import { identityRoutes } from "./modules/identity/identity.routes.js";
import { rolePermissionRoutes } from "./modules/identity/role-permission.routes.js";
import { twoFactorRoutes } from "./modules/identity/two-factor.routes.js";
import { insightRoutes } from "./modules/insights/insight.routes.js";
import { integrityVisitRoutes } from "./modules/integrity/integrity-visit.routes.js";
import { open311Routes } from "./modules/open311/open311.routes.js";
import { open311ClientRoutes } from "./modules/open311/open311-client.routes.js";
import { patrolRoutes } from "./modules/patrols/patrol.routes.js";
import { collectionRoutes } from "./modules/people/collection.routes.js";
import { peopleFileRoutes } from "./modules/people/people-file.routes.js";
import { registerRoutes } from "./modules/people/register.routes.js";
import { residentRoutes } from "./modules/people/resident.routes.js";
import { regionRoutes } from "./modules/regions/region.routes.js";
import { serviceRequestRoutes } from "./modules/services/service-request.routes.js";
import { visitRoutes } from "./modules/visits/visit.routes.js";
import { auditRoutes } from "./platform/audit/audit.routes.js";
import { SecurityRefusalRecorder } from "./platform/audit/security-refusals.js";
import { registerAccessControl } from "./platform/auth/access-hook.js";
import { AppError, notFound } from "./platform/errors/app-error.js";
import { toProblem } from "./platform/errors/problem.js";
import { clientSettingsRoutes } from "./platform/http/client-settings.routes.js";
import { healthRoutes } from "./platform/http/health.routes.js";
import { registerStrictJsonParser } from "./platform/http/json-body.js";
import { registerOpenApi } from "./platform/http/openapi.js";
import { registerSecurityHeaders } from "./platform/http/security-headers.js";
import { registerWebApp, wantsWebApp } from "./platform/http/web-app.js";
import { negotiateLocale } from "./platform/i18n/accept-language.js";
import { loggerOptions } from "./platform/logging.js";
import { loadPrivacyKeys, type PrivacyKeys } from "./platform/privacy/keys.js";
import { createServices } from "./services.js";
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
  /** The keys of sensitive fields, when the caller has loaded them already (else read from the config). */
  privacyKeys?: PrivacyKeys;
}

/** Builds the HTTP application: platform plugins first, then each module's routes. */
export async function buildApp({ config, database, now, logStream, privacyKeys }: AppDependencies): Promise<FastifyInstance> {
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

  const keys = privacyKeys ?? loadPrivacyKeys(config.privacy, database.engine);
  const services = createServices(database.db, { ...config, keys }, now);
  const { audit } = services;
  const refusals = new SecurityRefusalRecorder(audit, now);
  /** How long a client waits before retrying while the database is away (a restart takes seconds). */
  const retryAfterSeconds = 5;
  app.setErrorHandler(async (error, request, reply) => {
    const problem = toProblem(error, request, request.locale);
    // The database away: said without the failed query (its parameters may hold personal data); clients retry.
    if (problem.status === 503) {
      request.log.warn({ code: problem.code, status: 503 }, "database unavailable");
      reply.header("retry-after", String(retryAfterSeconds));
    } else if (problem.status >= 500) request.log.error({ err: error }, "request failed");
    else request.log.info({ code: problem.code, status: problem.status }, "request refused");
    // The refusal stands even if its audit row cannot be written; the failure is logged.
    await refusals
      .record(request, problem.code)
      .catch((failure: unknown) => request.log.error({ err: failure }, "audit of a refusal failed"));
    return reply.status(problem.status).type("application/problem+json").header("content-language", request.locale).send(problem);
  });

  registerSecurityHeaders(app, { mapTileUrl: config.mapTileUrl });
  await app.register(cookie);
  // Per route (only where a route sets config.rateLimit); counters are per process.
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: () => new AppError("rate_limited", 429),
  });
  registerAccessControl(app, (token) => services.identity.authenticate(token));

  await registerOpenApi(app, version);
  await app.register(healthRoutes(database));
  await app.register(clientSettingsRoutes({ mapTileUrl: config.mapTileUrl }));
  await app.register(identityRoutes(services.identity, { secure: config.session.cookieSecure }, config.loginAttemptsPerMinute));
  await app.register(auditRoutes(audit));
  await app.register(rolePermissionRoutes(services.rolePermissions));
  await app.register(accountRoutes(services.accounts));
  await app.register(twoFactorRoutes(services.twoFactor));
  await app.register(regionRoutes(services.regions));
  await app.register(buildingRoutes(services.buildings));
  await app.register(compoundRoutes(services.compounds));
  await app.register(gridRoutes(services.grids, services.locations));
  await app.register(communityFileRoutes(services.communityFiles));
  await app.register(residentRoutes(services.residents, services.households, services.registers));
  await app.register(registerRoutes(services.registers));
  await app.register(collectionRoutes(services.collection));
  await app.register(peopleFileRoutes(services.peopleFiles));
  await app.register(categoryRoutes(services.categories));
  await app.register(caseEvaluationRoutes(services.caseEvaluation));
  await app.register(caseRoutes(services.cases, services.caseWorkflow));
  await app.register(notificationRoutes(services.notifications));
  await app.register(open311ClientRoutes(services.open311Clients));
  await app.register(open311Routes(services.open311, services.open311Clients, now));
  await app.register(visitRoutes(services.visitRules, services.visitPlans, services.visits));
  await app.register(fraudRoutes(services.fraud));
  await app.register(disputeRoutes(services.disputes));
  await app.register(insightRoutes(services.insights));
  await app.register(serviceRequestRoutes(services.serviceRequests));
  await app.register(patrolRoutes(services.patrols));
  await app.register(integrityVisitRoutes(services.integrityVisits));
  await app.register(
    meetingRoutes(
      services.deliberation.meetings,
      services.deliberation.motions,
      services.deliberation.ownerRoll,
      services.deliberation.files,
    ),
  );
  await app.register(resolutionRoutes(services.deliberation.resolutions));
  await app.register(
    electionRoutes({
      elections: services.deliberation.elections,
      rolls: services.deliberation.electionRolls,
      ballots: services.deliberation.ballotBox,
    }),
  );
  await app.register(
    casePublicRoutes(services.cases, services.caseWorkflow, services.casePhotos, services.compounds, config.cases),
  );

  const servesWebApp = await registerWebApp(app, config.webDist);
  app.setNotFoundHandler((request, reply) => {
    if (servesWebApp && wantsWebApp(request.method, request.url, request.headers.accept)) {
      return reply.header("cache-control", "no-cache").sendFile("index.html");
    }
    throw notFound();
  });

  return app;
}
