import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import type { Figure } from "./measure.js";

const budgetBytes = 500 * 1024;

/**
 * The JavaScript a browser fetches before the first screen: the entry script of the built web app
 * and every module index.html preloads, each gzipped as a server would send it. Null when the web
 * app has not been built (npm run build).
 */
export function benchFirstScreen(dist = fileURLToPath(new URL("../../../web/dist", import.meta.url))): Figure | null {
  const page = join(dist, "index.html");
  if (!existsSync(page)) return null;
  const html = readFileSync(page, "utf8");
  const files = [...html.matchAll(/<script[^>]*\bsrc="([^"]+\.js)"|<link[^>]*rel="modulepreload"[^>]*href="([^"]+\.js)"/g)].map(
    (match) => match[1] ?? match[2] ?? "",
  );
  const bytes = files.reduce((sum, file) => sum + gzipSync(readFileSync(join(dist, file.replace(/^\//, "")))).length, 0);
  return {
    name: `JavaScript of the web app's first screen (${files.length} files, gzipped)`,
    measured: `${(bytes / 1024).toFixed(0)} KB`,
    limit: "500 KB",
    ratio: bytes / budgetBytes,
    goal: "≤ 500 KB",
    met: bytes <= budgetBytes,
  };
}
