import { localDate } from "../../platform/time/local-date.js";
import type { Services } from "../../services.js";
import { actorOf } from "./demo-cases.js";

const context = { ip: null };
const kuihuali = "430405009009";

/**
 * 葵花里社区's dispute register: a neighbours' quarrel over renovation noise settled by agreement,
 * a parking dispute with the property company still being mediated, and a family quarrel over
 * supporting a parent referred to the people's mediation committee. Returns how many.
 */
export async function loadDemoDisputes(services: Services, accounts: ReadonlyMap<string, string>, today: Date): Promise<number> {
  const userId = accounts.get("demo.chief");
  if (!userId) throw new Error("demo account demo.chief is missing");
  const chief = actorOf(userId, "demo.chief", "chief_grid_leader", { regions: [kuihuali], grids: [] });
  const day = (offset: number) => localDate(new Date(today.getTime() + offset * 86_400_000));
  const stories = [
    {
      kind: "neighbour" as const,
      summary: "3栋楼上住户装修噪音大，午休时间也施工，楼下老人多次上门争吵",
      parties: ["楼下住户 周老伯", "楼上住户 吴先生"],
      reportedOn: day(-20),
      sessions: [{ heldOn: day(-18), notes: "网格员与调解员上门，双方同意只在 8:00–12:00、14:00–18:00 施工" }],
      close: { outcome: "agreement" as const, resolution: "签订调解协议，施工时间张贴在单元门口", followUpOn: day(10) },
    },
    {
      kind: "property_service" as const,
      summary: "业主认为固定车位被外来车辆占用，与物业公司就车位管理发生争执",
      parties: ["业主 郑女士", "衡阳市新葵花物业服务有限公司"],
      reportedOn: day(-5),
      sessions: [{ heldOn: day(-3), notes: "三方协商：物业加装车位地锁方案，下周业委会讨论" }],
    },
    {
      kind: "family" as const,
      summary: "兄弟二人就母亲的赡养费用分担发生矛盾",
      parties: ["兄 何某", "弟 何某某"],
      reportedOn: day(-40),
      sessions: [{ heldOn: day(-38), notes: "两次调解未达成一致，建议移交街道人民调解委员会" }],
      close: { outcome: "referred_committee" as const, resolution: "移交广东路街道人民调解委员会" },
    },
  ];
  for (const story of stories) {
    let dispute = await services.disputes.create(
      chief,
      {
        regionCode: kuihuali,
        gridCode: `${kuihuali}002`,
        kind: story.kind,
        summary: story.summary,
        parties: story.parties.map((name, index) => ({ name, side: index === 0 ? "applicant" : "respondent" })),
        mediators: ["罗春梅（社区书记）", "人民调解员 周桂英"],
        reportedOn: story.reportedOn,
      },
      context,
    );
    for (const session of story.sessions) dispute = await services.disputes.addSession(chief, dispute.id, session, context);
    if (story.close) await services.disputes.close(chief, dispute.id, { version: dispute.version, ...story.close }, context);
  }
  return stories.length;
}
