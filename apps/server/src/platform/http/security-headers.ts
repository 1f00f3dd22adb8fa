import type { FastifyInstance } from "fastify";
import helmet from "helmet";

/** The tile server's origin for img-src; a `{s}` subdomain placeholder becomes a wildcard. */
export function tileSource(template: string | null): string[] {
  if (!template) return [];
  const origin = /^https?:\/\/[^/]+/.exec(template)?.[0];
  return origin ? [origin.replace("{s}", "*")] : [];
}

/**
 * Security headers on every response. Scripts only from this origin (no inline script);
 * inline styles are allowed because Ant Design injects its CSS-in-JS as <style> elements.
 * HSTS only over HTTPS: sent over plain HTTP it would be ignored, and it would lock a
 * community office's http://localhost out if it ever stuck.
 *
 * Helmet's middleware is built once (the Fastify plugin rebuilt it, parsing the policy, for
 * every request) and sets the headers on the raw response as each request arrives.
 */
export function registerSecurityHeaders(app: FastifyInstance, options: { mapTileUrl: string | null }) {
  const applyHeaders = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:", ...tileSource(options.mapTileUrl)],
        fontSrc: ["'self'", "data:"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    referrerPolicy: { policy: "same-origin" },
    hsts: false,
  });
  app.addHook("onRequest", (request, reply, done) => applyHeaders(request.raw, reply.raw, () => done()));
  app.addHook("onSend", async (request, reply) => {
    if (request.protocol === "https") reply.header("strict-transport-security", "max-age=31536000; includeSubDomains");
  });
}
