import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { idCheckCharacter, permissions } from "@linli/contracts";
import pg from "pg";
import { type DatabaseHandle, openDatabase } from "../db/client.js";
import { applyMigrations } from "../db/migrate.js";
import type { Actor } from "../platform/auth/actor.js";

/** One line of docs/benchmarks.md: a hot path's figure, the limit it is measured against, their ratio and the goal. */
export interface Figure {
  name: string;
  measured: string;
  limit: string;
  ratio: number;
  goal: string;
  met: boolean;
  note?: string;
}

/** Median of several timed rounds, alternating the two sides so drift on a shared machine hits both. */
export async function compare(
  rounds: number,
  subject: () => Promise<void> | void,
  baseline: () => Promise<void> | void,
): Promise<{ subjectMs: number; baselineMs: number; ratio: number }> {
  const subjectTimes: number[] = [];
  const baselineTimes: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    baselineTimes.push(await time(baseline));
    subjectTimes.push(await time(subject));
  }
  const subjectMs = median(subjectTimes);
  const baselineMs = median(baselineTimes);
  return { subjectMs, baselineMs, ratio: subjectMs / baselineMs };
}

export async function time(work: () => Promise<void> | void): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** A deterministic pseudo-random sequence (mulberry32), so every run asks the same questions. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The acting user of a bench: every permission, in the given scope. */
export function benchActor(userId: string, regions: string[]): Actor {
  return {
    userId,
    username: "bench",
    displayName: "bench",
    roles: [],
    permissions: [...permissions],
    scope: { regions, grids: [] },
    twoFactor: { enabled: false, required: false },
    mustChangePassword: false,
  };
}

/**
 * The `index`-th of a run of distinct fictitious ID numbers of a county: birth year, month, day
 * and sequence all follow from the index (unique for the first 960,000), check character valid.
 */
export function fictitiousIdNumber(index: number, county = "430405"): string {
  const first17 = `${county}${1940 + (index % 80)}${String((index % 12) + 1).padStart(2, "0")}${String((Math.floor(index / 12) % 28) + 1).padStart(2, "0")}${String(Math.floor(index / 960) % 1000).padStart(3, "0")}`;
  return first17 + idCheckCharacter(first17);
}

/**
 * Runs `work` on a throw-away, migrated database `name` of the PostgreSQL server at `url`
 * (created afresh, dropped afterwards), opened with `poolSize` connections.
 */
export async function withBenchDatabase<T>(
  url: string,
  name: string,
  poolSize: number,
  work: (database: DatabaseHandle, url: string) => Promise<T>,
): Promise<T> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${name}`);
    await admin.query(`create database ${name}`);
    const target = new URL(url);
    target.pathname = `/${name}`;
    const database = await openDatabase({ engine: "postgres", url: target.toString(), poolSize });
    try {
      await applyMigrations(database);
      return await work(database, target.toString());
    } finally {
      await database.close();
      await admin.query(`drop database if exists ${name}`);
    }
  } finally {
    await admin.end();
  }
}

/** Writes a document of docs/ in the repository's own format (aligned tables), so that `npm run check` passes on it. */
export function writeDocument(path: string, text: string): void {
  writeFileSync(path, text);
  execFileSync(
    process.execPath,
    [createRequire(import.meta.url).resolve("@biomejs/biome/bin/biome"), "format", "--write", path],
    {
      stdio: "ignore",
    },
  );
}
