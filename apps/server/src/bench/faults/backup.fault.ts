import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createPglite } from "../../db/pglite.js";
import type { FaultFigure } from "./fault-figure.js";
import { withQueries } from "./fault-target.js";
import { createDatabase, type PgCluster } from "./pg-cluster.js";

type Query = <R>(text: string, params?: unknown[]) => Promise<R[]>;

/** Every table's row count and a checksum of its rows (order-independent), and every sequence's position. */
async function fingerprint(query: Query): Promise<Map<string, string>> {
  const prints = new Map<string, string>();
  const tables = await query<{ name: string }>(
    "select tablename as name from pg_tables where schemaname = 'public' order by tablename",
  );
  for (const { name } of tables) {
    const [row] = await query<{ n: string; sum: string }>(
      `select count(*)::text as n, coalesce(md5(string_agg(md5(t::text), '' order by md5(t::text))), '') as sum from public."${name}" t`,
    );
    prints.set(name, `${row?.n} rows ${row?.sum}`);
  }
  for (const { name } of await query<{ name: string }>(
    "select sequencename as name from pg_sequences where schemaname = 'public'",
  )) {
    const [row] = await query<{ value: string | null }>(`select last_value::text as value from public."${name}"`);
    prints.set(`sequence ${name}`, String(row?.value));
  }
  return prints;
}

function compare(before: Map<string, string>, after: Map<string, string>): { tables: number; rows: number; differing: string[] } {
  const differing = [...new Set([...before.keys(), ...after.keys()])].filter((name) => before.get(name) !== after.get(name));
  const rows = [...before.values()].reduce((sum, print) => sum + (Number.parseInt(print, 10) || 0), 0);
  return { tables: before.size, rows, differing };
}

const figureOf = (engine: string, how: string, result: ReturnType<typeof compare>): FaultFigure => ({
  name: `backup and restore, ${engine}`,
  figure: `${result.tables} tables and sequences, ${result.rows.toLocaleString("en")} rows; differing after restore: ${result.differing.length}`,
  detail: `${how}${result.differing.length > 0 ? `; differing: ${result.differing.slice(0, 5).join(", ")}` : ""}`,
  goal: "row counts and per-table checksums identical",
  ok: result.differing.length === 0 && result.rows > 0,
});

/** pg_dump (custom format) of a database, pg_restore into a new one, and both compared table by table. */
export async function backupAndRestorePostgres(cluster: PgCluster, url: string): Promise<FaultFigure> {
  const directory = mkdtempSync(join(tmpdir(), "linli-backup-"));
  try {
    const file = join(directory, "linli.dump");
    await cluster.tool("pg_dump", ["--format=custom", `--file=${file}`, `--dbname=${url}`]);
    const restored = await createDatabase(cluster, "faults_restored");
    await cluster.tool("pg_restore", ["--exit-on-error", `--dbname=${restored}`, file]);
    const before = await withQueries({ engine: "postgres", url }, fingerprint);
    const after = await withQueries({ engine: "postgres", url: restored }, fingerprint);
    return figureOf("PostgreSQL", "pg_dump --format=custom, pg_restore into a new database", compare(before, after));
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

/** PGlite's own dump of a data directory (a tarball), loaded into a new instance, and both compared. */
export async function backupAndRestorePglite(dataDir: string): Promise<FaultFigure> {
  const source = await createPglite({ dataDir });
  try {
    const before = await fingerprint(async (text, params) => (await source.query(text, params)).rows as never);
    const dump = await source.dumpDataDir("gzip");
    const restored = await createPglite({ loadDataDir: dump });
    try {
      const after = await fingerprint(async (text, params) => (await restored.query(text, params)).rows as never);
      return figureOf(
        "PGlite",
        `dumpDataDir (gzip, ${(dump.size / 2 ** 20).toFixed(1)} MB) loaded into a new instance`,
        compare(before, after),
      );
    } finally {
      await restored.close();
    }
  } finally {
    await source.close();
  }
}
