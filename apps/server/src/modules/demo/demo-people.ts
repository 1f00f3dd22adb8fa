import {
  type CreateResidentRequest,
  idCheckCharacter,
  type RecordRegisterRequest,
  type Register,
  type ResidentTag,
} from "@linli/contracts";

/**
 * The demo's residents: made-up people with made-up ID numbers (valid check characters, real
 * birth dates, the county's region code), generated the same on every load from a fixed seed.
 */

export const surnames =
  "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许邓冯韩曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严欧莫孔向常汤康易乔赖文";
export const givenMale = [
  "建国",
  "志强",
  "国庆",
  "文军",
  "伟",
  "强",
  "军",
  "勇",
  "杰",
  "涛",
  "明",
  "超",
  "刚",
  "平",
  "辉",
  "鹏",
  "浩",
  "宇",
  "俊杰",
  "子轩",
  "浩然",
  "宇航",
  "德明",
  "春生",
  "永红",
];
export const givenFemale = [
  "秀英",
  "桂兰",
  "丽",
  "敏",
  "静",
  "燕",
  "艳",
  "娟",
  "霞",
  "玲",
  "芳",
  "婷",
  "雪梅",
  "春梅",
  "玉兰",
  "欣怡",
  "梓涵",
  "雨桐",
  "诗琪",
  "思雨",
  "慧",
  "红霞",
  "晓梅",
  "佳怡",
  "淑珍",
];
const ethnicities = ["汉族", "汉族", "汉族", "汉族", "汉族", "汉族", "汉族", "汉族", "汉族", "土家族", "瑶族", "苗族", "侗族"];

