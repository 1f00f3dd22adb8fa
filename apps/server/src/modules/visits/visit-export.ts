import type { Locale, VisitCoverage, VisitTask } from "@linli/contracts";
import { workbookOf } from "../../platform/files/spreadsheet.js";

const statusNames: Record<VisitTask["status"], [string, string]> = {
  open: ["待走访", "To visit"],
  overdue: ["已逾期", "Overdue"],
  done: ["已完成", "Done"],
};

/** The board's tasks as a workbook: address, rule, grid, period, due date, status. */
export function tasksWorkbook(tasks: readonly VisitTask[], locale: Locale): Promise<Buffer> {
  const zh = locale === "zh-CN";
  return workbookOf(
    zh ? "走访任务" : "Visit tasks",
    [
      { header: zh ? "住址" : "Address", key: "address", width: 40 },
      { header: zh ? "走访规则" : "Rule", key: "ruleName", width: 20 },
      { header: zh ? "网格" : "Grid", key: "gridCode", width: 18 },
      { header: zh ? "周期开始" : "Period from", key: "periodStart", width: 12 },
      { header: zh ? "截止日期" : "Due", key: "dueDate", width: 12 },
      { header: zh ? "状态" : "Status", key: "status", width: 10 },
    ],
    tasks.map((task) => ({ ...task, status: statusNames[task.status][zh ? 0 : 1] })),
  );
}

/** Coverage per grid as a workbook. */
export function coverageWorkbook(coverage: VisitCoverage, locale: Locale): Promise<Buffer> {
  const zh = locale === "zh-CN";
  return workbookOf(
    zh ? "走访覆盖" : "Coverage",
    [
      { header: zh ? "网格" : "Grid", key: "gridCode", width: 18 },
      { header: zh ? "应走访" : "Due", key: "due", width: 10 },
      { header: zh ? "已走访" : "Visited", key: "visited", width: 10 },
      { header: zh ? "未走访" : "Not reached", key: "notReached", width: 12 },
      { header: zh ? "已逾期" : "Overdue", key: "overdue", width: 10 },
    ],
    coverage.items.map((item) => ({ ...item, gridCode: item.gridCode ?? (zh ? "未划入网格" : "In no grid") })),
  );
}
