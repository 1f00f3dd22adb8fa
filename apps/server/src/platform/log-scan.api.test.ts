import { Writable } from "node:stream";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../app.js";
import { loadConfig } from "../config.js";
import { buildUser } from "../test/builders.js";
import { testKeyEnvironment } from "../test/keys.js";
import { openTestDatabase, type TestDatabase } from "../test/test-database.js";
import { csrfTokenFor } from "./auth/csrf.js";

// Fictitious: valid check digit, made-up person.
const idNumber = "430102199001011236";
const phone = "13812345678";

let database: TestDatabase;
let app: FastifyInstance;
let captured = "";

beforeAll(async () => {
  database = await openTestDatabase();
  const logStream = new Writable({
    write(chunk, _encoding, done) {
      captured += chunk.toString();
      done();
    },
  });
  const config = { ...loadConfig({ LOG_LEVEL: "trace", WEB_DIST: "none", ...testKeyEnvironment }) };
  app = await buildApp({ config, database: database.handle, logStream });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe("logs", () => {
  it("never contain an ID number or a mobile number, wherever a request carries one", async () => {
    const { password } = await buildUser(database.handle.db, { username: "admin", roles: ["system_admin"] });
    const json = { "content-type": "application/json" };
    const requests = [
      {
        method: "POST" as const,
        url: "/api/auth/login",
        headers: json,
        payload: JSON.stringify({ username: idNumber, password: phone }),
      },
      {
        method: "POST" as const,
        url: "/api/auth/login",
        headers: json,
        payload: `{"username": "${idNumber}", "password": ${phone}`,
      },
      {
        method: "POST" as const,
        url: "/api/auth/login",
        headers: json,
        payload: JSON.stringify({ username: "a", password: "b", [phone]: idNumber }),
      },
      { method: "GET" as const, url: `/api/users?q=${idNumber}&phone=${phone}` },
      { method: "GET" as const, url: `/api/residents/${idNumber}/phones/${phone}` },
      { method: "GET" as const, url: "/healthz", headers: { "x-request-id": phone, "accept-language": `${phone};q=9` } },
      { method: "GET" as const, url: `/api/residents?q=${idNumber}` },
      {
        method: "POST" as const,
        url: "/api/residents",
        headers: json,
        payload: JSON.stringify({ name: "测试", idNumber, phone, dwellingId: "01a2258f-bd97-74a6-8f0f-68ce3c9c8a1f" }),
      },
      {
        method: "POST" as const,
        url: "/api/collection/submissions",
        headers: json,
        payload: JSON.stringify({ kind: "register", resident: { name: "测试", idNumber: `${idNumber}9`, phone: `${phone}x` } }),
      },
    ];
    const login = await app.inject({ method: "POST", url: "/api/auth/login", payload: { username: "admin", password } });
    const cookie = `linli_session=${login.cookies[0]?.value}`;
    // Someone who may register residents, so those requests reach the service and its refusals.
    const chief = await buildUser(database.handle.db, {
      username: "chief",
      roles: ["chief_grid_leader"],
      scope: { regions: ["430405009009"], grids: [] },
    });
    const chiefLogin = await app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { username: "chief", password: chief.password },
    });
    const chiefCookie = `linli_session=${chiefLogin.cookies[0]?.value}`;
    for (const request of requests) {
      await app.inject(request);
      for (const session of [cookie, chiefCookie])
        await app.inject({
          ...request,
          headers: { ...request.headers, cookie: session, "x-csrf-token": csrfTokenFor(session.slice(14)) },
        });
    }
    expect(captured.length).toBeGreaterThan(1000); // the requests above were logged
    // Bounded by non-digits, so that pino's 13-digit millisecond timestamps are not mistaken.
    expect(captured.match(/(?<!\d)\d{17}[\dXx](?!\d)/g)).toBeNull();
    expect(captured.match(/(?<!\d)1[3-9]\d{9}(?!\d)/g)).toBeNull();
  });
});
