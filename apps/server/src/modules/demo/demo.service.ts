import { type CreateUserRequest, permissions } from "@linli/contracts";
import type { Actor } from "../../platform/auth/actor.js";
import { rectangle } from "../../platform/geo/polygon.js";
import type { Services } from "../../services.js";
import { readDivisions } from "../regions/division-source.js";
import { loadDemoCases } from "./demo-cases.js";
import {
  type DemoCommunity,
  type DemoCompound,
  type DemoProfile,
  demoAccounts,
  demoCommunities,
  demoPassword,
  demoStaffNames,
} from "./demo-data.js";
import { loadDemoDeliberation } from "./demo-deliberation.js";
import { loadDemoDisputes } from "./demo-disputes.js";
import { loadDemoFraud } from "./demo-fraud.js";
import { loadDemoIntegrityVisits } from "./demo-integrity.js";
import { demoHouseholds, demoRegisterRecords } from "./demo-people.js";
import { loadDemoVisits } from "./demo-visits.js";

const context = { ip: null };
const profileItems = ["guards", "watch24h", "fence", "gate", "smartAccess", "cameras", "ownersCommittee"] as const;

const round = (value: number) => Math.round(value * 1e6) / 1e6;

/**
 * The community's area cut into one column per compound: each column is that compound's grid
 * (the seed's "a grid per compound"), the compound drawn inside it with a margin.
 */
export function demoLayout(community: DemoCommunity) {
  const [west, south, east, north] = community.area;
  const width = (east - west) / community.compounds.length;
  const marginX = width * 0.12;
  const marginY = (north - south) * 0.12;
  return community.compounds.map((compound, index) => {
    const left = round(west + width * index);
    const right = round(west + width * (index + 1));
    return {
      compound,
      grid: rectangle(left, south, right, north),
      boundary: rectangle(round(left + marginX), round(south + marginY), round(right - marginX), round(north - marginY)),
    };
  });
}

/** A dwelling's floor area: between 55 and 135 m², in half square metres, the same on every load. */
const floorArea = (building: number, floor: number, unit: number) => 55 + ((building * 37 + floor * 13 + unit * 29) % 160) / 2;

/** Whether `DEMO` asks for the demo on this engine (auto: only the embedded one, a laptop's). */
export function demoWanted(mode: "auto" | "on" | "off", engine: "pglite" | "postgres"): boolean {
  return mode === "on" || (mode === "auto" && engine === "pglite");
}

export interface DemoReport {
  communities: number;
  compounds: number;
  grids: number;
  dwellings: number;
  accounts: number;
  residents: number;
  cases: number;
  /** Visit tasks planned for the periods containing the day the demo was loaded. */
  visitTasks: number;
  /** Anti-fraud warnings imported from the demo police list. */
  fraudWarnings: number;
  /** 葵花里's dispute register. */
  disputes: number;
  /** 新葵花苑小区's meetings: the three that chose a property company and smart access, and one voting now. */
  meetings: number;
  /** Integrity visits by 珠晖区's discipline officer. */
  integrityVisits: number;
}

/**
 * Loads the demo into an empty database through the services, so every rule (polygons, staffing,
 * scope) holds for it as for anything a user enters. Hengyang's divisions come from the same
 * division list `npm run regions:import` reads.
 */
export class DemoService {
  /** People the demo's police warning list names (fictitious, like everyone in the demo). */
  private readonly listed: { name: string; idNumber: string }[] = [];

  /**
   * `servicesAt` builds the same services on another clock: the demo's history (meetings in 2021)
   * runs through them, so that its rules hold for the past as they do today.
   */
  constructor(
    private readonly services: Services,
    private readonly servicesAt: (clock: () => Date) => Services,
  ) {}

