import type { DisputeList, DisputeStats, Locale } from "@linli/contracts";
import { workbookOf } from "../../platform/files/spreadsheet.js";

const kindNames: Record<string, [string, string]> = {
  neighbour: ["邻里纠纷", "Neighbours"],
  family: ["婚姻家庭", "Family"],
  property_service: ["物业纠纷", "Property service"],
  tenancy: ["房屋租赁", "Tenancy"],
  labour: ["劳动争议", "Labour"],
  land: ["土地山林", "Land"],
  other: ["其他", "Other"],
};
export const outcomeNames: Record<string, [string, string]> = {
  agreement: ["调解成功", "Agreement reached"],
  referred_committee: ["移交人民调解委员会", "Referred to the mediation committee"],
  referred_court: ["引导诉讼", "Referred to court"],
  referred_police: ["移交公安", "Referred to the police"],
  withdrawn: ["申请人撤回", "Withdrawn"],
};

/** The register as a workbook: kind, parties, mediators, dates, outcome. */
export function disputesWorkbook(disputes: DisputeList["items"], locale: Locale): Promise<Buffer> {
  const zh = locale === "zh-CN";
  const name = (names: Record<string, [string, string]>, key: string | null) =>
    key ? (names[key]?.[zh ? 0 : 1] ?? key) : zh ? "调解中" : "Open";
  return workbookOf(
    zh ? "矛盾纠纷" : "Disputes",
    [
      { header: zh ? "登记日期" : "Reported", key: "reportedOn", width: 12 },
      { header: zh ? "社区" : "Community", key: "regionCode", width: 14 },
      { header: zh ? "网格" : "Grid", key: "gridCode", width: 18 },
      { header: zh ? "类型" : "Kind", key: "kind", width: 12 },
      { header: zh ? "当事人" : "Parties", key: "parties", width: 24 },
      { header: zh ? "调解人" : "Mediators", key: "mediators", width: 24 },
      { header: zh ? "纠纷概要" : "Summary", key: "summary", width: 40 },
      { header: zh ? "调解次数" : "Sessions", key: "sessions", width: 10 },
      { header: zh ? "结果" : "Outcome", key: "outcome", width: 18 },
      { header: zh ? "回访日期" : "Follow-up", key: "followUpOn", width: 12 },
    ],
    disputes.map((dispute) => ({
      ...dispute,
      kind: name(kindNames, dispute.kind),
      parties: dispute.parties.map((party) => party.name).join("、"),
      mediators: dispute.mediators.join("、"),
      outcome: name(outcomeNames, dispute.outcome),
    })),
  );
}

/** Per community: received, open, outcomes, success rate. */
export function statsWorkbook(stats: DisputeStats, locale: Locale): Promise<Buffer> {
  const zh = locale === "zh-CN";
  return workbookOf(
    zh ? "调解成功率" : "Mediation",
    [
      { header: zh ? "社区" : "Community", key: "regionName", width: 20 },
      { header: zh ? "受理" : "Received", key: "received", width: 10 },
      { header: zh ? "调解中" : "Open", key: "open", width: 10 },
      { header: zh ? "调解成功" : "Agreement", key: "agreement", width: 10 },
      { header: zh ? "移交/引导" : "Referred", key: "referred", width: 10 },
      { header: zh ? "撤回" : "Withdrawn", key: "withdrawn", width: 10 },
      { header: zh ? "调解成功率（%）" : "Success rate (%)", key: "successRate", width: 16 },
      { header: zh ? "待回访" : "Follow-ups due", key: "followUpsDue", width: 12 },
    ],
    stats.items,
  );
}
