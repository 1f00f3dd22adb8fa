import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import type { FastifyInstance } from "fastify";
import type { OpenAPIV3 } from "openapi-types";
import { generate } from "otplib";
import { v7 as uuidv7 } from "uuid";
import { buildApp } from "../../app.js";
import { loadConfig } from "../../config.js";
import { type DatabaseHandle, openDatabase } from "../../db/client.js";
import { applyMigrations } from "../../db/migrate.js";
import { IdentityRepository } from "../../modules/identity/identity.repository.js";
import { hashPassword } from "../../modules/identity/password.js";
import { newTotpSecret } from "../../modules/identity/two-factor.js";
import { csrfTokenFor } from "../../platform/auth/csrf.js";
import { loadPrivacyKeys } from "../../platform/privacy/keys.js";
import { createServices } from "../../services.js";
import { benchKeys, buildPlaces } from "../intake-world.js";
import type { FaultFigure } from "./fault-figure.js";

const methods = ["get", "post", "put", "patch", "delete"] as const;
/** Operations left out: signing out would end the fuzzer's own session. */
const leftOut = new Set(["post /api/auth/logout"]);

/** Strings a careless or hostile client sends: empty, control and direction characters, astral and lone surrogates, injections, numbers as text, huge. */
const oddString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 20 }),
  fc.constantFrom(
    "",
    " ",
    "\u0000",
    "\u202e\u202d",
    "𠀀𠀁",
    "\ud800",
    "'; drop table residents; --",
    "../../etc/passwd",
    "%00",
    "null",
    "NaN",
    "-1",
    "1e309",
    "9".repeat(400),
    "x".repeat(100_000),
  ),
);
const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  oddString,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.oneof(oddString, fc.integer()), { maxLength: 3 }),
  fc.dictionary(oddString, oddString, { maxKeys: 3 }),
);
const pathValue = fc.oneof(
  fc.uuid().map(String),
  oddString.filter((text) => text.length < 2000),
  fc.constantFrom("430405009009", "430405009009001", "0", "-1"),
);

/** Percent-encoded, lone surrogates first replaced (a URL or header cannot carry them; the body can). */
const encode = (text: string) =>
  encodeURIComponent(text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd"));

interface FuzzRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string;
}

/** Requests for one operation: wrong types, missing and extra fields, odd and huge strings, in its path, query and body. */
function requestsFor(
  path: string,
  method: string,
  operation: OpenAPIV3.OperationObject,
  components: OpenAPIV3.ComponentsObject,
  count: number,
  seed: number,
): FuzzRequest[] {
  const parameters = (operation.parameters ?? []) as OpenAPIV3.ParameterObject[];
  const query = parameters.filter((parameter) => parameter.in === "query").map((parameter) => parameter.name);
  const content = (operation.requestBody as OpenAPIV3.RequestBodyObject | undefined)?.content ?? {};
  const multipart = Object.keys(content).some((type) => type.startsWith("multipart/"));
  let schema = content["application/json"]?.schema as OpenAPIV3.SchemaObject | OpenAPIV3.ReferenceObject | undefined;
  if (schema && "$ref" in schema)
    schema = components.schemas?.[schema.$ref.split("/").at(-1) ?? ""] as OpenAPIV3.SchemaObject | undefined;
  const properties = Object.keys((schema as OpenAPIV3.SchemaObject | undefined)?.properties ?? {});
  const body: fc.Arbitrary<unknown> = fc.oneof(
    { weight: 5, arbitrary: fc.record(Object.fromEntries(properties.map((name) => [name, wrongValue])), { requiredKeys: [] }) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(
          fc.record(Object.fromEntries(properties.map((name) => [name, wrongValue])), { requiredKeys: [] }),
          oddString,
          wrongValue,
        )
        .map(([record, key, value]) => ({ ...record, [key]: value })),
    },
    { weight: 1, arbitrary: fc.anything({ maxDepth: 2 }) },
  );
  const request = fc.record({
    path: fc.array(pathValue, { minLength: 4, maxLength: 4 }),
    query: fc.record(Object.fromEntries(query.map((name) => [name, oddString])), { requiredKeys: [] }),
    extraQuery: fc.option(fc.tuple(oddString, oddString)),
    body,
    raw: fc.option(fc.constantFrom("{", "[1,", "\u0000", "null", '{"a":'), { freq: 8 }),
    idempotencyKey: fc.option(oddString.filter((text) => text.length < 300)),
  });
  return fc.sample(request, { numRuns: count, seed }).map((sample) => {
    let index = 0;
    const filled = path.replace(/\{[^}]+\}/g, () => encode(sample.path[index++ % 4] ?? ""));
    const search = new URLSearchParams();
    for (const [name, value] of Object.entries(sample.query)) search.append(name, String(value));
    if (sample.extraQuery) search.append(sample.extraQuery[0], sample.extraQuery[1]);
    const headers: Record<string, string> = {};
    if (sample.idempotencyKey !== null) headers["idempotency-key"] = encode(sample.idempotencyKey);
    const url = `${filled}${search.size > 0 ? `?${search}` : ""}`;
    if (method === "get" || method === "delete") return { method, url, headers };
    if (multipart)
      return {
        method,
        url,
        headers: { ...headers, "content-type": "multipart/form-data; boundary=fuzz" },
        payload: sample.raw ?? JSON.stringify(sample.body) ?? "",
      };
    return {
      method,
      url,
      headers: { ...headers, "content-type": "application/json" },
      payload: sample.raw ?? JSON.stringify(sample.body) ?? "null",
    };
  });
}