  async load(): Promise<DemoReport> {
    await this.services.regionImport.importDivisions(readDivisions("4304"), "4304");
    const { accounts, staff } = await this.createAccounts();
    const system = accounts.get("demo.sysadmin");
    if (!system) throw new Error("the demo system administrator is missing");
    const actor: Actor = {
      userId: system,
      username: "system:demo",
      displayName: "演示数据",
      roles: [],
      permissions: [...permissions],
      scope: { regions: ["*"], grids: [] },
      twoFactor: { enabled: false, required: false },
      mustChangePassword: false,
    };
    const report: DemoReport = {
      communities: 0,
      compounds: 0,
      grids: 0,
      dwellings: 0,
      accounts: accounts.size,
      residents: 0,
      cases: 0,
      visitTasks: 0,
      fraudWarnings: 0,
      disputes: 0,
      meetings: 0,
      integrityVisits: 0,
    };
    const taken = new Set<string>();
    for (const [index, community] of demoCommunities.entries()) {
      await this.loadCommunity(actor, community, staff, report);
      report.residents += await this.loadPeople(actor, community.code, 2026 + index, taken);
      report.communities += 1;
    }
    // Before the cases: 新葵花苑小区's property company comes from its owners' resolution.
    let clock = new Date();
    const past = { services: this.servicesAt(() => clock), setClock: (instant: Date) => (clock = instant) };
    report.meetings = (await loadDemoDeliberation(this.services, past, accounts, new Date())).meetings;
    report.cases = await loadDemoCases(this.services, accounts);
    report.visitTasks = await loadDemoVisits(this.services, accounts, new Date());
    report.fraudWarnings = await loadDemoFraud(this.services, actor, accounts, this.listed);
    report.disputes = await loadDemoDisputes(this.services, accounts, new Date());
    report.integrityVisits = await loadDemoIntegrityVisits(this.services, accounts, new Date());
    return report;
  }

  /** The demo accounts, and for each community its chief, then a leader and a member per grid. */
  private async createAccounts() {
    const inputs: CreateUserRequest[] = demoAccounts.map(({ role, regions, grids, ...account }) => ({
      ...account,
      roles: [role],
      scope: { regions, grids },
    }));
    const staff = new Map<string, { chief: string; leaders: string[]; members: string[] }>();
    let name = 0;
    const nextName = () => demoStaffNames[name++ % demoStaffNames.length] ?? "演示人员";
    for (const community of demoCommunities) {
      const posts = { chief: "", leaders: [] as string[], members: [] as string[] };
      const kuihuali = community.slug === "kuihuali";
      posts.chief = kuihuali ? "demo.chief" : `${community.slug}.chief`;
      if (!kuihuali)
        inputs.push({
          username: posts.chief,
          displayName: community.director,
          roles: ["chief_grid_leader"],
          scope: { regions: [community.code], grids: [] },
        });
      community.compounds.forEach((compound, index) => {
        const grid = `${community.code}${String(index + 1).padStart(3, "0")}`;
        // Outside 葵花里 (which has demo.property), each managed compound's property company has a member of staff on its grid.
        if (!kuihuali && compound.history.at(-1)?.propertyCompany)
          inputs.push({
            username: `${community.slug}.property${index + 1}`,
            displayName: `${nextName()}（${compound.history.at(-1)?.propertyCompany}）`,
            roles: ["property_staff"],
            scope: { regions: [], grids: [grid] },
          });
        const first = kuihuali && index === 0;
        const leader = first ? "demo.leader" : `${community.slug}.leader${index + 1}`;
        const member = first ? "demo.member" : `${community.slug}.member${index + 1}`;
        if (!first) {
          inputs.push({
            username: leader,
            displayName: nextName(),
            roles: ["grid_leader"],
            scope: { regions: [community.code], grids: [] },
          });
          inputs.push({
            username: member,
            displayName: nextName(),
            roles: ["grid_member"],
            scope: { regions: [], grids: [grid] },
          });
        }
        posts.leaders.push(leader);
        posts.members.push(member);
      });
      staff.set(community.code, posts);
    }
    const created = await this.services.accounts.createDemoAccounts(inputs, demoPassword);
    return { accounts: new Map(created.map((user) => [user.username, user.id])), staff: this.resolveStaff(staff, created) };
  }

  private resolveStaff(
    staff: Map<string, { chief: string; leaders: string[]; members: string[] }>,
    created: { id: string; username: string }[],
  ) {
    const idOf = (username: string) => {
      const found = created.find((user) => user.username === username);
      if (!found) throw new Error(`demo account ${username} is missing`);
      return found.id;
    };
    return new Map(
      [...staff].map(([code, posts]) => [
        code,
        { chief: idOf(posts.chief), leaders: posts.leaders.map(idOf), members: posts.members.map(idOf) },
      ]),
    );
  }

