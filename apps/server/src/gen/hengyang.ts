import { randomBytes } from "node:crypto";
import argon2 from "argon2";
import type { Config } from "../config.js";
import { sha256, trackingCodeFor } from "../modules/cases/case.service.js";
import type { SensitiveFields } from "../modules/people/sensitive-fields.js";
import { type DivisionRecord, readDivisions } from "../modules/regions/division-source.js";
import { RegionImportService } from "../modules/regions/region-import.service.js";
import { openMigratedDatabase } from "../start.js";
import { generateCity, type Progress } from "./city-generator.js";
import { hengyang } from "./city-plan.js";
import { openCopyTarget } from "./copy-target.js";

/**
 * Hengyang at a scale in the configured database, the way `npm run gen:city` makes it: migrations
 * and the city's divisions through the application's own paths, then the generator. The sealing
 * keys are the server's, so it finds the generated residents as if it had written them.
 */
export async function generateHengyang(
  config: Config,
  sensitive: SensitiveFields,
  scale: number,
  onProgress?: (progress: Progress) => void,
) {
  const handle = await openMigratedDatabase(config);
  const divisions: DivisionRecord[] = [];
  try {
    for await (const division of readDivisions(hengyang.cityCode)) divisions.push(division);
    await new RegionImportService(handle.db).importDivisions(readDivisions(hengyang.cityCode), hengyang.cityCode);
  } finally {
    await handle.close();
  }
  const target = await openCopyTarget(config.database);
  try {
    return await generateCity(target, {
      scale,
      communities: divisions.filter((division) => division.level === 5),
      townships: new Map(divisions.filter((division) => division.level === 4).map((division) => [division.code, division.name])),
      protect: (field, value) => sensitive.protect(field, value),
      trackingHash: (caseId) => sha256(trackingCodeFor(sensitive, caseId)),
      // A real hash of a password nobody knows: the generated staff accounts cannot sign in.
      passwordHash: await argon2.hash(randomBytes(24).toString("base64")),
      now: new Date(),
      onProgress,
    });
  } finally {
    await target.close();
  }
}
