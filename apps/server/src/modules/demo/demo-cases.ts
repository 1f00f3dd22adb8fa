import { defaultRolePermissions, type Role, type TransitionRequest } from "@linli/contracts";
import type { Actor } from "../../platform/auth/actor.js";
import type { Services } from "../../services.js";

const kuihuali = "430405009009";
const context = { ip: null };

/** An account of the demo as the actor it signs in as. */
export function actorOf(userId: string, username: string, role: Role, scope: Actor["scope"]): Actor {
  return {
    userId,
    username,
    displayName: username,
    roles: [role],
    permissions: [...defaultRolePermissions[role]],
    scope,
    twoFactor: { enabled: false, required: false },
    mustChangePassword: false,
  };
}

/**
 * 葵花里社区's cases, taken through the same services and steps as anyone's: a street lamp
 * reported by the grid member, fixed by 新葵花苑小区's property company and rated; an e-bike
 * charged indoors, being handled; a neighbours' dispute a resident reported without an account,
 * waiting to be registered. Returns how many cases it made.
 */
export async function loadDemoCases(services: Services, accounts: ReadonlyMap<string, string>): Promise<number> {
  const id = (username: string) => {
    const found = accounts.get(username);
    if (!found) throw new Error(`demo account ${username} is missing`);
    return found;
  };
  const member = actorOf(id("demo.member"), "demo.member", "grid_member", { regions: [], grids: [`${kuihuali}001`] });
  const leader = actorOf(id("demo.leader"), "demo.leader", "grid_leader", { regions: [kuihuali], grids: [] });
  const property = actorOf(id("demo.property"), "demo.property", "property_staff", { regions: [kuihuali], grids: [] });
  const [compound] = (await services.compounds.searchByName("新葵花苑小区")).filter((item) => item.regionCode === kuihuali);
  if (!compound) throw new Error("新葵花苑小区 is missing from the demo");
  /** One step, at the version the case is at now. */
  const step = async (
    actor: Actor,
    caseId: string,
    request: Record<string, unknown> & { transition: TransitionRequest["transition"] },
  ) => {
    const { version } = await services.cases.get(actor, caseId);
    await services.caseWorkflow.transition(actor, caseId, { ...request, version, photoIds: [] } as TransitionRequest, context);
  };

  const lamp = await services.cases.report(
    { kind: "user", actor: member },
    {
      categoryCode: "component.public_facilities.street_lamp",
      description: "5栋与6栋之间的路灯晚上不亮，老人散步看不清路",
      compoundId: compound.id,
      address: "5栋与6栋之间",
      answers: { pole_number: "XKH-05" },
      photoIds: [],
    },
    context,
  );
  await step(leader, lamp.row.id, { transition: "dispatch", handlerUserId: property.userId, note: "请物业今天修复" });
  await step(property, lamp.row.id, { transition: "start" });
  await step(property, lamp.row.id, { transition: "handle", note: "已更换灯泡并检查线路" });
  await step(leader, lamp.row.id, { transition: "verify", note: "晚上复查，路灯已亮" });
  await step(leader, lamp.row.id, { transition: "close" });
  await services.cases.rate({ actor: member, caseId: lamp.row.id }, { rating: 5, comment: "修得很快，谢谢" }, context);

  const charging = await services.cases.report(
    { kind: "user", actor: member },
    {
      categoryCode: "community.hazards.ebike_charging",
      description: "3栋1单元有住户把电动车推进楼道充电",
      compoundId: compound.id,
      address: "3栋1单元楼道",
      answers: {},
      photoIds: [],
    },
    context,
  );
  await step(leader, charging.row.id, { transition: "dispatch" });
  await step(property, charging.row.id, { transition: "start", note: "已上门劝导，正在协调集中充电桩" });

  await services.cases.report(
    { kind: "public" },
    {
      categoryCode: "community.disputes.neighbour",
      description: "楼上装修噪音大，晚上十点后还在施工",
      regionCode: kuihuali,
      compoundId: compound.id,
      address: "2栋",
      answers: {},
      photoIds: [],
      reporterName: "王女士",
    },
    context,
  );
  return 3;
}
