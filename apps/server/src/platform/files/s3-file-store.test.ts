import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { S3FileStore } from "./s3-file-store.js";

/**
 * The remote side of S3's REST protocol, as much of it as a store uses: path-style PUT, GET and
 * DELETE of objects, 404 NoSuchKey. It records how each request was signed. (No S3-compatible server runs
 * on this machine; the client under test is the real one, speaking HTTP.)
 */
function objectServer() {
  const objects = new Map<string, Buffer>();
  const authorizations: string[] = [];
  const body = async (request: IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  };
  const server = createServer(async (request, response) => {
    authorizations.push(request.headers.authorization ?? "");
    const path = decodeURIComponent((request.url ?? "").split("?")[0] ?? "");
    if (request.method === "PUT") {
      objects.set(path, await body(request));
      response.writeHead(200, { etag: '"0"' }).end();
    } else if (request.method === "DELETE") {
      objects.delete(path);
      response.writeHead(204).end();
    } else if (request.method === "GET" && objects.has(path)) {
      response.writeHead(200, { "content-type": "application/octet-stream" }).end(objects.get(path));
    } else {
      response
        .writeHead(404, { "content-type": "application/xml" })
        .end(
          `<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchKey</Code><Message>no such key</Message><Key>${path}</Key></Error>`,
        );
    }
  });
  return { server, objects, authorizations };
}

describe("the S3-compatible file store", () => {
  const remote = objectServer();
  let server: Server;
  let store: S3FileStore;
  beforeAll(async () => {
    server = remote.server;
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    store = new S3FileStore({
      endpoint: `http://127.0.0.1:${port}`,
      bucket: "linli-files",
      region: "cn-central-1",
      accessKey: "LINLITESTKEY",
      secretKey: "linli-test-secret",
    });
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("puts and gets an object under its key in the bucket, signing each request", async () => {
    const bytes = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
    await store.put("case-photos/2026-11/0193.jpg", bytes);
    expect(remote.objects.get("/linli-files/case-photos/2026-11/0193.jpg")).toEqual(bytes);
    expect(await store.get("case-photos/2026-11/0193.jpg")).toEqual(bytes);
    expect(remote.authorizations.every((header) => header.startsWith("AWS4-HMAC-SHA256 Credential=LINLITESTKEY/"))).toBe(true);
  });

  it("deletes an object, and a missing one without complaint", async () => {
    await store.put("case-photos/2026-11/0194.png", Buffer.from([0x89, 0x50]));
    await store.delete("case-photos/2026-11/0194.png");
    expect(remote.objects.has("/linli-files/case-photos/2026-11/0194.png")).toBe(false);
    await store.delete("case-photos/2026-11/0194.png");
    expect(await store.get("case-photos/2026-11/0194.png")).toBeUndefined();
  });

  it("answers undefined for a key it does not hold", async () => {
    expect(await store.get("case-photos/none.png")).toBeUndefined();
  });
});
