import type { Database } from "../../db/client.js";
import type { DivisionRecord } from "./division-source.js";
import { RegionRepository, type RegionRow } from "./region.repository.js";

export interface RegionImportReport {
  /** Divisions the source holds under the prefix. */
  total: number;
  added: number;
  /** Renamed or moved under another parent. */
  updated: number;
  /** Back in the source after having vanished. */
  reactivated: number;
  /** Vanished from the source: kept, marked inactive. */
  deactivated: number;
  unchanged: number;
}

export type ImportProgress = (stage: "reading" | "writing", done: number, total: number) => void;

const batchSize = 2_000;

function* batches<T>(items: readonly T[]): Generator<T[]> {
  for (let start = 0; start < items.length; start += batchSize) yield items.slice(start, start + batchSize);
}

/**
 * Brings the divisions under a prefix in line with a source, in one transaction: new codes are
 * added, changed names updated, vanished codes marked inactive (never deleted: records and
 * scopes refer to them). Running it again with the same source changes nothing.
 */
export class RegionImportService {
  constructor(private readonly db: Database) {}

  async importDivisions(
    source: AsyncIterable<DivisionRecord> | Iterable<DivisionRecord>,
    prefix: string,
    progress: ImportProgress = () => {},
  ): Promise<RegionImportReport> {
    return this.db.transaction(async (tx) => {
      const repository = new RegionRepository(tx);
      const existing = new Map((await repository.snapshot(prefix)).map((row) => [row.code, row]));
      const toInsert: DivisionRecord[] = [];
      const toUpdate: DivisionRecord[] = [];
      const seen = new Set<string>();
      let reactivated = 0;
      for await (const record of source) {
        seen.add(record.code);
        if (seen.size % 10_000 === 0) progress("reading", seen.size, 0);
        const current = existing.get(record.code);
        if (!current) toInsert.push(record);
        else if (!current.active || changed(current, record)) {
          if (!current.active) reactivated += 1;
          toUpdate.push(record);
        }
      }
      const toDeactivate = [...existing.values()].filter((row) => row.active && !seen.has(row.code)).map((row) => row.code);
      const writes = toInsert.length + toUpdate.length + toDeactivate.length;
      let written = 0;
      const step = async (count: number, write: Promise<void>) => {
        await write;
        written += count;
        progress("writing", written, writes);
      };
      for (const batch of batches(toInsert)) await step(batch.length, repository.insertMany(batch));
      for (const batch of batches(toUpdate)) await step(batch.length, repository.updateMany(batch));
      for (const batch of batches(toDeactivate)) await step(batch.length, repository.deactivate(batch));
      return {
        total: seen.size,
        added: toInsert.length,
        updated: toUpdate.length - reactivated,
        reactivated,
        deactivated: toDeactivate.length,
        unchanged: seen.size - toInsert.length - toUpdate.length,
      };
    });
  }
}

function changed(current: Pick<RegionRow, "name" | "parentCode" | "level">, record: DivisionRecord): boolean {
  return current.name !== record.name || current.parentCode !== record.parentCode || current.level !== record.level;
}
