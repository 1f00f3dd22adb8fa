import { spawn } from "node:child_process";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { type AddressInfo, createServer as createNetServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { PGlite } from "@electric-sql/pglite";
import autocannon from "autocannon";
import pg from "pg";
import { v7 as uuidv7 } from "uuid";
import { loadConfig } from "../config.js";
import { type DatabaseHandle, openDatabase } from "../db/client.js";
import { applyMigrations } from "../db/migrate.js";
import { createPglite } from "../db/pglite.js";
import type { DivisionRecord } from "../modules/regions/division-source.js";
import { RegionImportService } from "../modules/regions/region-import.service.js";
import { rectangle } from "../platform/geo/polygon.js";
import { FieldCipher, parseFieldKeys } from "../platform/privacy/field-cipher.js";
import { createServices } from "../services.js";
import { benchActor, withBenchDatabase } from "./measure.js";
import type { Figure } from "./point-lookup.bench.js";

const connections = 32;
const community = "430405009009";
const benchDatabase = "linli_bench_cases";
const divisions: DivisionRecord[] = [
  { code: "43", level: 1, name: "湖南省", parentCode: null },
  { code: "4304", level: 2, name: "衡阳市", parentCode: "43" },
  { code: "430405", level: 3, name: "珠晖区", parentCode: "4304" },
  { code: "430405009", level: 4, name: "广东路街道", parentCode: "430405" },
  { code: community, level: 5, name: "葵花里社区居委会", parentCode: "430405009" },
];

/** A street lamp reported inside 新葵花苑小区 (in grid 001, routed to its property company). */
const report = JSON.stringify({
  categoryCode: "component.public_facilities.street_lamp",
  description: "3栋门口路灯不亮",
  longitude: 112.632,
  latitude: 26.902,
  address: "3栋门口",
});

/** 葵花里社区 with one drawn compound (with a property company) in one drawn grid. */
async function buildPlaces(database: DatabaseHandle, keys: ReturnType<typeof benchKeys>) {
  await new RegionImportService(database.db).importDivisions(divisions, "43");
  const services = createServices(database.db, { ...loadConfig({}), keys });
  const actor = benchActor("00000000-0000-7000-8000-000000000001", ["43"]);
  const context = { ip: null };
  const compound = await services.compounds.create(
    actor,
    { regionCode: community, name: "新葵花苑小区", address: "", boundary: rectangle(112.63, 26.9, 112.635, 26.905) },
    context,
  );
  await services.compounds.recordProfile(
    actor,
    compound.id,
    {
      effectiveFrom: "2021-06-01",
      propertyManagement: "property_company",
      propertyCompany: "衡阳市新葵花物业服务有限公司",
      guards: true,
      watch24h: true,
      fence: true,
      gate: true,
      smartAccess: true,
      cameras: true,
      ownersCommittee: true,
    },
    context,
  );
  await services.grids.create(
    actor,
    {
      regionCode: community,
      sequence: 1,
      name: "第1网格",
      compoundIds: [compound.id],
      boundary: rectangle(112.628, 26.898, 112.637, 26.907),
    },
    context,
  );
  return compound.id;
}

/** Fresh keys, as the services take them and as the environment gives them to a server process. */
function benchKeys() {
  const fieldKeys = `bench:${randomBytes(32).toString("base64")}`;
  const blindIndexKey = randomBytes(32);
  return {
    cipher: new FieldCipher(parseFieldKeys(fieldKeys)),
    blindIndexKey,
    environment: { FIELD_KEYS: fieldKeys, BLIND_INDEX_KEY: blindIndexKey.toString("base64") },
  };
}

/**
 * The rows one intake writes, as bare SQL with their values as parameters (as any client sends
 * what users typed): the idempotency claim naming the case, the case with its number, its event
 * and the audit row — the same four statements, with the same columns, that Linli sends, in one
 * transaction on the limit side.
 */
function rawIntake(compoundId: string): { text: string; values: unknown[] }[] {
  const id = uuidv7();
  const now = new Date().toISOString();
  const due = new Date(Date.now() + 2 * 3_600_000).toISOString();
  const limits = JSON.stringify({ register: 2, dispatch: 2, handle: 48, verify: 24 });
  const hash = createHash("sha256").update(id).digest("hex");
  return [
    {
      text: `insert into idempotency_keys (owner, key, request_hash, result_id) values ($1, $2, $3, $4)
        on conflict do nothing returning key`,
      values: ["public", randomUUID(), hash, id],
    },
    {
      text: `insert into cases (id, number, tracking_hash, category_code, status, channel, region_code, county_code, grid_code,
        compound_id, pooled, longitude, latitude, address, description, answers, photo_ids, reporter_user_id, reporter_name,
        reporter_phone_sealed, reporter_phone_masked, party_kind, party_name, limits, working_hours, stage, due_at, reported_at)
        values ($1, $2 || '-' || lpad(nextval('case_number_seq')::text, 6, '0'), $3, $4, $5, $6, $7, $8, $9, $10, $11, $12,
        $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28) returning number`,
      values: [
        id,
        now.slice(0, 10).replaceAll("-", ""),
        hash,
        "component.public_facilities.street_lamp",
        "reported",
        "resident",
        community,
        "430405",
        `${community}001`,
        compoundId,
        false,
        112.632,
        26.902,
        "3栋门口",
        "3栋门口路灯不亮",
        "{}",
        "{}",
        null,
        null,
        null,
        null,
        "property_company",
        "衡阳市新葵花物业服务有限公司",
        limits,
        false,
        "register",
        due,
        now,
      ],
    },
    {
      text: `insert into case_events (id, case_id, kind, from_status, to_status, actor_user_id, note, photo_ids, details, occurred_at)
        values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      values: [uuidv7(), id, "reported", null, "reported", null, null, "{}", JSON.stringify({ channel: "resident" }), now],
    },
    {
      text: `insert into audit_events (id, occurred_at, actor_user_id, actor_username, actor_roles, ip, action, entity_type,
        entity_id, result, reason, content_hash) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      values: [uuidv7(), now, null, null, "{}", "127.0.0.1", "cases.reported", "case", id, "success", null, hash],
    },
  ];
}

/** Requests per second of POST /api/public/cases at 32 connections, each with its own Idempotency-Key. */
async function load(port: number, amount: number): Promise<number> {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections,
    amount,
    requests: [
      {
        method: "POST",
        path: "/api/public/cases",
        headers: { "content-type": "application/json" },
        body: report,
        setupRequest: (request) => ({ ...request, headers: { ...request.headers, "idempotency-key": randomUUID() } }),
      },
    ],
  });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`intake failed: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return amount / result.duration;
}

/** A free port on the loopback interface. */
async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * Intake against Linli as it runs in production: its own process (dist/main.js) on the bench
 * database — `DATABASE_URL` for PostgreSQL, `DATA_DIR` for PGlite — so the load generator does
 * not share the server's event loop.
 */
async function httpIntakeOnServer(
  database: Record<string, string>,
  keys: ReturnType<typeof benchKeys>,
  amount: number,
): Promise<number> {
  const port = await freePort();
  const child = spawn(process.execPath, [fileURLToPath(new URL("../main.js", import.meta.url))], {
    env: {
      ...process.env,
      ...keys.environment,
      ...database,
      HOST: "127.0.0.1",
      PORT: String(port),
      DEMO: "off",
      LOG_LEVEL: "silent",
      WEB_DIST: "none",
      PUBLIC_REQUESTS_PER_MINUTE: "1000000",
      CASE_ESCALATION_INTERVAL_SECONDS: "0",
      FILES_DIR: join(tmpdir(), "linli-bench-files"),
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  try {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const ready = await fetch(`http://127.0.0.1:${port}/readyz`)
        .then((response) => response.ok)
        .catch(() => false);
      if (ready) break;
      if (Date.now() > deadline) throw new Error("the bench server did not start within a minute");
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await load(port, warmUp(amount));
    return await load(port, amount);
  } finally {
    child.kill("SIGTERM");
    await exited;
  }
}

