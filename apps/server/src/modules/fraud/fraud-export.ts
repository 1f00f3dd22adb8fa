import type { FraudProgress, FraudWarning, Locale } from "@linli/contracts";
import { workbookOf } from "../../platform/files/spreadsheet.js";

const statusNames: Record<FraudWarning["status"], [string, string]> = {
  open: ["待上门", "To visit"],
  overdue: ["已逾期", "Overdue"],
  dissuaded: ["已劝阻", "Dissuaded"],
  warned: ["已预警", "Warned"],
  not_reached: ["未见到本人", "Not reached"],
};

/** A campaign's warnings as a workbook: who, where, why, by when, and what came of it. */
export function warningsWorkbook(warnings: readonly FraudWarning[], locale: Locale): Promise<Buffer> {
  const zh = locale === "zh-CN";
  return workbookOf(
    zh ? "预警劝阻" : "Warnings",
    [
      { header: zh ? "姓名" : "Name", key: "name", width: 12 },
      { header: zh ? "住址" : "Address", key: "address", width: 40 },
      { header: zh ? "网格" : "Grid", key: "gridCode", width: 18 },
      { header: zh ? "预警原因" : "Reason", key: "reason", width: 30 },
      { header: zh ? "期限" : "Deadline", key: "deadline", width: 12 },
      { header: zh ? "状态" : "Status", key: "status", width: 12 },
      { header: zh ? "情况说明" : "Note", key: "note", width: 30 },
    ],
    warnings.map((warning) => ({ ...warning, status: statusNames[warning.status][zh ? 0 : 1] })),
  );
}

/** A campaign's progress per area as a workbook. */
export function progressWorkbook(progress: FraudProgress, locale: Locale): Promise<Buffer> {
  const zh = locale === "zh-CN";
  return workbookOf(
    zh ? "进度" : "Progress",
    [
      { header: zh ? "地区" : "Area", key: "regionName", width: 20 },
      { header: zh ? "代码" : "Code", key: "regionCode", width: 14 },
      { header: zh ? "预警人数" : "Listed", key: "total", width: 10 },
      { header: zh ? "已劝阻" : "Dissuaded", key: "dissuaded", width: 10 },
      { header: zh ? "已预警" : "Warned", key: "warned", width: 10 },
      { header: zh ? "未见到本人" : "Not reached", key: "notReached", width: 12 },
      { header: zh ? "待上门" : "To visit", key: "open", width: 10 },
      { header: zh ? "已逾期" : "Overdue", key: "overdue", width: 10 },
      { header: zh ? "见面预警率（%）" : "Reached (%)", key: "reachedRate", width: 14 },
    ],
    progress.items,
  );
}
