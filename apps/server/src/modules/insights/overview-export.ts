import type { Locale, Overview } from "@linli/contracts";
import ExcelJS from "exceljs";
import { outcomeNames } from "../disputes/dispute-export.js";

type Names = Record<string, [string, string]>;

const levelNames: Names = {
  all: ["全部", "Everywhere"],
  province: ["省", "Province"],
  city: ["市", "City"],
  county: ["区县", "County"],
  township: ["街道乡镇", "Township"],
  community: ["社区村", "Community"],
  grid: ["网格", "Grid"],
};
const tagNames: Names = {
  party_member: ["党员", "Party members"],
  volunteer: ["志愿者", "Volunteers"],
  elderly_living_alone: ["独居老人", "Elderly living alone"],
  disabled: ["残疾人", "Disabled"],
  subsistence_allowance: ["低保", "Subsistence allowance"],
  left_behind_child: ["留守儿童", "Left-behind children"],
  veteran: ["退役军人", "Veterans"],
  key_care: ["重点关爱", "Key care"],
};
const registerNames: Names = {
  drug_rehabilitation: ["社区戒毒康复人员", "Drug rehabilitation"],
  community_correction: ["社区矫正对象", "Community correction"],
  released_prisoner: ["刑满释放人员", "Released prisoners"],
  severe_mental_disorder: ["严重精神障碍患者", "Severe mental disorder"],
  key_youth: ["重点青少年", "Key youth"],
  child_in_difficulty: ["困境儿童", "Children in difficulty"],
  family_in_difficulty: ["困难家庭", "Families in difficulty"],
};

/** The overview as a workbook: its figures, the places below it, and the months of this year beside last year's. */
export async function overviewWorkbook(overview: Overview, locale: Locale): Promise<Buffer> {
  const zh = locale === "zh-CN";
  const say = (chinese: string, english: string) => (zh ? chinese : english);
  const name = (names: Names, key: string) => names[key]?.[zh ? 0 : 1] ?? key;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Linli 邻里";

  const figures = workbook.addWorksheet(say("概览", "Overview"));
  figures.columns = [
    { header: say("指标", "Figure"), key: "label", width: 36 },
    { header: say("数值", "Value"), key: "value", width: 16 },
  ];
  const add = (label: string, value: number | string | null) => figures.addRow({ label, value: value ?? "—" });
  const percent = (value: number | null) => (value === null ? null : `${(value * 100).toFixed(1)}%`);
  const change = (value: number | null) => (value === null ? null : `${value > 0 ? "+" : ""}${value}%`);
  add(say("区域", "Place"), `${name(levelNames, overview.place.level)} ${overview.place.name}`);
  add(say("统计日期", "Date"), overview.today);
  add(say("数据截至", "Figures as of"), overview.asOf);
  const { people, cases, visits, disputes } = overview;
  if (people) {
    add(say("实有人口", "Residents"), people.residents);
    add(say("户数", "Households"), people.households);
    add(say("流动人口", "Migrants"), people.migrants);
    for (const entry of people.tags) add(name(tagNames, entry.tag), entry.count);
    for (const entry of people.registers) add(name(registerNames, entry.register), entry.count);
  }
  if (cases) {
    add(say("在办事件", "Open cases"), cases.open);
    add(say("超期督办事件", "Overdue, escalated"), cases.overdue);
    add(say("本月上报", "Reported this month"), cases.reportedThisMonth);
    add(say("去年同月上报", "Same month last year"), cases.reportedThisMonthLastYear);
    add(say("本月上报同比", "This month, year on year"), change(cases.reportedThisMonthChange));
    add(say("本月结案", "Closed this month"), cases.closedThisMonth);
    add(say("今年累计上报", "Reported this year"), cases.yearToDate.reported);
    add(say("去年同期上报", "Same period last year"), cases.lastYearToDate.reported);
    add(say("累计上报同比", "This year, year on year"), change(cases.reportedYearToDateChange));
    add(say("按期处置率", "On-time handling rate"), percent(cases.yearToDate.onTimeRate));
    add(say("结案率", "Closure rate"), percent(cases.yearToDate.closureRate));
    add(say("返工率", "Rework rate"), percent(cases.yearToDate.reworkRate));
    add(say("满意率", "Satisfaction"), percent(cases.yearToDate.satisfactionRate));
  }
  if (visits) {
    add(say("本季度应走访", "Visits due this quarter"), visits.due);
    add(say("已走访", "Visited"), visits.done);
    add(say("未走访", "Not reached"), visits.notDone);
    add(say("逾期未走访", "Overdue"), visits.overdue);
    add(say("走访覆盖率", "Coverage"), percent(visits.coverage));
  }
  if (disputes) {
    add(say("调解中纠纷", "Disputes open"), disputes.open);
    add(say("今年受理纠纷", "Disputes this year"), disputes.reportedThisYear);
    add(say("去年同期受理", "Same period last year"), disputes.reportedLastYearToDate);
    add(say("受理同比", "Year on year"), change(disputes.reportedChange));
    for (const entry of disputes.outcomes) add(name(outcomeNames, entry.outcome), entry.count);
    add(say("调解成功率", "Mediation success rate"), percent(disputes.successRate));
  }
  figures.getRow(1).font = { bold: true };

  const below = workbook.addWorksheet(say("下级", "Below"));
  below.columns = [
    { header: say("层级", "Level"), key: "level", width: 10 },
    { header: say("代码", "Code"), key: "code", width: 18 },
    { header: say("名称", "Name"), key: "name", width: 24 },
    { header: say("实有人口", "Residents"), key: "residents", width: 12 },
    { header: say("户数", "Households"), key: "households", width: 12 },
    { header: say("在办事件", "Open cases"), key: "casesOpen", width: 12 },
    { header: say("超期督办", "Overdue"), key: "casesOverdue", width: 12 },
    { header: say("本月上报", "Reported this month"), key: "casesReportedThisMonth", width: 14 },
    { header: say("本季度应走访", "Visits due"), key: "visitsDue", width: 14 },
    { header: say("已走访", "Visited"), key: "visitsDone", width: 12 },
    { header: say("覆盖率", "Coverage"), key: "visitCoverage", width: 12 },
    { header: say("调解中纠纷", "Disputes open"), key: "disputesOpen", width: 12 },
  ];
  for (const child of overview.children)
    below.addRow({ ...child, level: name(levelNames, child.level), visitCoverage: percent(child.visitCoverage) });
  below.getRow(1).font = { bold: true };

  const months = workbook.addWorksheet(say("月度", "Months"));
  months.columns = [
    { header: say("月份", "Month"), key: "month", width: 10 },
    { header: say("事件上报", "Cases reported"), key: "casesReported", width: 14 },
    { header: say("去年同月", "Last year"), key: "casesReportedLastYear", width: 12 },
    { header: say("事件结案", "Cases closed"), key: "casesClosed", width: 12 },
    { header: say("纠纷受理", "Disputes"), key: "disputesReported", width: 12 },
    { header: say("去年同月", "Last year"), key: "disputesReportedLastYear", width: 12 },
  ];
  for (const month of overview.months) months.addRow(month);
  months.getRow(1).font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
