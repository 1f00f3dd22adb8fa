import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { v7 as uuidv7 } from "uuid";
import { loadConfig } from "../config.js";
import { openDatabase } from "../db/client.js";
import { applyMigrations, rowsOf } from "../db/migrate.js";
import { createPglite } from "../db/pglite.js";
import { residents } from "../db/schema.js";
import { SensitiveFields } from "../modules/people/sensitive-fields.js";
import { FieldCipher, parseFieldKeys } from "../platform/privacy/field-cipher.js";
import { createServices } from "../services.js";
import { benchActor, fictitiousIdNumber, seeded, time } from "./measure.js";
import type { Figure } from "./point-lookup.bench.js";

const community = "430405009009";
const surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许邓冯韩曹";
const given = ["建国", "秀英", "志强", "桂兰", "伟", "敏", "国庆", "丽", "文军", "静", "浩然", "欣怡", "子轩", "雨桐"];

function percentile(values: number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? Number.NaN;
}

/**
 * Resident lookup on the embedded database with `count` residents: by full ID number through the
 * service (blind index, scope filter, masking) against the raw indexed SELECT of the same rows; and
 * name-prefix search in one community, p95 against that lookup.
 */
export async function benchResidentLookup(count = 50_000, lookups = 2_000): Promise<Figure[]> {
  const database = await openDatabase({ engine: "pglite", pglite: await createPglite() });
  try {
    await applyMigrations(database);
    const keys = {
      cipher: new FieldCipher(parseFieldKeys(`bench:${randomBytes(32).toString("base64")}`)),
      blindIndexKey: randomBytes(32),
    };
    const sensitive = new SensitiveFields(keys);
    const random = seeded(6_650_000);
    const idNumbers: string[] = [];
    const names: string[] = [];
    for (let start = 0; start < count; start += 1000) {
      const batch = [];
      for (let index = start; index < Math.min(count, start + 1000); index += 1) {
        const idNumber = fictitiousIdNumber(index);
        const name =
          (surnames[Math.floor(random() * surnames.length)] ?? "王") + (given[Math.floor(random() * given.length)] ?? "伟");
        idNumbers.push(idNumber);
        names.push(name);
        const protectedId = sensitive.protect("id_number", idNumber);
        batch.push({
          id: uuidv7(),
          regionCode: index % 4 === 0 ? "430405009010" : community,
          gridCode: `${community}001`,
          name,
          idNumberSealed: protectedId.sealed,
          idNumberIndex: protectedId.index,
          idNumberMasked: protectedId.masked,
          registration: "local",
          relation: "head",
          livingStatus: "present",
        });
      }
      await database.db.insert(residents).values(batch);
    }
    await database.db.execute(sql`analyze residents`);
    const services = createServices(database.db, { ...loadConfig({}), keys });
    const actor = benchActor("00000000-0000-7000-8000-000000000000", [community]);
    const asked = Array.from({ length: lookups }, () => idNumbers[Math.floor(random() * idNumbers.length)] ?? "");
    const context = { ip: null };
    let found = 0;
    const service = async () => {
      for (const idNumber of asked)
        found += (await services.residents.search(actor, { q: idNumber, limit: 50 }, context)).items.length;
    };
    // The raw side: the same row by the same index, in the same scope; no keyed hash, no masking.
    const raw = async () => {
      for (const idNumber of asked) {
        const index = sensitive.indexOf("id_number", idNumber);
        found += rowsOf(
          await database.db.execute(
            sql`select * from residents where id_number_index = ${index} and region_code like ${`${community}%`}`,
          ),
        ).length;
      }
    };
    await service();
    await raw();
    const serviceTimes: number[] = [];
    const rawTimes: number[] = [];
    for (let round = 0; round < 5; round += 1) {
      rawTimes.push(await time(raw));
      serviceTimes.push(await time(service));
    }
    const median = (values: number[]) => percentile(values, 0.5);
    const perLookup = (ms: number) => (ms * 1000) / lookups;
    const lookupMicros = perLookup(median(serviceTimes));
    const rawMicros = perLookup(median(rawTimes));

    const prefixes = Array.from({ length: 300 }, () => (names[Math.floor(random() * names.length)] ?? "王").slice(0, 2));
    const searchTimes: number[] = [];
    for (const prefix of prefixes)
      searchTimes.push(
        await time(async () => {
          await services.residents.search(actor, { q: prefix, region: community, limit: 50 }, context);
        }),
      );
    const p95Micros = percentile(searchTimes, 0.95) * 1000;
    const p50Micros = percentile(searchTimes, 0.5) * 1000;
    const figures: Figure[] = [
      {
        name: `resident by full ID number, ${count.toLocaleString("en")} residents, PGlite, ${lookups.toLocaleString("en")} lookups`,
        measured: `${lookupMicros.toFixed(0)} µs per lookup (${Math.round(1e6 / lookupMicros)}/s)`,
        limit: `${rawMicros.toFixed(0)} µs (${Math.round(1e6 / rawMicros)}/s), raw indexed SELECT`,
        ratio: rawMicros / lookupMicros,
        goal: "≥ 0.5 × the raw throughput",
        met: rawMicros / lookupMicros >= 0.5,
        note: found > 0 ? undefined : "no lookup found its resident: the bench is broken",
      },
      {
        name: `name-prefix search in one community (50 per page), ${count.toLocaleString("en")} residents, PGlite`,
        measured: `p95 ${(p95Micros / 1000).toFixed(2)} ms (p50 ${(p50Micros / 1000).toFixed(2)} ms)`,
        limit: `${(lookupMicros / 1000).toFixed(2)} ms, the ID lookup above`,
        ratio: p95Micros / lookupMicros,
        goal: "p95 < 10 × the ID lookup",
        met: p95Micros / lookupMicros < 10,
      },
    ];
    return figures;
  } finally {
    await database.close();
  }
}
