import type { FastifyInstance } from "fastify";
import { AppError } from "../errors/app-error.js";

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * JSON bodies must be valid UTF-8: Fastify's own parser would turn stray bytes into U+FFFD and
 * let "a\uFFFD" reach a service as a username. Refused as malformed instead; the rest (prototype
 * poisoning, syntax) is Fastify's default parser.
 */
export function registerStrictJsonParser(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser("error", "error");
  app.removeContentTypeParser("application/json");
  // GeoJSON files (RFC 7946) are JSON under their own media type.
  app.addContentTypeParser(["application/json", "application/geo+json"], { parseAs: "buffer" }, (request, body, done) => {
    let text: string;
    try {
      text = strictUtf8.decode(body as Buffer);
    } catch {
      done(new AppError("malformed_json", 400, [{ in: "body", field: "body", code: "not_utf8" }]), undefined);
      return;
    }
    parseJson(request, text, done);
  });
}
