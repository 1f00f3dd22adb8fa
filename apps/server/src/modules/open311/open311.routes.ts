import formbody from "@fastify/formbody";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { AppError } from "../../platform/errors/app-error.js";
import type { Open311Service, RequestForm } from "./open311.service.js";
import type { Open311Caller, Open311ClientService } from "./open311-client.service.js";
import { Open311Error, type Open311Format, render, renderError, splitFormat } from "./open311-format.js";

const tags = ["open311"];
const formats: Open311Format[] = ["json", "xml"];
const prefix = "/open311/v2";

/**
 * Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2): discovery and services are open;
 * requests and tokens need a client's `api_key` and count against its rate limit. Errors come in
 * the spec's shape, in the format asked for.
 */
export function open311Routes(service: Open311Service, clients: Open311ClientService, now: () => Date = () => new Date()) {
  return async (instance: FastifyInstance) => {
    await instance.register(formbody);
    const limiter = instance.createRateLimit({
      keyGenerator: (request) => `open311:${clientOf(request)?.id ?? request.ip}`,
      max: (request) => clientOf(request)?.ratePerMinute ?? 1,
      timeWindow: 60_000,
    });
    const callers = new WeakMap<FastifyRequest, Open311Caller>();
    const clientOf = (request: FastifyRequest) => callers.get(request);

    instance.setErrorHandler((error, request, reply) => {
      const format = formatOf(request.url);
      let status = 500;
      let description = "The request could not be completed";
      if (error instanceof Open311Error) ({ status, description } = error);
      else if (error instanceof AppError) {
        // The spec has no 422: a reused Idempotency-Key is a bad request.
        status = error.status === 422 ? 400 : error.status;
        description = error.fieldErrors.map((field) => `${field.field}: ${field.code}`).join("; ") || error.code;
      } else if ((error as { statusCode?: number }).statusCode && (error as { statusCode: number }).statusCode < 500) {
        status = (error as { statusCode: number }).statusCode;
        description = status === 413 ? "The request is too large" : "The request is malformed";
      }
      if (status >= 500) request.log.error({ err: error }, "open311 request failed");
      const { contentType, payload } = renderError(format, status, description);
      return reply.status(status).type(contentType).send(payload);
    });

    /** The client of the request's `api_key` (query or form), within its rate limit. */
    const authenticate = async (request: FastifyRequest, reply: FastifyReply): Promise<Open311Caller> => {
      const body = (request.body ?? {}) as RequestForm;
      const query = request.query as Record<string, string | undefined>;
      const raw = query.api_key ?? body.api_key;
      const key = Array.isArray(raw) ? raw[0] : raw;
      if (!key) throw new Open311Error(400, "api_key was not provided");
      const client = await clients.authenticate(key);
      if (!client) throw new Open311Error(403, "Invalid api_key received");
      callers.set(request, client);
      const limit = await limiter(request);
      if (!limit.isAllowed && limit.isExceeded) {
        reply.header("retry-after", String(limit.ttlInSeconds));
        throw new Open311Error(429, `Rate limit of ${limit.max} requests a minute exceeded`);
      }
      return client;
    };

    const send = (
      reply: FastifyReply,
      format: Open311Format,
      body: unknown,
      xml: { root: string; item?: string },
      status = 200,
    ) => {
      const { contentType, payload } = render(format, body, xml);
      return reply.status(status).type(contentType).send(payload);
    };
    const route = (summary: string) => ({ config: { access: "public" as const }, schema: { tags, summary } });

    for (const format of formats) {
      instance.get(`${prefix}/discovery.${format}`, route("Service discovery"), async (request, reply) => {
        const base = `${request.protocol}://${request.host}${prefix}`;
        return send(
          reply,
          format,
          {
            changeset: "2026-11-29T00:00:00Z",
            contact: "Linli community governance platform",
            key_service: "API keys are issued per client by the city's system administrator",
            endpoints: [
              {
                specification: "http://wiki.open311.org/GeoReport_v2",
                url: base,
                changeset: "2026-11-29T00:00:00Z",
                type: "production",
                formats: ["application/json", "text/xml"],
              },
            ],
          },
          { root: "discovery" },
        );
      });
      instance.get(
        `${prefix}/services.${format}`,
        route("Service list: the active case sub-categories"),
        async (_request, reply) => send(reply, format, await service.services(), { root: "services", item: "service" }),
      );
      instance.post(
        `${prefix}/requests.${format}`,
        route("Create a service request (form-encoded, api_key); honours Idempotency-Key"),
        async (request, reply) => {
          const client = await authenticate(request, reply);
          const key = request.headers["idempotency-key"];
          const created = await service.create(
            client,
            (request.body ?? {}) as RequestForm,
            request.ip,
            typeof key === "string" ? key : undefined,
          );
          return send(reply, format, created, { root: "service_requests", item: "request" }, 201);
        },
      );
      instance.get(
        `${prefix}/requests.${format}`,
        route("Service requests in the client's regions (at most 90 days)"),
        async (request, reply) => {
          const client = await authenticate(request, reply);
          const list = await service.list(client, request.query as Record<string, string | undefined>, now());
          return send(reply, format, list, { root: "service_requests", item: "request" });
        },
      );
    }
    instance.get(
      `${prefix}/services/:file`,
      route("Service definition: the sub-category's extra questions"),
      async (request, reply) => {
        const { name, format } = splitFormat((request.params as { file: string }).file);
        return send(reply, format, await service.definition(name), { root: "service_definition" });
      },
    );
    instance.get(`${prefix}/requests/:file`, route("One service request"), async (request, reply) => {
      const { name, format } = splitFormat((request.params as { file: string }).file);
      const client = await authenticate(request, reply);
      return send(reply, format, await service.one(client, name), { root: "service_requests", item: "request" });
    });
    instance.get(`${prefix}/tokens/:file`, route("The service request of a token"), async (request, reply) => {
      const { name, format } = splitFormat((request.params as { file: string }).file);
      const client = await authenticate(request, reply);
      return send(reply, format, await service.token(client, name), { root: "service_requests", item: "request" });
    });
  };
}

/** The format an Open311 URL asks for (its path's extension); JSON when it names none. */
function formatOf(url: string): Open311Format {
  return (url.split("?")[0] ?? "").endsWith(".xml") ? "xml" : "json";
}
