import { randomBytes } from "node:crypto";
import { loadConfig } from "../config.js";
import type { DatabaseHandle } from "../db/client.js";
import type { DivisionRecord } from "../modules/regions/division-source.js";
import { RegionImportService } from "../modules/regions/region-import.service.js";
import { rectangle } from "../platform/geo/polygon.js";
import { FieldCipher, parseFieldKeys } from "../platform/privacy/field-cipher.js";
import { createServices } from "../services.js";
import { benchActor } from "./measure.js";

/** The place the intake benchmarks and fault tests report in: 葵花里社区, one drawn compound in one drawn grid. */
export const community = "430405009009";
const divisions: DivisionRecord[] = [
  { code: "43", level: 1, name: "湖南省", parentCode: null },
  { code: "4304", level: 2, name: "衡阳市", parentCode: "43" },
  { code: "430405", level: 3, name: "珠晖区", parentCode: "4304" },
  { code: "430405009", level: 4, name: "广东路街道", parentCode: "430405" },
  { code: community, level: 5, name: "葵花里社区居委会", parentCode: "430405009" },
];

/** A street lamp reported inside 新葵花苑小区 (in grid 001, routed to its property company). */
export const report = JSON.stringify({
  categoryCode: "component.public_facilities.street_lamp",
  description: "3栋门口路灯不亮",
  longitude: 112.632,
  latitude: 26.902,
  address: "3栋门口",
});

/** 葵花里社区 with one drawn compound (with a property company) in one drawn grid. */
export async function buildPlaces(database: DatabaseHandle, keys: BenchKeys) {
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

export type BenchKeys = ReturnType<typeof benchKeys>;

/** Fresh keys, as the services take them and as the environment gives them to a server process. */
export function benchKeys() {
  const fieldKeys = `bench:${randomBytes(32).toString("base64")}`;
  const blindIndexKey = randomBytes(32);
  return {
    cipher: new FieldCipher(parseFieldKeys(fieldKeys)),
    blindIndexKey,
    environment: { FIELD_KEYS: fieldKeys, BLIND_INDEX_KEY: blindIndexKey.toString("base64") },
  };
}