/** Both sides first run a sixth as many reports unmeasured, so neither is timed while its code is still cold. */
const warmUp = (amount: number) => Math.ceil(amount / 6);

const perSecond = (value: number) => `${Math.round(value).toLocaleString("en")} /s`;

/**
 * Case intake over HTTP (routing, idempotency, audit, one transaction) against the same rows
 * written raw, on PGlite: Linli on a data directory in its own process, then the raw side in
 * this process on the same directory once the server has let go of it.
 */
export async function benchCaseIntakePglite(amount = 1_500): Promise<Figure> {
  const dataDir = mkdtempSync(join(tmpdir(), "linli-bench-pglite-"));
  try {
    const keys = benchKeys();
    const setup = await openDatabase({ engine: "pglite", dataDir });
    const compoundId = await applyMigrations(setup)
      .then(() => buildPlaces(setup, keys))
      .finally(() => setup.close());
    const http = await httpIntakeOnServer({ DATA_DIR: dataDir }, keys, amount);
    const pglite: PGlite = await createPglite({ dataDir });
    try {
      const sendRaw = async (count: number) => {
        const started = performance.now();
        for (let index = 0; index < count; index += 1)
          await pglite.transaction(async (tx) => {
            for (const statement of rawIntake(compoundId)) await tx.query(statement.text, statement.values);
          });
        return count / ((performance.now() - started) / 1000);
      };
      await sendRaw(warmUp(amount));
      const raw = await sendRaw(amount);
      return {
        name: `case intake on PGlite (${amount.toLocaleString("en")} reports, HTTP at ${connections} connections)`,
        measured: perSecond(http),
        limit: `${perSecond(raw)} (the same rows, one transaction each, straight into PGlite on the same directory)`,
        ratio: http / raw,
        goal: "≥ 0.5",
        met: http / raw >= 0.5,
      };
    } finally {
      await pglite.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The same on PostgreSQL, the limit being node-postgres at the same 32 connections. */
export async function benchCaseIntakePostgres(url: string, amount = 6_000): Promise<Figure> {
  return withBenchDatabase(url, benchDatabase, connections, async (database, target) => {
    const pool = new pg.Pool({ connectionString: target, max: connections });
    try {
      const keys = benchKeys();
      const compoundId = await buildPlaces(database, keys);
      const http = await httpIntakeOnServer({ DATABASE_URL: target }, keys, amount);
      const sendRaw = async (count: number) => {
        let next = 0;
        const started = performance.now();
        await Promise.all(
          Array.from({ length: connections }, async () => {
            const client = await pool.connect();
            try {
              while (next < count) {
                next += 1;
                await client.query("begin");
                // Named, so PostgreSQL parses each once per connection, as Linli's prepared statements are.
                for (const [index, statement] of rawIntake(compoundId).entries())
                  await client.query({ name: `raw_intake_${index}`, text: statement.text, values: statement.values });
                await client.query("commit");
              }
            } finally {
              client.release();
            }
          }),
        );
        return count / ((performance.now() - started) / 1000);
      };
      await sendRaw(warmUp(amount));
      const raw = await sendRaw(amount);
      return {
        name: `case intake on PostgreSQL (${amount.toLocaleString("en")} reports, ${connections} connections)`,
        measured: perSecond(http),
        limit: `${perSecond(raw)} (the same rows, one transaction each, node-postgres at ${connections} connections)`,
        ratio: http / raw,
        goal: "≥ 0.5",
        met: http / raw >= 0.5,
      };
    } finally {
      await pool.end();
    }
  });
}
