import type { CompoundProfileInput, Role } from "@linli/contracts";

/**
 * The demo: the four communities of Hengyang the seed names, under their real division codes, with
 * synthetic but plausible compounds, buildings, grids and staff. Every person is made up; the
 * places are real, their outlines are drawn near where the communities lie, not surveyed.
 */

/** Everyone in the demo signs in with this; it is set only in demo mode, and the start-up banner says so. */
export const demoPassword = "Linli-Demo-2026";

export type DemoProfile = Omit<
  CompoundProfileInput,
  "guards" | "watch24h" | "fence" | "gate" | "smartAccess" | "cameras" | "ownersCommittee"
> & {
  /** The 人防/物防/业委会 items present from this date on. */
  has: ("guards" | "watch24h" | "fence" | "gate" | "smartAccess" | "cameras" | "ownersCommittee")[];
};

export interface DemoCompound {
  name: string;
  address: string;
  yearBuilt: number;
  /** Buildings of six floors, two entrances, two dwellings per entrance and floor. */
  buildings: number;
  history: DemoProfile[];
}

export interface DemoCommunity {
  code: string;
  slug: string;
  /** [west, south, east, north] in degrees, WGS84: the community's drawn area. */
  area: [number, number, number, number];
  /** 社区书记/主任 — chief grid leader. */
  director: string;
  compounds: DemoCompound[];
}

const remediated = (company: string, since: string): DemoProfile => ({
  effectiveFrom: since,
  propertyManagement: "property_company",
  propertyCompany: company,
  contractFrom: since,
  has: ["guards", "watch24h", "fence", "gate", "smartAccess", "cameras", "ownersCommittee"],
});

export const demoCommunities: DemoCommunity[] = [
  {
    code: "430405009009",
    slug: "kuihuali",
    area: [112.628, 26.89, 112.64, 26.898],
    director: "罗春梅",
    compounds: [
      {
        name: "新葵花苑小区",
        address: "珠晖区广东路街道葵花里",
        yearBuilt: 1998,
        buildings: 3,
        // The seed's story: a "三无" compound; the meetings and resolutions that brought a property company,
        // smart access control and a 24-hour watch are loaded by demo-deliberation.ts, which records each change.
        history: [
          {
            effectiveFrom: "2018-03-01",
            propertyManagement: "none",
            note: "无物业、无门卫、无围墙门禁，环境脏乱",
            has: [],
          },
        ],
      },
      {
        name: "葵花里一区",
        address: "珠晖区广东路街道葵花里1号",
        yearBuilt: 1992,
        buildings: 2,
        history: [
          {
            effectiveFrom: "2019-07-01",
            propertyManagement: "owners_self_managed",
            note: "业主自治管理",
            has: ["gate", "cameras", "ownersCommittee"],
          },
        ],
      },
      {
        name: "广东路铁路宿舍",
        address: "珠晖区广东路街道广东路",
        yearBuilt: 1986,
        buildings: 2,
        history: [{ effectiveFrom: "2020-01-01", propertyManagement: "none", note: "老旧单位宿舍，待整治", has: [] }],
      },
    ],
  },
  {
    code: "430406005003",
    slug: "yuanlin",
    area: [112.598, 26.858, 112.607, 26.864],
    director: "周立新",
    compounds: [
      {
        name: "天嘉翰廷小区",
        address: "雁峰区白沙洲街道园林社区",
        yearBuilt: 2015,
        buildings: 4,
        history: [remediated("衡阳天嘉物业管理有限公司", "2016-01-01")],
      },
      {
        name: "园林新村",
        address: "雁峰区白沙洲街道园林社区",
        yearBuilt: 2003,
        buildings: 2,
        history: [
          {
            effectiveFrom: "2020-05-01",
            propertyManagement: "property_company",
            propertyCompany: "衡阳市雁城物业服务有限公司",
            contractFrom: "2020-05-01",
            has: ["guards", "gate", "cameras"],
          },
        ],
      },
    ],
  },
  {
    code: "430407003017",
    slug: "zhengshui",
    area: [112.608, 26.902, 112.617, 26.908],
    director: "谭志刚",
    compounds: [
      {
        name: "蒸水苑",
        address: "石鼓区潇湘街道蒸水社区",
        yearBuilt: 2008,
        buildings: 3,
        history: [remediated("衡阳市石鼓物业管理有限公司", "2019-03-01")],
      },
      {
        name: "蒸水老街片区",
        address: "石鼓区潇湘街道蒸水老街",
        yearBuilt: 1980,
        buildings: 2,
        history: [{ effectiveFrom: "2019-01-01", propertyManagement: "none", note: "开放式老街区", has: [] }],
      },
    ],
  },
  {
    code: "430408001008",
    slug: "taiping",
    area: [112.58, 26.886, 112.589, 26.892],
    director: "刘美华",
    compounds: [
      {
        name: "太平小区二区",
        address: "蒸湘区蒸湘街道太平小区",
        yearBuilt: 1996,
        buildings: 3,
        history: [
          {
            effectiveFrom: "2021-04-01",
            propertyManagement: "owners_self_managed",
            has: ["fence", "gate", "cameras", "ownersCommittee"],
          },
        ],
      },
      {
        name: "蒸湘花园",
        address: "蒸湘区蒸湘街道",
        yearBuilt: 2010,
        buildings: 2,
        history: [remediated("衡阳市蒸湘物业服务有限公司", "2012-06-01")],
      },
    ],
  },
];

