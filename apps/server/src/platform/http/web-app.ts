import { existsSync } from "node:fs";
import { join } from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance } from "fastify";

/**
 * Serves the built web app: hashed assets cached for a year, index.html never cached, and
 * index.html for any other GET that a browser navigates to (client-side routes).
 */
export async function registerWebApp(app: FastifyInstance, webDist: string | null): Promise<boolean> {
  if (!webDist || !existsSync(join(webDist, "index.html"))) return false;
  await app.register(fastifyStatic, {
    root: webDist,
    wildcard: true,
    index: "index.html",
    setHeaders(reply, path) {
      reply.header("cache-control", path.includes("/assets/") ? "public, max-age=31536000, immutable" : "no-cache");
    },
  });
  return true;
}

/** Whether a request not matched by any route should get the web app's index.html. */
export function wantsWebApp(method: string, url: string, accept: string | undefined): boolean {
  return method === "GET" && !url.startsWith("/api/") && (accept ?? "").includes("text/html");
}
