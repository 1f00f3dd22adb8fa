import type { Polygon } from "@linli/contracts";
import { displayName } from "../modules/regions/division-source.js";
import { type CommunityPlan, layOut, polygonOf } from "./city-plan.js";
import type { CityRows } from "./city-tables.js";
import { personNameOf } from "./names.js";
import type { Random } from "./random.js";

/** Two-character words compounds are named with (阳光小区, 翠园花园, …). */
const compoundWords =
  "阳光金色华新翠园锦绣丽景湘江蒸水雁城石鼓南岳和平幸福康乐书香怡景香樟紫荆桂花天马建设工人红星东风向阳新华文化民主".match(
    /../g,
  ) ?? [];
const compoundSuffixes = ["小区", "花园", "苑", "家园", "新村", "公寓", "佳园"];

/** A compound as the later generators need it. */
export interface CompoundPlace {
  id: string;
  name: string;
  gridIndex: number;
  box: [number, number, number, number];
  propertyCompany: string | null;
  ownersCommittee: boolean;
}

export interface DwellingPlace {
  id: string;
  compoundIndex: number;
  address: string;
}

/** What one community's people, cases and visits are placed in. */
export interface CommunityPlaces {
  plan: CommunityPlan;
  communityName: string;
  /** The community's area on the map (its region's boundary). */
  boundary: Polygon;
  gridCodes: string[];
  /** Each grid's grid member (user id), by grid. */
  gridMembers: string[];
  leaderUserId: string;
  compounds: CompoundPlace[];
  dwellings: DwellingPlace[];
}

export interface PlaceContext {
  random: Random;
  /** The generation's clock: records are dated before it. */
  now: Date;
  /** A real argon2 hash of a password nobody knows: generated staff accounts cannot sign in. */
  passwordHash: string;
}

/**
 * A community's places and staff: compounds (小区, or a village's 村民小组) with their 三化
 * profile, buildings and dwellings, grids (vertical strips of the community's cell, each covering
 * the compounds inside it), the chief grid leader, a grid leader over all its grids, and a grid
 * member per grid.
 */
