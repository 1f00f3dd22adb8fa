import type { Locale, ServiceRequest } from "@linli/contracts";
import { workbookOf } from "../../platform/files/spreadsheet.js";
import { shanghaiDateTime } from "../../platform/time/local-date.js";

const kindNames: Record<string, [string, string]> = {
  elderly_care: ["养老服务", "Elderly care"],
  disability_support: ["助残服务", "Disability support"],
  child_care: ["儿童关爱", "Child care"],
  medical_care: ["医疗健康", "Medical care"],
  employment: ["就业帮扶", "Employment"],
  housing: ["住房保障", "Housing"],
  legal_aid: ["法律援助", "Legal aid"],
  psychological_support: ["心理疏导", "Psychological support"],
  other: ["其他", "Other"],
};
const statusNames: Record<string, [string, string]> = {
  open: ["待受理", "Open"],
  accepted: ["已受理", "Taken up"],
  done: ["已办结", "Done"],
  declined: ["不予受理", "Declined"],
};

/** The service requests as a workbook: when, where, what, how far they got and who took them up. */
export function serviceRequestsWorkbook(requests: ServiceRequest[], locale: Locale): Promise<Buffer> {
  const zh = locale === "zh-CN";
  const name = (names: Record<string, [string, string]>, key: string) => names[key]?.[zh ? 0 : 1] ?? key;
  return workbookOf(
    zh ? "服务需求" : "Service requests",
    [
      { header: zh ? "提出时间" : "Raised", key: "createdAt", width: 18 },
      { header: zh ? "社区" : "Community", key: "regionCode", width: 14 },
      { header: zh ? "网格" : "Grid", key: "gridCode", width: 18 },
      { header: zh ? "地址" : "Address", key: "address", width: 30 },
      { header: zh ? "类别" : "Kind", key: "kind", width: 14 },
      { header: zh ? "需求描述" : "Description", key: "description", width: 40 },
      { header: zh ? "状态" : "Status", key: "status", width: 10 },
      { header: zh ? "受理人" : "Taken up by", key: "handlerName", width: 12 },
      { header: zh ? "办理说明" : "Note", key: "note", width: 30 },
    ],
    requests.map((request) => ({
      ...request,
      createdAt: shanghaiDateTime(request.createdAt),
      kind: name(kindNames, request.kind),
      status: name(statusNames, request.status),
    })),
  );
}
