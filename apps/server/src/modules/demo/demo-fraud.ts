import type { Actor } from "../../platform/auth/actor.js";
import type { Services } from "../../services.js";
import { actorOf } from "./demo-cases.js";

const context = { ip: null };
const reasons = ["近期多次接听境外来电", "下载可疑“投资理财”App", "疑似参与“刷单返利”", "接到冒充公检法来电"];

/**
 * The city's winter campaign (反诈 上门预警劝阻): the police's list, imported as a CSV through the
 * same service a user's upload goes through; 葵花里's grid member has already reached one person.
 * And the police's yearly figures for 珠晖区 in the seed's shape (151 / 357 / 39.43 million yuan,
 * well up on the year before). Returns the warnings made.
 */
export async function loadDemoFraud(
  services: Services,
  system: Actor,
  accounts: ReadonlyMap<string, string>,
  listed: readonly { name: string; idNumber: string }[],
): Promise<number> {
  const campaign = await services.fraud.campaigns.create(
    system,
    { regionCode: "4304", title: "冬季反诈 上门预警劝阻", startsOn: "2026-11-01", deadline: "2027-01-31" },
    context,
  );
  const csv = [
    "姓名,身份证号,手机号,预警原因,劝阻期限",
    ...listed.map((person, index) => `${person.name},${person.idNumber},,${reasons[index % reasons.length]},`),
  ].join("\n");
  const report = await services.fraud.imports.import(
    system,
    campaign.id,
    Buffer.from(csv),
    { mode: "all_or_none", dryRun: false },
    "zh-CN",
    context,
  );
  const memberId = accounts.get("demo.member");
  if (!memberId) throw new Error("demo account demo.member is missing");
  const member = actorOf(memberId, "demo.member", "grid_member", { regions: [], grids: ["430405009009001"] });
  const [first] = (await services.fraud.warnings.list(member, { view: "mine" })).items;
  if (first)
    await services.fraud.warnings.recordOutcome(
      member,
      first.id,
      { outcome: "dissuaded", note: "上门讲解了常见诈骗手法，已安装国家反诈中心 App" },
      context,
    );
  for (const [year, casesSolved, arrests, fundsStoppedYuan] of [
    [2025, 27, 89, 14_600_000],
    [2026, 151, 357, 39_430_000],
  ] as const)
    await services.fraud.years.put(system, "430405", year, { casesSolved, arrests, fundsStoppedYuan }, context);
  return report.created;
}