export function generatePlaces(plan: CommunityPlan, context: PlaceContext, rows: CityRows): CommunityPlaces {
  const { random, now } = context;
  const created = new Date(now.getTime() - 3 * 365 * 86_400_000);
  const since = created.toISOString().slice(0, 10);
  const communityName = displayName(plan.name);
  const countyCode = plan.code.slice(0, 6);
  const layout = layOut(plan);

  const account = (username: string, role: string, regions: string[], grids: string[]) => {
    const id = random.uuid(created);
    rows.users.add(
      id,
      username,
      personNameOf(random, random.chance(0.5)),
      context.passwordHash,
      created,
      [role],
      regions,
      grids,
      created,
      created,
    );
    return id;
  };
  const chief = account(`chief.${plan.code}`, "chief_grid_leader", [plan.code], []);
  rows.grid_staff.add(random.uuid(created), plan.code, null, chief, "chief_grid_leader", since, created);
  const leaderUserId = account(`leader.${plan.code}`, "grid_leader", [plan.code], []);

  const gridCodes = layout.grids.map((grid, index) => {
    const code = `${plan.code}${String(index + 1).padStart(3, "0")}`;
    rows.grids.add(code, plan.code, countyCode, `${communityName}第${index + 1}网格`, polygonOf(grid.box), created, created);
    rows.grid_staff.add(random.uuid(created), plan.code, code, leaderUserId, "grid_leader", since, created);
    return code;
  });
  const gridMembers = gridCodes.map((code) => {
    const member = account(`member.${code}`, "grid_member", [], [code]);
    rows.grid_staff.add(random.uuid(created), plan.code, code, member, "grid_member", since, created);
    return member;
  });

  // Households dealt over the compounds as evenly as the count allows.
  const compounds: CompoundPlace[] = [];
  const dwellings: DwellingPlace[] = [];
  const taken = new Set<string>();
  for (let index = 0; index < plan.compounds; index += 1) {
    const gridIndex = index % plan.grids;
    const box = layout.grids[gridIndex]?.compounds[Math.floor(index / plan.grids)];
    if (!box) throw new Error(`no place for compound ${index} of ${plan.code}`);
    const base = plan.village ? `${index + 1}组` : `${random.pick(compoundWords)}${random.pick(compoundSuffixes)}`;
    let name = base;
    for (let phase = 2; taken.has(name); phase += 1) name = `${base}${phase}期`;
    taken.add(name);
    const households = Math.floor(plan.households / plan.compounds) + (index < plan.households % plan.compounds ? 1 : 0);
    const id = random.uuid(created);
    const company = !plan.village && random.chance(0.7) ? `衡阳市${random.pick(compoundWords)}物业服务有限公司` : null;
    const selfManaged = !company && !plan.village && random.chance(0.5);
    const secured = company !== null;
    const ownersCommittee = company !== null && random.chance(0.6);
    rows.compounds.add(
      id,
      plan.code,
      countyCode,
      name,
      `${communityName}${name}`,
      households,
      plan.village ? null : random.int(1985, 2020),
      polygonOf(box),
      created,
      created,
    );
    rows.compound_profiles.add(
      random.uuid(created),
      id,
      since,
      company ? "property_company" : selfManaged ? "owners_self_managed" : "none",
      company,
      null,
      null,
      secured,
      secured && random.chance(0.6),
      !plan.village,
      secured,
      secured && random.chance(0.5),
      secured || random.chance(0.3),
      ownersCommittee,
      created,
    );
    rows.grid_compounds.add(gridCodes[gridIndex], id);
    compounds.push({ id, name, gridIndex, box, propertyCompany: company, ownersCommittee });
    addDwellings(
      rows,
      random,
      { compoundId: id, compoundIndex: index, name, households, village: plan.village, regionCode: plan.code, created },
      dwellings,
    );
  }
  return { plan, communityName, boundary: layout.boundary, gridCodes, gridMembers, leaderUserId, compounds, dwellings };
}

/** Buildings of 6–18 floors with 2–4 dwellings a floor (a village: rows of three-storey houses numbered as houses). */
function addDwellings(
  rows: CityRows,
  random: Random,
  compound: {
    compoundId: string;
    compoundIndex: number;
    name: string;
    households: number;
    village: boolean;
    regionCode: string;
    created: Date;
  },
  into: DwellingPlace[],
): void {
  const floors = compound.village ? 3 : random.int(6, 18);
  const perFloor = compound.village ? 1 : random.int(2, 4);
  const perBuilding = compound.village ? 30 : floors * perFloor;
  let buildingId = "";
  let buildingName = "";
  for (let index = 0; index < compound.households; index += 1) {
    const slot = index % perBuilding;
    if (slot === 0) {
      buildingId = random.uuid(compound.created);
      buildingName = compound.village ? `${index / perBuilding + 1}排` : `${index / perBuilding + 1}栋`;
      rows.buildings.add(buildingId, compound.compoundId, compound.regionCode, buildingName, floors, compound.created);
    }
    const floor = compound.village ? null : Math.floor(slot / perFloor) + 1;
    const number = compound.village ? `${index + 1}号` : `${floor}${String((slot % perFloor) + 1).padStart(2, "0")}`;
    const id = random.uuid(compound.created);
    const address = compound.village ? `${compound.name}${number}` : `${compound.name}${buildingName}${number}室`;
    rows.dwellings.add(
      id,
      compound.compoundId,
      buildingId,
      compound.regionCode,
      number,
      floor,
      address,
      random.decimal(compound.village ? 90 : 55, compound.village ? 220 : 145),
      compound.created,
    );
    into.push({ id, compoundIndex: compound.compoundIndex, address });
  }
}