async function signIn(
  app: FastifyInstance,
  username: string,
  password: string,
  totpSecret?: string,
): Promise<Record<string, string>> {
  const totpCode = totpSecret ? await generate({ secret: totpSecret }) : undefined;
  const response = await app.inject({ method: "POST", url: "/api/auth/login", payload: { username, password, totpCode } });
  const cookie = response.cookies.find((candidate) => candidate.name === "linli_session");
  if (!cookie) throw new Error(`fuzz sign-in failed: ${response.statusCode}`);
  return { cookie: `linli_session=${cookie.value}`, "x-csrf-token": csrfTokenFor(cookie.value) };
}

async function addAccount(
  handle: DatabaseHandle,
  username: string,
  roles: string[],
  regions: string[],
  password: string,
  totpSecret?: string,
) {
  await new IdentityRepository(handle.db).insertUser({
    ...(totpSecret ? { totpSecret, totpEnabledAt: new Date() } : {}),
    id: uuidv7(),
    username,
    displayName: username,
    roles,
    regionScopes: regions,
    gridScopes: [],
    passwordHash: await hashPassword(password),
    passwordChangedAt: new Date(),
  });
}

/**
 * Every operation of /api/openapi.json sent fast-check's wrong types, missing and extra fields,
 * huge strings and odd Unicode — as a city administrator, a grid leader, a system administrator and anonymously — through
 * the whole HTTP pipeline on a real database (PGlite). No answer may be a 5xx, and the audit chain
 * must verify afterwards.
 */
export async function fuzzOperations(total = 10_000, seed = 20261130): Promise<FaultFigure> {
  const dataDir = mkdtempSync(join(tmpdir(), "linli-fuzz-"));
  const keys = benchKeys();
  const handle = await openDatabase({ engine: "pglite", dataDir });
  const config = loadConfig({
    ...keys.environment,
    DATA_DIR: dataDir,
    LOG_LEVEL: "silent",
    WEB_DIST: "none",
    DEMO: "off",
    LOGIN_ATTEMPTS_PER_MINUTE: "10000",
    PUBLIC_REQUESTS_PER_MINUTE: "1000000",
    FILES_DIR: join(dataDir, "files"),
  });
  let app: FastifyInstance | undefined;
  try {
    await applyMigrations(handle);
    await buildPlaces(handle, keys);
    const password = "Fuzz-Pass-2026";
    await addAccount(handle, "fuzz.city", ["city_admin"], ["4304"], password);
    await addAccount(handle, "fuzz.leader", ["grid_leader"], ["430405009009"], password);
    // The system administrator (two-factor by rule) reaches what only they may: accounts, roles, API clients.
    const totpSecret = newTotpSecret();
    await addAccount(handle, "fuzz.sysadmin", ["system_admin"], ["*"], password, totpSecret);
    app = await buildApp({ config, database: handle });
    await app.ready();
    const sessions = [
      await signIn(app, "fuzz.city", password),
      await signIn(app, "fuzz.leader", password),
      await signIn(app, "fuzz.sysadmin", password, totpSecret),
      {},
    ];
    const document = (await app.inject({ method: "GET", url: "/api/openapi.json" })).json<OpenAPIV3.Document>();
    const operations = Object.entries(document.paths).flatMap(([path, item]) =>
      methods.flatMap((method) =>
        item?.[method] && !leftOut.has(`${method} ${path}`)
          ? [{ path, method, operation: item[method] as OpenAPIV3.OperationObject }]
          : [],
      ),
    );
    const perOperation = Math.ceil(total / operations.length);
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    let sent = 0;
    for (const [index, { path, method, operation }] of operations.entries()) {
      for (const [number, request] of requestsFor(
        path,
        method,
        operation,
        document.components ?? {},
        perOperation,
        seed + index,
      ).entries()) {
        const session = sessions[number % sessions.length] ?? {};
        const response = await app.inject({
          method: request.method.toUpperCase() as "GET",
          url: request.url,
          headers: { ...session, ...request.headers },
          payload: request.payload,
        });
        sent += 1;
        statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
        if (response.statusCode >= 500)
          failures.push(`${response.statusCode} ${method.toUpperCase()} ${path}: ${response.body.slice(0, 200)}`);
      }
    }
    const services = createServices(handle.db, { ...config, keys: loadPrivacyKeys(config.privacy, "pglite") });
    while ((await services.audit.seal()) > 0);
    const chain = await services.audit.verify();
    for (const failure of failures.slice(0, 10)) process.stdout.write(`     ${failure}\n`);
    return {
      name: `fuzzing every operation of /api/openapi.json (${operations.length} operations)`,
      figure: `${sent.toLocaleString("en")} requests, 5xx ${failures.length}, audit chain ${chain.firstBroken ? "BROKEN" : `intact (${chain.sealed.toLocaleString("en")} rows)`}`,
      detail: `wrong types, missing and extra fields, huge strings, odd Unicode, malformed JSON; as a city administrator, a grid leader, a system administrator and anonymously, on PGlite; answers: ${[
        ...statuses.entries(),
      ]
        .sort(([a], [b]) => a - b)
        .map(([status, times]) => `${status} ×${times.toLocaleString("en")}`)
        .join(", ")}`,
      goal: "≥ 10,000 requests, 5xx = 0, chain verifies",
      ok: sent >= total && failures.length === 0 && !chain.firstBroken,
    };
  } finally {
    await app?.close();
    await handle.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
