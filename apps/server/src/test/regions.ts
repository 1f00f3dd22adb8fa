import type { FastifyInstance } from "fastify";
import type { Database } from "../db/client.js";
import type { DivisionRecord } from "../modules/regions/division-source.js";
import { RegionImportService } from "../modules/regions/region-import.service.js";
import { signInNewUser } from "./test-app.js";
import type { TestDatabase } from "./test-database.js";

/** A slice of Hengyang as the official list has it: the province, the city, 珠晖区, 广东路街道 and two communities. */
export const hengyangDivisions: readonly DivisionRecord[] = [
  { code: "43", level: 1, name: "湖南省", parentCode: null },
  { code: "4304", level: 2, name: "衡阳市", parentCode: "43" },
  { code: "430405", level: 3, name: "珠晖区", parentCode: "4304" },
  { code: "430405009", level: 4, name: "广东路街道", parentCode: "430405" },
  { code: "430405009009", level: 5, name: "葵花里社区居委会", parentCode: "430405009" },
  { code: "430405009010", level: 5, name: "新民社区居委会", parentCode: "430405009" },
];

/** Loads `hengyangDivisions` through the import, as `npm run regions:import` would. */
export async function buildRegions(db: Database): Promise<void> {
  await new RegionImportService(db).importDivisions(hengyangDivisions, "43");
}

/**
 * A clean database with `hengyangDivisions`, and 广东路街道's township administrator signed in:
 * where the compound and grid tests start. Returns the session's Cookie header.
 */
export async function startAsStreetAdmin(context: { app: FastifyInstance; database: TestDatabase }): Promise<string> {
  await context.database.reset();
  await buildRegions(context.database.handle.db);
  return signInNewUser(context, {
    username: "street.admin",
    roles: ["township_admin"],
    scope: { regions: ["430405009"], grids: [] },
  });
}
