import { idCheckCharacter, type Register, type ResidentTag } from "@linli/contracts";
import type { Protected, SensitiveField } from "../modules/people/sensitive-fields.js";
import { isIdRegion } from "../modules/regions/id-regions.js";
import type { CityRows } from "./city-tables.js";
import type { CommunityPlaces } from "./community-places.js";
import { givenNameOf, personNameOf, surnameOf } from "./names.js";
import type { Random } from "./random.js";

/** A household as the visits generator needs it. */
export interface HouseholdPlace {
  id: string;
  gridIndex: number;
  headId: string;
  headName: string;
}

export interface PeopleContext {
  random: Random;
  now: Date;
  /** Seals, indexes and masks a value as the registry keeps it (a no-op when only replaying draws). */
  protect: (field: SensitiveField, value: string) => Protected | null;
  /** ID numbers already given in this city, as numbers (region, birth day, sequence): none is given twice. */
  takenIds: Set<number>;
}

/** Where migrants come from: counties of other Hunan cities and of neighbouring provinces (valid regions of issue). */
const migrantHomes = [
  "430102",
  "430203",
  "430304",
  "430521",
  "430611",
  "430702",
  "430821",
  "430902",
  "431002",
  "431102",
  "431202",
  "431302",
  "360102",
  "440106",
  "450103",
  "500101",
  "520102",
];
const ethnicities = [
  "汉族",
  "汉族",
  "汉族",
  "汉族",
  "汉族",
  "汉族",
  "汉族",
  "汉族",
  "汉族",
  "汉族",
  "汉族",
  "瑶族",
  "土家族",
  "苗族",
];
const phonePrefixes = ["3", "5", "7", "8", "9"];
/** Household sizes 1–5, weighted to Hengyang's 2.87 persons a household. */
const sizes = [
  [1, 14],
  [2, 27],
  [3, 30],
  [4, 20],
  [5, 9],
] as const;

/** Register rates and how each is followed (the share of the eligible, the visit frequency, who is responsible). */
const registerRates: {
  register: Register;
  rate: number;
  ages: [number, number];
  frequency: string;
  responsible: string;
  details: (random: Random, since: string) => object;
}[] = [
  {
    register: "drug_rehabilitation",
    rate: 0.002,
    ages: [18, 60],
    frequency: "monthly",
    responsible: "社区民警",
    details: (random) => ({ stage: random.pick(["community_detox", "community_rehabilitation", "maintenance"]) }),
  },
  {
    register: "community_correction",
    rate: 0.0006,
    ages: [18, 70],
    frequency: "monthly",
    responsible: "司法所",
    details: (random) => ({ correctionKind: random.pick(["probation", "parole", "temporary_release", "control"]) }),
  },
  {
    register: "released_prisoner",
    rate: 0.001,
    ages: [20, 75],
    frequency: "quarterly",
    responsible: "司法所",
    details: (_random, since) => ({ releaseDate: since }),
  },
  {
    register: "severe_mental_disorder",
    rate: 0.004,
    ages: [15, 90],
    frequency: "monthly",
    responsible: "社区医生",
    details: (random) => ({ riskLevel: random.int(0, 3) }),
  },
  {
    register: "key_youth",
    rate: 0.002,
    ages: [6, 25],
    frequency: "quarterly",
    responsible: "团委",
    details: (random) => ({ category: random.pick(["out_of_school", "unemployed", "unsupervised", "other"]) }),
  },
  {
    register: "child_in_difficulty",
    rate: 0.003,
    ages: [0, 17],
    frequency: "monthly",
    responsible: "儿童主任",
    details: (random) => ({ category: random.pick(["orphan", "de_facto_unattended", "disabled", "poverty", "other"]) }),
  },
];

/**
 * Households and residents for every dwelling of the community: made-up names, ID numbers with
 * valid check characters (issued in the county, or a migrant's home county), phones for most
 * adults, ordinary tags at realistic rates, special registers at theirs.
 */
