import type { FraudCampaign, FraudProgress, FraudWarning, FraudYear, Locale } from "@linli/contracts";
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

/** The campaigns as a workbook. */
export function campaignsWorkbook(campaigns: readonly FraudCampaign[], locale: Locale): Promise<Buffer> {
  const zh = locale === "zh-CN";
  return workbookOf(
    zh ? "预警劝阻行动" : "Campaigns",
    [
      { header: zh ? "行动名称" : "Title", key: "title", width: 30 },
      { header: zh ? "范围" : "Area", key: "regionName", width: 16 },
      { header: zh ? "开始日期" : "Starts on", key: "startsOn", width: 12 },
      { header: zh ? "劝阻期限" : "Deadline", key: "deadline", width: 12 },
      { header: zh ? "预警人数" : "Listed", key: "warnings", width: 10 },
      { header: zh ? "已劝阻/已预警" : "Warned", key: "done", width: 14 },
    ],
    [...campaigns],
  );
}

/** The yearly figures with their year-on-year change (%), as a workbook. */
export function yearsWorkbook(years: readonly FraudYear[], locale: Locale): Promise<Buffer> {
  const zh = locale === "zh-CN";
  return workbookOf(
    zh ? "年度战果" : "Yearly figures",
    [
      { header: zh ? "年度" : "Year", key: "year", width: 8 },
      { header: zh ? "破获电诈案件（起）" : "Cases solved", key: "casesSolved", width: 16 },
      { header: zh ? "同比（%）" : "YoY (%)", key: "casesChange", width: 10 },
      { header: zh ? "抓获（人）" : "Arrests", key: "arrests", width: 12 },
      { header: zh ? "同比（%）" : "YoY (%)", key: "arrestsChange", width: 10 },
      { header: zh ? "止付冻结（元）" : "Funds stopped (yuan)", key: "fundsStoppedYuan", width: 18 },
      { header: zh ? "同比（%）" : "YoY (%)", key: "fundsChange", width: 10 },
    ],
    years.map((year) => ({
      ...year,
      casesChange: year.change.casesSolved,
      arrestsChange: year.change.arrests,
      fundsChange: year.change.fundsStoppedYuan,
    })),
  );
}