/** mulberry32: a small seeded generator, so the demo is the same on every machine. */
function seeded(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export interface DemoMember {
  resident: Omit<CreateResidentRequest, "dwellingId" | "householdId">;
}
export interface DemoHousehold {
  dwellingId: string;
  members: DemoMember["resident"][];
}

/** Household sizes 1–6, weighted like a city compound's (average about 3.3), and one dwelling in seven also lets a room to migrants. */
const sizeWeights = [10, 20, 30, 25, 10, 5];

/**
 * Households for the dwellings of one community: a couple or a single head, children and
 * sometimes grandparents; tags at realistic rates; a few migrants from other provinces.
 */
export function demoHouseholds(
  countyCode: string,
  dwellingIds: readonly string[],
  seed: number,
  taken: Set<string>,
): DemoHousehold[] {
  const random = seeded(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T;
  const between = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
  const idNumber = (region: string, birthYear: number, male: boolean): string => {
    for (;;) {
      const month = between(1, 12);
      const day = between(1, 28);
      const sequence = between(0, 499) * 2 + (male ? 1 : 0);
      const first17 = `${region}${birthYear}${String(month).padStart(2, "0")}${String(day).padStart(2, "0")}${String(sequence).padStart(3, "0")}`;
      const number = first17 + idCheckCharacter(first17);
      if (!taken.has(number)) {
        taken.add(number);
        return number;
      }
    }
  };
  const phone = () =>
    `1${pick(["38", "39", "58", "59", "87", "88", "77", "99"])}${String(between(0, 99_999_999)).padStart(8, "0")}`;
  const person = (
    surname: string,
    birthYear: number,
    male: boolean,
    relation: CreateResidentRequest["relation"],
    region = countyCode,
  ): DemoMember["resident"] => {
    const age = 2026 - birthYear;
    const tags: ResidentTag[] = [];
    if (age >= 18 && random() < 0.09) tags.push("party_member");
    if (age >= 16 && age < 70 && random() < 0.06) tags.push("volunteer");
    if (random() < 0.02) tags.push("disabled");
    if (age >= 60 && random() < 0.03) tags.push("veteran");
    return {
      name: surname + pick(male ? givenMale : givenFemale),
      idNumber: idNumber(region, birthYear, male),
      phone: age >= 16 && random() < 0.8 ? phone() : undefined,
      ethnicity: pick(ethnicities),
      registration: region === countyCode ? "local" : "migrant",
      homeRegionCode: region === countyCode ? undefined : region,
      politicalStatus: tags.includes("party_member")
        ? "party_member"
        : age >= 14 && age <= 28 && random() < 0.3
          ? "league_member"
          : "masses",
      relation,
      tags,
      livingStatus: random() < 0.06 ? "away" : "present",
    };
  };
  const households: DemoHousehold[] = [];
  for (const dwellingId of dwellingIds) {
    let size = 1;
    for (let roll = random() * 100, index = 0; index < sizeWeights.length; index += 1) {
      roll -= sizeWeights[index] ?? 0;
      if (roll < 0) {
        size = index + 1;
        break;
      }
    }
    const surname = pick([...surnames]);
    const headYear = size === 1 ? between(1936, 2000) : between(1950, 1992);
    const headMale = random() < 0.6;
    const members = [person(surname, headYear, headMale, "head")];
    if (size === 1 && 2026 - headYear >= 70) members[0]?.tags.push("elderly_living_alone");
    if (size >= 2) members.push(person(pick([...surnames]), headYear + between(-3, 3), !headMale, "spouse"));
    for (let child = 0; child < Math.min(size - 2, 2); child += 1)
      members.push(person(surname, Math.min(2024, headYear + between(22, 32)), random() < 0.5, "child"));
    if (size >= 5) members.push(person(surname, headYear - between(24, 30), random() < 0.4, "parent"));
    if (size >= 6) members.push(person(surname, Math.min(2025, headYear + between(45, 52)), random() < 0.5, "grandchild"));
    if (random() < 0.03) members[0]?.tags.push("subsistence_allowance");
    households.push({ dwellingId, members });
    if (random() < 1 / 7) {
      // A room let to migrants from another province.
      const home = pick(["360702", "441302", "450103", "420102", "522601", "510107"]);
      const year = between(1985, 2002);
      const renters = [person(pick([...surnames]), year, random() < 0.5, "head", home)];
      if (random() < 0.5) renters.push(person(pick([...surnames]), year + between(-2, 2), random() < 0.5, "spouse", home));
      households.push({ dwellingId, members: renters });
    }
  }
  return households;
}

/** A handful of register records per community, for the registers' permitted readers to find. */
export function demoRegisterRecords(): { register: Register; record: RecordRegisterRequest }[] {
  const base = { status: "active" as const, note: "演示数据" };
  return [
    {
      register: "drug_rehabilitation",
      record: {
        ...base,
        startDate: "2024-03-01",
        visitFrequency: "monthly",
        responsible: "禁毒民警（演示）",
        details: { register: "drug_rehabilitation", stage: "community_rehabilitation" },
      },
    },
    {
      register: "community_correction",
      record: {
        ...base,
        startDate: "2025-06-15",
        visitFrequency: "fortnightly",
        responsible: "司法所（演示）",
        details: { register: "community_correction", correctionKind: "probation" },
      },
    },
    {
      register: "severe_mental_disorder",
      record: {
        ...base,
        startDate: "2023-09-01",
        visitFrequency: "monthly",
        responsible: "社区医生（演示）",
        details: { register: "severe_mental_disorder", riskLevel: 1, guardian: "配偶" },
      },
    },
    {
      register: "child_in_difficulty",
      record: {
        ...base,
        startDate: "2025-02-01",
        visitFrequency: "monthly",
        responsible: "儿童主任（演示）",
        details: { register: "child_in_difficulty", category: "de_facto_unattended", guardian: "祖父母" },
      },
    },
    {
      register: "family_in_difficulty",
      record: {
        ...base,
        startDate: "2024-11-01",
        visitFrequency: "quarterly",
        responsible: "社工站（演示）",
        details: { register: "family_in_difficulty", category: "illness" },
      },
    },
  ];
}