export function generatePeople(places: CommunityPlaces, context: PeopleContext, rows: CityRows): HouseholdPlace[] {
  const { random, now, plan } = { ...context, plan: places.plan };
  const today = now.toISOString().slice(0, 10);
  const year = now.getUTCFullYear();
  const created = new Date(now.getTime() - 3 * 365 * 86_400_000);
  const county = plan.code.slice(0, 6);
  const localRegion = isIdRegion(county) && Number(county.slice(4)) < 70 ? county : "430421";
  const households: HouseholdPlace[] = [];
  let personIndex = 0;

  places.dwellings.forEach((dwelling) => {
    const compound = places.compounds[dwelling.compoundIndex];
    if (!compound) throw new Error("dwelling without compound");
    const gridCode = places.gridCodes[compound.gridIndex] ?? null;
    const householdId = random.uuid(created);
    const migrant = random.chance(0.12);
    const region = migrant ? random.pick(migrantHomes) : localRegion;
    const size = random.weighted(sizes);
    const headAge = random.int(size === 1 ? 30 : 25, 88);
    const headMale = random.chance(0.62);
    const surname = surnameOf(random);
    const members: { age: number; male: boolean; relation: string }[] = [{ age: headAge, male: headMale, relation: "head" }];
    if (size >= 2) members.push({ age: Math.max(20, headAge + random.int(-5, 5)), male: !headMale, relation: "spouse" });
    while (members.length < size) {
      if (headAge < 50 && random.chance(0.25))
        members.push({ age: Math.min(98, headAge + random.int(22, 35)), male: random.chance(0.45), relation: "parent" });
      else if (headAge >= 58 && random.chance(0.5))
        members.push({ age: random.int(0, 15), male: random.chance(0.52), relation: "grandchild" });
      else members.push({ age: Math.max(0, headAge - random.int(22, 36)), male: random.chance(0.52), relation: "child" });
    }

    let headId = "";
    let headName = "";
    for (const member of members) {
      const id = random.uuid(created);
      const name =
        member.relation === "head" || member.relation === "child" || member.relation === "grandchild"
          ? surname + givenNameOf(random, member.male)
          : personNameOf(random, member.male);
      const birthDate = birthDateOf(random, year - member.age, today);
      const idNumber = issueIdNumber(random, context.takenIds, region, birthDate, member.male);
      const globalKey = plan.ordinal * 10_000 + personIndex;
      personIndex += 1;
      const phone =
        member.age >= 16 && random.chance(0.85)
          ? `1${random.pick(phonePrefixes)}${String((globalKey * 7919) % 1_000_000_000).padStart(9, "0")}`
          : null;
      const tags = tagsOf(random, member.age, member.male, size, plan.village);
      const id_ = context.protect("id_number", idNumber);
      const phone_ = phone ? context.protect("phone", phone) : null;
      const political = tags.includes("party_member")
        ? "party_member"
        : member.age >= 14 && member.age <= 28 && random.chance(0.3)
          ? "league_member"
          : "masses";
      rows.residents.add(
        id,
        plan.code,
        gridCode,
        householdId,
        dwelling.id,
        name,
        id_?.sealed ?? null,
        id_?.index ?? null,
        id_?.masked ?? null,
        member.male ? "male" : "female",
        birthDate,
        phone_?.sealed ?? null,
        phone_?.index ?? null,
        phone_?.masked ?? null,
        random.pick(ethnicities),
        migrant ? "migrant" : "local",
        migrant ? region : null,
        political,
        member.relation,
        random.chance(0.06) ? "away" : "present",
        dwelling.address,
        tags,
        created,
        created,
      );
      for (const entry of registerRates) {
        if (member.age < entry.ages[0] || member.age > entry.ages[1] || !random.chance(entry.rate)) continue;
        const since = new Date(now.getTime() - random.int(30, 1000) * 86_400_000).toISOString().slice(0, 10);
        rows.register_entries.add(
          random.uuid(created),
          id,
          entry.register,
          plan.code,
          gridCode,
          "active",
          since,
          entry.frequency,
          entry.responsible,
          { register: entry.register, ...entry.details(random, since) },
          created,
          created,
        );
      }
      if (member.relation === "head") {
        headId = id;
        headName = name;
        if (random.chance(0.01)) {
          const since = new Date(now.getTime() - random.int(30, 1000) * 86_400_000).toISOString().slice(0, 10);
          const category = random.pick(["subsistence", "extreme_poverty", "illness", "disability", "other"]);
          rows.register_entries.add(
            random.uuid(created),
            id,
            "family_in_difficulty",
            plan.code,
            gridCode,
            "active",
            since,
            "monthly",
            "社区民政专干",
            { register: "family_in_difficulty", category },
            created,
            created,
          );
        }
      }
    }
    rows.households.add(householdId, plan.code, gridCode, dwelling.id, headId, created);
    households.push({ id: householdId, gridIndex: compound.gridIndex, headId, headName });
  });
  return households;
}

function tagsOf(random: Random, age: number, male: boolean, householdSize: number, village: boolean): ResidentTag[] {
  const tags: ResidentTag[] = [];
  if (age >= 18 && random.chance(0.07)) tags.push("party_member");
  if (age >= 16 && age < 70 && random.chance(0.04)) tags.push("volunteer");
  if (householdSize === 1 && age >= 65) tags.push("elderly_living_alone");
  if (random.chance(0.02)) tags.push("disabled");
  if (random.chance(0.012)) tags.push("subsistence_allowance");
  if (village && age < 16 && random.chance(0.08)) tags.push("left_behind_child");
  if (male && age >= 40 && random.chance(0.02)) tags.push("veteran");
  if (age >= 75 && random.chance(0.1)) tags.push("key_care");
  return tags;
}

/** A real date in the year (day 1–28 of any month), never after today. */
function birthDateOf(random: Random, year: number, today: string): string {
  const date = `${year}-${String(random.int(1, 12)).padStart(2, "0")}-${String(random.int(1, 28)).padStart(2, "0")}`;
  return date > today ? `${year - 1}${date.slice(4)}` : date;
}

/**
 * An ID number nobody in the city holds: the sequence (odd for men) drawn again until the number
 * is free. `taken` keys a number by its region, birth day and sequence as one integer (below 2⁵³).
 * A region and day hold 500 numbers per gender and the city uses about ten of them.
 */
function issueIdNumber(random: Random, taken: Set<number>, region: string, birthDate: string, male: boolean): string {
  const day = Math.floor(Date.parse(`${birthDate}T00:00:00Z`) / 86_400_000) + 30_000;
  for (let attempt = 0; attempt < 10_000; attempt += 1) {
    const sequence = random.int(0, 499) * 2 + (male ? 1 : 0);
    const key = (Number(region) * 60_000 + day) * 1000 + sequence;
    if (taken.has(key)) continue;
    taken.add(key);
    const first17 = `${region}${birthDate.replaceAll("-", "")}${String(sequence).padStart(3, "0")}`;
    return first17 + idCheckCharacter(first17);
  }
  throw new Error(`no free ID number left for ${region} and ${birthDate}`);
}