  private async loadCommunity(
    actor: Actor,
    community: DemoCommunity,
    staff: Map<string, { chief: string; leaders: string[]; members: string[] }>,
    report: DemoReport,
  ) {
    const { regions, compounds, grids } = this.services;
    const [west, south, east, north] = community.area;
    await regions.setBoundary(actor, community.code, rectangle(west, south, east, north), context);
    const posts = staff.get(community.code);
    if (!posts) throw new Error(`no staff for ${community.code}`);
    await grids.assign(
      actor,
      { regionCode: community.code, userId: posts.chief, post: "chief_grid_leader", from: "2021-01-01" },
      context,
    );
    for (const [index, { compound, grid, boundary }] of demoLayout(community).entries()) {
      const created = await compounds.create(
        actor,
        {
          regionCode: community.code,
          name: compound.name,
          address: compound.address,
          yearBuilt: compound.yearBuilt,
          dwellingsCount: compound.buildings * 24,
          boundary,
        },
        context,
      );
      for (const entry of compound.history) await compounds.recordProfile(actor, created.id, this.profileOf(entry), context);
      const gridCode = (
        await grids.create(
          actor,
          {
            regionCode: community.code,
            sequence: index + 1,
            name: `${compound.name}网格`,
            compoundIds: [created.id],
            boundary: grid,
          },
          context,
        )
      ).code;
      for (const [userId, post] of [
        [posts.leaders[index], "grid_leader"],
        [posts.members[index], "grid_member"],
      ] as const) {
        if (userId)
          await grids.assign(actor, { regionCode: community.code, gridCode, userId, post, from: "2021-06-01" }, context);
      }
      report.dwellings += await this.loadBuildings(actor, created.id, compound);
      report.compounds += 1;
      report.grids += 1;
    }
  }

  /** `n`栋, six floors, two entrances, two dwellings per entrance and floor. */
  private async loadBuildings(actor: Actor, compoundId: string, compound: DemoCompound): Promise<number> {
    let count = 0;
    for (let number = 1; number <= compound.buildings; number += 1) {
      const building = await this.services.buildings.create(
        actor,
        compoundId,
        { name: `${number}栋`, floors: 6, entrances: ["1单元", "2单元"] },
        context,
      );
      for (const [entranceIndex, entrance] of building.entrances.entries())
        for (let floor = 1; floor <= 6; floor += 1)
          for (let unit = 1; unit <= 2; unit += 1) {
            const room = `${floor}0${unit}`;
            await this.services.buildings.createDwelling(
              actor,
              {
                buildingId: building.id,
                entranceId: entrance.id,
                number: room,
                floor,
                address: `${compound.address}${compound.name}${number}栋${entrance.name}${room}室`,
                floorArea: floorArea(number, floor, unit + entranceIndex * 2),
              },
              context,
            );
            count += 1;
          }
    }
    return count;
  }

  /** A few thousand made-up residents in households, and a handful of register records per community. */
  private async loadPeople(actor: Actor, code: string, seed: number, taken: Set<string>): Promise<number> {
    const places = await this.services.buildings.placesIn(code, actor.scope);
    const households = demoHouseholds(
      code.slice(0, 6),
      places.map((place) => place.dwellingId),
      seed,
      taken,
    );
    const created = await this.services.residents.registerHouseholds(actor, households, context);
    // A few heads of household in the community's first grid, for the police's warning list.
    const firstGrid = new Set(places.filter((place) => place.gridCode?.endsWith("001")).map((place) => place.dwellingId));
    const heads = households
      .filter((household) => firstGrid.has(household.dwellingId))
      .flatMap((household) => household.members.filter((member) => member.relation === "head" && member.idNumber));
    for (const head of heads.filter((_, index) => index % 7 === 3).slice(0, 4))
      this.listed.push({ name: head.name, idNumber: head.idNumber ?? "" });
    // Register records on people spread through the community: a child under 16 for the children's register.
    type Member = (typeof households)[number]["members"][number];
    for (const [index, { register, record }] of demoRegisterRecords().entries()) {
      const fits = (member: Member) =>
        register === "child_in_difficulty"
          ? member.relation === "child" && Number(member.idNumber?.slice(6, 10)) >= 2011
          : member.relation === "head";
      const household = households.findIndex((candidate, position) => position >= index * 23 && candidate.members.some(fits));
      const residentId = created[household]?.[households[household]?.members.findIndex(fits) ?? -1];
      if (residentId) await this.services.registers.record(actor, residentId, register, record, context);
    }
    return created.flat().length;
  }

  private profileOf({ has, ...profile }: DemoProfile) {
    return { ...profile, ...Object.fromEntries(profileItems.map((item) => [item, has.includes(item)])) } as Parameters<
      Services["compounds"]["recordProfile"]
    >[2];
  }
}
