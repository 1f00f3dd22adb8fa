import { everywhere, type Household, type MergeHouseholdRequest, type SplitHouseholdRequest } from "@linli/contracts";
import { v7 as uuidv7 } from "uuid";
import { succeeded } from "../../platform/audit/audit.service.js";
import type { Actor, RequestContext } from "../../platform/auth/actor.js";
import { invalid, notFound } from "../../platform/errors/app-error.js";
import { authorizePeople } from "./people.policy.js";
import { RegisterRepository } from "./register.repository.js";
import { toResident } from "./resident.presenter.js";
import { type HouseholdRow, ResidentRepository } from "./resident.repository.js";
import type { ResidentService } from "./resident.service.js";

const allScope = { regions: [everywhere], grids: [] };

export interface HouseholdSite {
  id: string;
  regionCode: string;
  gridCode: string | null;
  compoundId: string | null;
  address: string;
  memberIds: string[];
}

/** Households (户): their members, dwelling and history; split and merge keep both households' records. */
export class HouseholdService {
  constructor(private readonly residents: ResidentService) {}

  private get deps() {
    return this.residents.deps;
  }

  async get(actor: Actor, id: string): Promise<Household> {
    authorizePeople(actor, "people.read");
    const repository = new ResidentRepository(this.deps.db);
    const household = await repository.findHouseholdInScope(id, actor.scope);
    if (!household) throw notFound();
    return this.present(repository, household);
  }

  /**
   * Where a household lives and who lives there, for another module that checks scope itself (a
   * visit): its community, grid, compound and address, and its members' ids. Undefined for an
   * unknown or ended household.
   */
  async siteOf(id: string): Promise<HouseholdSite | undefined> {
    const repository = new ResidentRepository(this.deps.db);
    const household = await repository.findHouseholdInScope(id, allScope);
    if (!household || household.endedAt) return undefined;
    const place = household.dwellingId ? await this.deps.buildings.placeOf(household.dwellingId, allScope) : undefined;
    return {
      id: household.id,
      regionCode: household.regionCode,
      gridCode: household.gridCode,
      compoundId: place?.compoundId ?? null,
      address: place?.address ?? "",
      memberIds: (await repository.membersOf(household.id)).map((member) => member.id),
    };
  }

  private async present(repository: ResidentRepository, household: HouseholdRow): Promise<Household> {
    const today = this.residents.today();
    const members = await repository.membersOf(household.id);
    const history = await this.residents.present(await repository.eventsOf({ householdId: household.id }));
    const place = household.dwellingId ? await this.deps.buildings.placeOf(household.dwellingId, allScope) : undefined;
    return {
      id: household.id,
      regionCode: household.regionCode,
      gridCode: household.gridCode,
      dwellingId: household.dwellingId,
      address: place?.address ?? "",
      headResidentId: household.headResidentId,
      endedAt: household.endedAt?.toISOString() ?? null,
      mergedInto: household.mergedInto,
      members: members.map((member) => toResident(member, today)),
      history,
    };
  }

  /** 分户: some members leave to form a household of their own (here or in another dwelling), headed by one of them. */
  async split(actor: Actor, id: string, input: SplitHouseholdRequest, context: RequestContext): Promise<Household> {
    authorizePeople(actor, "people.manage");
    if (!input.memberIds.includes(input.headId)) throw invalid("headId", "not_a_member");
    const createdId = await this.deps.db.transaction(async (tx) => {
      const repository = new ResidentRepository(tx);
      const writer = this.residents.writerOn(tx);
      const household = await repository.lockHouseholdInScope(id, actor.scope);
      if (!household || household.endedAt) throw notFound();
      const members = await repository.membersOf(id);
      const leaving = members.filter((member) => input.memberIds.includes(member.id));
      if (leaving.length !== new Set(input.memberIds).size) throw invalid("memberIds", "not_a_member");
      if (leaving.length === members.length) throw invalid("memberIds", "all_members");
      const dwellingId = input.dwellingId ?? household.dwellingId;
      if (!dwellingId) throw invalid("dwellingId", "required");
      const place = await writer.placeOf(actor, dwellingId);
      const created = await repository.insertHousehold({
        id: uuidv7(),
        regionCode: place.regionCode,
        gridCode: place.gridCode,
        dwellingId: place.dwellingId,
        headResidentId: input.headId,
      });
      if (leaving.some((member) => member.id === household.headResidentId))
        await repository.updateHousehold(id, { headResidentId: null });
      const provenance = { actorUserId: actor.userId };
      for (const member of leaving) {
        const relation = member.id === input.headId ? "head" : member.relation === "head" ? "other" : member.relation;
        await repository.updateResident(member.id, {
          householdId: created.id,
          dwellingId: place.dwellingId,
          regionCode: place.regionCode,
          gridCode: place.gridCode,
          address: place.address,
          relation,
        });
        await new RegisterRepository(tx).followResident(member.id, place);
        const changes = [{ field: "householdId", from: id, to: created.id }];
        if (relation !== member.relation) changes.push({ field: "relation", from: member.relation ?? "", to: relation ?? "" });
        for (const householdId of [id, created.id])
          await writer.event(member.id, householdId, "household_split", provenance, { effectiveDate: input.date, changes });
      }
      await this.deps.audit.record(tx, succeeded(actor, context, "people.household_split", { type: "household", id }));
      return created.id;
    });
    return this.get(actor, createdId);
  }

  /** 合户: every member of this household joins another; this one ends, pointing at it. */
  async merge(actor: Actor, id: string, input: MergeHouseholdRequest, context: RequestContext): Promise<Household> {
    authorizePeople(actor, "people.manage");
    if (input.intoHouseholdId === id) throw invalid("intoHouseholdId", "same_household");
    await this.deps.db.transaction(async (tx) => {
      const repository = new ResidentRepository(tx);
      const writer = this.residents.writerOn(tx);
      const source = await repository.lockHouseholdInScope(id, actor.scope);
      if (!source || source.endedAt) throw notFound();
      const target = await repository.lockHouseholdInScope(input.intoHouseholdId, actor.scope);
      if (!target || target.endedAt) throw invalid("intoHouseholdId", "unknown_household");
      const place = target.dwellingId ? await writer.placeOf(actor, target.dwellingId) : undefined;
      const provenance = { actorUserId: actor.userId };
      for (const member of await repository.membersOf(id)) {
        const relation = member.relation === "head" ? "other" : member.relation;
        await repository.updateResident(member.id, {
          householdId: target.id,
          relation,
          ...(place
            ? { dwellingId: place.dwellingId, regionCode: place.regionCode, gridCode: place.gridCode, address: place.address }
            : {}),
        });
        if (place) await new RegisterRepository(tx).followResident(member.id, place);
        const changes = [{ field: "householdId", from: id, to: target.id }];
        for (const householdId of [id, target.id])
          await writer.event(member.id, householdId, "household_merged", provenance, { effectiveDate: input.date, changes });
      }
      await repository.updateHousehold(id, { endedAt: new Date(), mergedInto: target.id, headResidentId: null });
      await this.deps.audit.record(tx, succeeded(actor, context, "people.household_merged", { type: "household", id }));
    });
    return this.get(actor, input.intoHouseholdId);
  }
}
