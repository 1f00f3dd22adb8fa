import { createHash, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import autocannon from "autocannon";
import pg from "pg";
import { v7 as uuidv7 } from "uuid";
import { openDatabase } from "../db/client.js";
import { applyMigrations } from "../db/migrate.js";
import { createPglite } from "../db/pglite.js";
import { startBenchServer } from "./bench-server.js";
import { type BenchKeys, benchKeys, buildPlaces, community, report } from "./intake-world.js";
import type { Figure } from "./measure.js";
import { withBenchDatabase } from "./measure.js";

const connections = 32;
const benchDatabase = "linli_bench_cases";

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
        values ($1, $2 || '-' || (select lpad(n::text, greatest(6, length(n::text)), '0') from (select nextval('case_number_seq') as n) as next), $3, $4, $5, $6, $7, $8, $9, $10, $11, $12,
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
    // autocannon notices the last answer at its next sample: at its default of a second, a run's
    // duration was rounded up to whole seconds (6,000 reports in 5.1 s counted as 6.01 s).
    sampleInt: 20,
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

/**
 * Intake against Linli as it runs in production: its own process on the bench database —
 * `DATABASE_URL` for PostgreSQL, `DATA_DIR` for PGlite — so the load generator does not share the
 * server's event loop.
 */
async function httpIntakeOnServer(
  database: Record<string, string>,
  keys: BenchKeys,
  amount: number,
): Promise<{ rate: number; peakMb: number | null }> {
  const server = await startBenchServer({ ...keys.environment, ...database });
  try {
    await load(server.port, warmUp(amount));
    const rate = await load(server.port, amount);
    return { rate, peakMb: server.peakMemoryMb() };
  } finally {
    await server.stop();
  }
}

/** The server process's resident-memory high-water mark over the intake, against a small server's share (1 GB). */
function memoryFigure(peakMb: number | null, engine: string): Figure {
  return {
    name: `peak memory of the server process over the intake, ${engine}`,
    measured: peakMb === null ? "not measured (no /proc here)" : `${peakMb.toFixed(0)} MB`,
    limit: "1,024 MB (a small server's share)",
    ratio: (peakMb ?? 0) / 1024,
    goal: "≤ 1 GB",
    met: peakMb !== null && peakMb <= 1024,
  };
}

/** Both sides first run a sixth as many reports unmeasured, so neither is timed while its code is still cold. */
const warmUp = (amount: number) => Math.ceil(amount / 6);

const perSecond = (value: number) => `${Math.round(value).toLocaleString("en")} /s`;

/**
 * Case intake over HTTP (routing, idempotency, audit, one transaction) against the same rows
 * written raw, on PGlite: Linli on a data directory in its own process, then the raw side in
 * this process on the same directory once the server has let go of it.
 */
export async function benchCaseIntakePglite(amount = 1_500): Promise<Figure[]> {
  const dataDir = mkdtempSync(join(tmpdir(), "linli-bench-pglite-"));
  try {
    const keys = benchKeys();
    const setup = await openDatabase({ engine: "pglite", dataDir });
    const compoundId = await applyMigrations(setup)
      .then(() => buildPlaces(setup, keys))
      .finally(() => setup.close());
    const { rate: http, peakMb } = await httpIntakeOnServer({ DATA_DIR: dataDir }, keys, amount);
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
      return [
        {
          name: `case intake on PGlite (${amount.toLocaleString("en")} reports, HTTP at ${connections} connections)`,
          measured: perSecond(http),
          limit: `${perSecond(raw)} (the same rows, one transaction each, straight into PGlite on the same directory)`,
          ratio: http / raw,
          goal: "≥ 0.5",
          met: http / raw >= 0.5,
        },
        memoryFigure(peakMb, "PGlite"),
      ];
    } finally {
      await pglite.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * The same on PostgreSQL, the limit being node-postgres at the same 32 connections, each
 * transaction's statements sent one after another as the driver sends them by default. Linli
 * writes its intake in one pipeline (`db/one-trip.ts`); the same transaction pipelined raw is
 * reported beside it, so that what the pipeline itself gains is in the table too.
 */
export async function benchCaseIntakePostgres(url: string, amount = 6_000): Promise<Figure[]> {
  return withBenchDatabase(url, benchDatabase, connections, async (database, target) => {
    const pool = new pg.Pool({ connectionString: target, max: connections, pipeline: true });
    try {
      const keys = benchKeys();
      const compoundId = await buildPlaces(database, keys);
      const { rate: http, peakMb } = await httpIntakeOnServer({ DATABASE_URL: target }, keys, amount);
      const sendRaw = async (count: number, mode: "one by one" | "pipelined") => {
        let next = 0;
        const started = performance.now();
        await Promise.all(
          Array.from({ length: connections }, async () => {
            const client = await pool.connect();
            try {
              while (next < count) {
                next += 1;
                // Named, so PostgreSQL parses each once per connection, as Linli's prepared statements are.
                const statements = rawIntake(compoundId).map((statement, index) => ({
                  name: `raw_intake_${index}`,
                  ...statement,
                }));
                if (mode === "one by one") {
                  await client.query("begin");
                  for (const statement of statements) await client.query(statement);
                  await client.query("commit");
                } else {
                  client.connection.stream.cork();
                  const sent = [
                    client.query("begin"),
                    ...statements.map((statement) => client.query(statement)),
                    client.query("commit"),
                  ];
                  client.connection.stream.uncork();
                  await Promise.all(sent);
                }
              }
            } finally {
              client.release();
            }
          }),
        );
        return count / ((performance.now() - started) / 1000);
      };
      await sendRaw(warmUp(amount), "one by one");
      const raw = await sendRaw(amount, "one by one");
      await sendRaw(warmUp(amount), "pipelined");
      const pipelinedRaw = await sendRaw(amount, "pipelined");
      return [
        {
          name: `case intake on PostgreSQL (${amount.toLocaleString("en")} reports, ${connections} connections)`,
          measured: perSecond(http),
          limit: `${perSecond(raw)} (the same rows, one transaction each, node-postgres at ${connections} connections)`,
          ratio: http / raw,
          goal: "≥ 0.5",
          met: http / raw >= 0.5,
        },
        {
          name: "case intake on PostgreSQL, against the raw transaction pipelined too",
          measured: perSecond(http),
          limit: `${perSecond(pipelinedRaw)} (the same transaction written at once, node-postgres pipelining, ${connections} connections)`,
          ratio: http / pipelinedRaw,
          goal: "reported",
          met: true,
        },
        memoryFigure(peakMb, "PostgreSQL"),
      ];
    } finally {
      await pool.end();
    }
  });
}