/** One demo account per role; those of 葵花里社区 also hold its posts. README lists them. */
export const demoAccounts: { username: string; displayName: string; role: Role; regions: string[]; grids: string[] }[] = [
  { username: "demo.sysadmin", displayName: "演示·系统管理员", role: "system_admin", regions: ["*"], grids: [] },
  { username: "demo.security", displayName: "演示·安全管理员", role: "security_admin", regions: ["*"], grids: [] },
  { username: "demo.auditor", displayName: "演示·审计管理员", role: "audit_admin", regions: ["*"], grids: [] },
  { username: "demo.city", displayName: "演示·市级管理员", role: "city_admin", regions: ["4304"], grids: [] },
  { username: "demo.county", displayName: "演示·珠晖区管理员", role: "county_admin", regions: ["430405"], grids: [] },
  { username: "demo.street", displayName: "演示·广东路街道管理员", role: "township_admin", regions: ["430405009"], grids: [] },
  { username: "demo.chief", displayName: "罗春梅", role: "chief_grid_leader", regions: ["430405009009"], grids: [] },
  { username: "demo.leader", displayName: "陈志强", role: "grid_leader", regions: ["430405009009"], grids: [] },
  { username: "demo.member", displayName: "黄德明", role: "grid_member", regions: [], grids: ["430405009009001"] },
  { username: "demo.property", displayName: "演示·物业人员", role: "property_staff", regions: ["430405009009"], grids: [] },
  { username: "demo.committee", displayName: "演示·业委会委员", role: "committee_member", regions: ["430405009009"], grids: [] },
  { username: "demo.social", displayName: "演示·社工", role: "social_worker", regions: ["430405009009"], grids: [] },
  { username: "demo.police", displayName: "演示·社区民警", role: "police_liaison", regions: ["430405009009"], grids: [] },
  { username: "demo.discipline", displayName: "演示·区纪委监委干部", role: "discipline_officer", regions: ["430405"], grids: [] },
  { username: "demo.resident", displayName: "演示·居民", role: "resident", regions: ["430405009009"], grids: [] },
];

/** Made-up names for the other communities' grid leaders and members. */
export const demoStaffNames = [
  "王建华",
  "李秀英",
  "张国庆",
  "刘桂兰",
  "陈文军",
  "杨丽华",
  "赵德胜",
  "孙玉梅",
  "周海波",
  "吴淑珍",
  "郑红兵",
  "冯秀兰",
  "蒋卫东",
  "沈凤英",
  "韩永平",
  "曹桂芝",
  "彭志勇",
  "曾小燕",
  "谢国平",
  "邓春香",
];
