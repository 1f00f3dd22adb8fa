import { execFile } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { freePort } from "../bench-server.js";

const run = promisify(execFile);
const bin = process.env.PG_BIN ?? "/usr/lib/postgresql/15/bin";

/**
 * A throw-away PostgreSQL server of the fault tests' own on loopback, so they may stop and start it:
 * Debian's binaries, run as the `postgres` user when this process is root (initdb refuses root).
 */
export interface PgCluster {
  readonly port: number;
  url(database?: string): string;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Runs one of PostgreSQL's client programs (pg_dump, pg_restore) against this server. */
  tool(program: string, args: string[]): Promise<void>;
  destroy(): Promise<void>;
}

/** Null when PostgreSQL's server programs are not installed here. */
export async function startPgCluster(): Promise<PgCluster | null> {
  if (!existsSync(join(bin, "initdb"))) return null;
  const root = process.getuid?.() === 0;
  const asOwner = (program: string, args: string[]) =>
    root ? run("runuser", ["-u", "postgres", "--", join(bin, program), ...args]) : run(join(bin, program), args);
  const dataDir = mkdtempSync(join(tmpdir(), "linli-faults-pg-"));
  if (root) {
    const { stdout } = await run("id", ["-u", "postgres"]);
    const { stdout: group } = await run("id", ["-g", "postgres"]);
    chownSync(dataDir, Number(stdout.trim()), Number(group.trim()));
  }
  const port = await freePort();
  await asOwner("initdb", ["-D", dataDir, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8"]);
  const options = `-p ${port} -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=100 -c fsync=on`;
  const cluster: PgCluster = {
    port,
    url: (database = "postgres") => `postgres://postgres@127.0.0.1:${port}/${database}`,
    start: async () => {
      await asOwner("pg_ctl", ["-D", dataDir, "-l", join(dataDir, "server.log"), "-w", "-o", options, "start"]);
    },
    stop: async () => {
      await asOwner("pg_ctl", ["-D", dataDir, "-m", "fast", "-w", "stop"]);
    },
    tool: async (program, args) => {
      await run(join(bin, program), args, { maxBuffer: 64 * 2 ** 20 });
    },
    destroy: async () => {
      await cluster.stop().catch(() => {});
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  await cluster.start();
  return cluster;
}

/** Creates an empty database on the cluster. */
export async function createDatabase(cluster: PgCluster, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: cluster.url() });
  await client.connect();
  try {
    await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
  return cluster.url(name);
}
