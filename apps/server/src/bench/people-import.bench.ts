import { randomBytes } from "node:crypto";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ResidentFileColumn } from "@linli/contracts";
import { sql } from "drizzle-orm";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { v7 as uuidv7 } from "uuid";
import { loadConfig } from "../config.js";
import { type DatabaseHandle, openDatabase } from "../db/client.js";
import { applyMigrations } from "../db/migrate.js";
import { createPglite } from "../db/pglite.js";
import { residents, users } from "../db/schema.js";
import { TableRows } from "../gen/table-rows.js";
import { BuildingRepository } from "../modules/grids/building.repository.js";
import { CompoundRepository } from "../modules/grids/compound.repository.js";
import { residentsWorkbook } from "../modules/people/people-file.js";
import { SensitiveFields } from "../modules/people/sensitive-fields.js";
import { FieldCipher, parseFieldKeys } from "../platform/privacy/field-cipher.js";
import { createServices } from "../services.js";
import type { Figure } from "./measure.js";
import { benchActor, fictitiousIdNumber, time, withBenchDatabase } from "./measure.js";

const community = "430405009009";

/** Rows of `residents` as the bench writes them on the limit side: sealed values computed beforehand. */
type PreparedResident = typeof residents.$inferInsert;
type BulkWrite = (database: DatabaseHandle, rows: PreparedResident[]) => Promise<void>;

/** PGlite has no COPY from a client stream: its fastest bulk path, multi-row INSERTs of 500 in one transaction, stands in. */
const multiRowInsert: BulkWrite = async (database, rows) => {
  await database.db.transaction(async (tx) => {
    for (let start = 0; start < rows.length; start += 500) await tx.insert(residents).values(rows.slice(start, start + 500));
  });
};

/** PostgreSQL's COPY of the same rows, in one transaction, through node-postgres. */
const copyInto =
  (url: string): BulkWrite =>
  async (_database, rows) => {
    const table = new TableRows("residents", [
      "id",
      "region_code",
      "dwelling_id",
      "name",
      "id_number_sealed",
      "id_number_index",
      "id_number_masked",
      "phone_sealed",
      "phone_index",
      "phone_masked",
      "registration",
      "living_status",
    ]);
    for (const row of rows)
      table.add(
        row.id,
        row.regionCode,
        row.dwellingId,
        row.name,
        row.idNumberSealed,
        row.idNumberIndex,
        row.idNumberMasked,
        row.phoneSealed,
        row.phoneIndex,
        row.phoneMasked,
        row.registration,
        row.livingStatus,
      );
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query("begin");
      await pipeline(Readable.from([table.toCopyText()]), client.query(copyFrom(table.copyStatement)));
      await client.query("commit");
    } finally {
      await client.end();
    }
  };

/**
 * A community's residents imported from the workbook (parsing, checking every row, households,
 * history, one transaction) against a bulk write of the same resident rows, sealed values computed
 * beforehand: PostgreSQL's COPY (the limit), or on PGlite its fastest bulk path.
 */
export async function benchPeopleImport(households = 1_500): Promise<Figure> {
  const database = await openDatabase({ engine: "pglite", pglite: await createPglite() });
  try {
    await applyMigrations(database);
    return await measureImport(database, multiRowInsert, "PGlite", "bare multi-row INSERT", households);
  } finally {
    await database.close();
  }
}

export async function benchPeopleImportPostgres(url: string, households = 1_500): Promise<Figure> {
  return withBenchDatabase(url, "linli_bench_import", 2, (database, target) =>
    measureImport(database, copyInto(target), "PostgreSQL", "COPY of the same rows", households),
  );
}

async function measureImport(
  database: DatabaseHandle,
  bulk: BulkWrite,
  engine: string,
  limitName: string,
  households: number,
): Promise<Figure> {
  const keys = {
    cipher: new FieldCipher(parseFieldKeys(`bench:${randomBytes(32).toString("base64")}`)),
    blindIndexKey: randomBytes(32),
  };
  const userId = uuidv7();
  await database.db.insert(users).values({ id: userId, username: "bench", displayName: "bench", passwordHash: "x", roles: [] });
  const compound = await new CompoundRepository(database.db).insert({
    id: uuidv7(),
    regionCode: community,
    countyCode: community.slice(0, 6),
    name: "基准小区",
  });
  const buildings = new BuildingRepository(database.db);
  const building = await buildings.insertBuilding(
    { id: uuidv7(), compoundId: compound.id, regionCode: community, name: "1栋" },
    [],
  );
  const dwellingIds: string[] = [];
  for (let number = 1; number <= households; number += 1) {
    const dwelling = await buildings.insertDwelling({
      id: uuidv7(),
      compoundId: compound.id,
      buildingId: building.id,
      regionCode: community,
      number: String(number),
      floorArea: 80,
    });
    dwellingIds.push(dwelling.id);
  }
  const rows: Partial<Record<ResidentFileColumn, string>>[] = [];
  for (let household = 0; household < households; household += 1)
    for (let member = 0; member < 3; member += 1) {
      const index = household * 3 + member;
      rows.push({
        householdKey: String(household),
        relation: member === 0 ? "户主" : member === 1 ? "配偶" : "子女",
        name: `居民${index}`,
        idNumber: fictitiousIdNumber(index),
        phone: `139${String(index).padStart(8, "0")}`,
        compound: "基准小区",
        building: "1栋",
        number: String(household + 1),
      });
    }
  const workbook = await residentsWorkbook(rows);
  const services = createServices(database.db, { ...loadConfig({}), keys });
  const actor = benchActor(userId, [community]);
  const sensitive = new SensitiveFields(keys);
  const prepared = rows.map((row, index) => {
    const id = sensitive.protect("id_number", row.idNumber ?? "");
    const phone = sensitive.protect("phone", row.phone ?? "");
    return {
      id: uuidv7(),
      regionCode: community,
      dwellingId: dwellingIds[Math.floor(index / 3)] ?? null,
      name: row.name ?? "",
      idNumberSealed: id.sealed,
      idNumberIndex: id.index,
      idNumberMasked: id.masked,
      phoneSealed: phone.sealed,
      phoneIndex: phone.index,
      phoneMasked: phone.masked,
      registration: "local",
      livingStatus: "present",
    };
  });
  const clear = async () => {
    for (const table of ["resident_events", "residents", "households"])
      await database.db.execute(sql.raw(`delete from ${table}`));
  };
  const importTimes: number[] = [];
  const insertTimes: number[] = [];
  for (let round = 0; round < 3; round += 1) {
    await clear();
    insertTimes.push(await time(() => bulk(database, prepared)));
    await clear();
    importTimes.push(
      await time(async () => {
        const report = await services.peopleFiles.import(actor, community, workbook, false, { ip: null });
        if (report.created !== rows.length) throw new Error(`the import created ${report.created} of ${rows.length}`);
      }),
    );
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
  const importMs = median(importTimes);
  const insertMs = median(insertTimes);
  return {
    name: `residents import, ${rows.length.toLocaleString("en")} rows in ${households.toLocaleString("en")} households, ${engine}`,
    measured: `${(importMs / 1000).toFixed(2)} s (${Math.round((rows.length * 1000) / importMs)} rows/s)`,
    limit: `${(insertMs / 1000).toFixed(2)} s (${Math.round((rows.length * 1000) / insertMs)} rows/s), ${limitName}`,
    ratio: insertMs / importMs,
    goal: "≥ 0.5 × the bare bulk write",
    met: insertMs / importMs >= 0.5,
  };
}
