import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Problem } from "@linli/contracts";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect } from "vitest";
import { buildApp } from "../app.js";
import { type Config, loadConfig } from "../config.js";
import type { DatabaseHandle } from "../db/client.js";
import { csrfTokenFor } from "../platform/auth/csrf.js";
import { buildUser } from "./builders.js";
import { testKeyEnvironment } from "./keys.js";
import { openTestDatabase, type TestDatabase } from "./test-database.js";
import { hasTotp, nextTotpCode } from "./totp.js";

/** The real application on a test database, silent, serving the API only. */
export async function buildTestApp(
  database: DatabaseHandle,
  options: { now?: () => Date; config?: Partial<Config> } = {},
): Promise<FastifyInstance> {
  const config = {
    ...loadConfig({
      LOG_LEVEL: "silent",
      WEB_DIST: "none",
      LOGIN_ATTEMPTS_PER_MINUTE: "10000",
      FILES_DIR: join(tmpdir(), "linli-test-files"),
      ...testKeyEnvironment,
    }),
    ...options.config,
  };
  const app = await buildApp({ config, database, now: options.now });
  await app.ready();
  return app;
}

/**
 * Signs in through the API and returns the Cookie header for later requests; an account built
 * with a second factor also sends its authenticator's next code.
 */
export async function signIn(app: FastifyInstance, username: string, password: string): Promise<string> {
  const totpCode = hasTotp(username) ? await nextTotpCode(username) : undefined;
  const response = await app.inject({ method: "POST", url: "/api/auth/login", payload: { username, password, totpCode } });
  if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.statusCode} ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === "linli_session");
  if (!cookie) throw new Error("no session cookie");
  return `linli_session=${cookie.value}`;
}

/** Headers of a signed-in browser: the session cookie and the CSRF token our pages echo. */
export function sessionHeaders(cookie: string): { cookie: string; "x-csrf-token": string } {
  return { cookie, "x-csrf-token": csrfTokenFor(cookie.replace(/^linli_session=/, "")) };
}

/**
 * For a test file: one test database and the app on it, opened before its tests and closed after
 * them. Read `context.app` and `context.database` inside tests and hooks.
 */
export function useTestApp(options: { config?: Partial<Config> } = {}): { app: FastifyInstance; database: TestDatabase } {
  const context = {} as { app: FastifyInstance; database: TestDatabase };
  beforeAll(async () => {
    context.database = await openTestDatabase();
    context.app = await buildTestApp(context.database.handle, options);
  });
  afterAll(async () => {
    await context.app?.close();
    await context.database?.close();
  });
  return context;
}

/** Builds an account (see `buildUser`) and signs it in; returns the Cookie header. */
export async function signInNewUser(
  context: { app: FastifyInstance; database: TestDatabase },
  overrides: Parameters<typeof buildUser>[1] & { username: string },
): Promise<string> {
  const { password } = await buildUser(context.database.handle.db, overrides);
  return signIn(context.app, overrides.username, password);
}

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** A request from a signed-in browser (the session and its CSRF token), with a JSON body if given. */
export function send(app: FastifyInstance, session: string, method: Method, url: string, payload?: object) {
  return app.inject({ method, url, headers: sessionHeaders(session), ...(payload ? { payload } : {}) });
}

/** The same, expecting success: fails the test with the answer's body otherwise; returns the parsed body. */
export async function ok<T>(app: FastifyInstance, session: string, method: Method, url: string, payload?: object): Promise<T> {
  const response = await send(app, session, method, url, payload);
  expect(response.statusCode, response.body).toBeLessThan(300);
  return (response.body ? response.json() : undefined) as T;
}

/** `send` and `ok` bound to a test file's app (read when called, after the file's hooks opened it). */
export function requestsOf(context: { app: FastifyInstance }) {
  return {
    send: (session: string, method: Method, url: string, payload?: object) => send(context.app, session, method, url, payload),
    ok: <T>(session: string, method: Method, url: string, payload?: object) => ok<T>(context.app, session, method, url, payload),
  };
}

/** A problem's field errors as "field code", the way a form shows them. */
export function errorsOf(response: { json: () => unknown }): string[] | undefined {
  return (response.json() as Problem).errors?.map(({ field, code }) => `${field} ${code}`);
}
