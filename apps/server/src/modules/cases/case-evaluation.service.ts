import type { Evaluation, EvaluationQuery, EvaluationRow } from "@linli/contracts";
import ExcelJS from "exceljs";
import type { Database } from "../../db/client.js";
import type { Actor } from "../../platform/auth/actor.js";
import { ratio } from "../../platform/stats/rates.js";
import { CaseEvaluationRepository, type EvaluationCounts } from "./case-evaluation.repository.js";
import { authorizeCases } from "./cases.policy.js";

const hours = (value: number | null) => (value === null ? null : Math.round(value * 10) / 10);

function toRow(counts: EvaluationCounts): EvaluationRow {
  return {
    key: counts.key,
    name: counts.name ?? counts.key,
    cases: counts.cases,
    registered: counts.registered,
    dispatched: counts.dispatched,
    handledOnTime: counts.handled_on_time,
    onTimeRate: ratio(counts.handled_on_time, counts.dispatched),
    closed: counts.closed,
    closureRate: ratio(counts.closed, counts.registered),
    reworked: counts.reworked,
    reworkRate: ratio(counts.reworked, counts.handled),
    rated: counts.rated,
    satisfied: counts.satisfied,
    satisfactionRate: ratio(counts.satisfied, counts.rated),
    averageHours: {
      register: hours(counts.register_hours),
      dispatch: hours(counts.dispatch_hours),
      handle: hours(counts.handle_hours),
      verify: hours(counts.verify_hours),
    },
  };
}

const empty: EvaluationCounts = {
  key: "",
  name: null,
  cases: 0,
  registered: 0,
  dispatched: 0,
  handled_on_time: 0,
  handled: 0,
  closed: 0,
  reworked: 0,
  rated: 0,
  satisfied: 0,
  register_hours: null,
  dispatch_hours: null,
  handle_hours: null,
  verify_hours: null,
};

/** 综合评价: on-time handling, closure, rework and satisfaction rates and time per stage, by party, grid, community or month. */
export class CaseEvaluationService {
  constructor(private readonly db: Database) {}

  async evaluate(actor: Actor, query: EvaluationQuery): Promise<Evaluation> {
    authorizeCases(actor, "cases.read");
    const repository = new CaseEvaluationRepository(this.db);
    const [rows, [total]] = await Promise.all([
      repository.counts(actor.scope, query.from, query.to, query.groupBy),
      repository.counts(actor.scope, query.from, query.to, "total"),
    ]);
    return {
      groupBy: query.groupBy,
      from: query.from,
      to: query.to,
      rows: rows.map(toRow),
      total: { ...toRow(total ?? empty), key: "", name: "" },
    };
  }

  /** The same table as an Excel workbook, with headings in the caller's language. */
  async export(actor: Actor, query: EvaluationQuery, locale: "zh-CN" | "en"): Promise<Buffer> {
    const evaluation = await this.evaluate(actor, query);
    const zh = locale === "zh-CN";
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet(zh ? "综合评价" : "Evaluation");
    const percent = (value: number | null) => (value === null ? null : value);
    sheet.columns = [
      { header: zh ? "名称" : "Name", key: "name", width: 28 },
      { header: zh ? "事件数" : "Cases", key: "cases", width: 10 },
      { header: zh ? "立案数" : "Registered", key: "registered", width: 10 },
      { header: zh ? "应处置数" : "Dispatched", key: "dispatched", width: 10 },
      { header: zh ? "按期处置数" : "Handled on time", key: "handledOnTime", width: 12 },
      { header: zh ? "按期处置率" : "On-time rate", key: "onTimeRate", width: 12, style: { numFmt: "0.0%" } },
      { header: zh ? "结案数" : "Closed", key: "closed", width: 10 },
      { header: zh ? "结案率" : "Closure rate", key: "closureRate", width: 12, style: { numFmt: "0.0%" } },
      { header: zh ? "返工数" : "Reworked", key: "reworked", width: 10 },
      { header: zh ? "返工率" : "Rework rate", key: "reworkRate", width: 12, style: { numFmt: "0.0%" } },
      { header: zh ? "评价数" : "Rated", key: "rated", width: 10 },
      { header: zh ? "满意率" : "Satisfaction", key: "satisfactionRate", width: 12, style: { numFmt: "0.0%" } },
      { header: zh ? "立案平均用时(小时)" : "Register (h)", key: "register", width: 16 },
      { header: zh ? "派遣平均用时(小时)" : "Dispatch (h)", key: "dispatch", width: 16 },
      { header: zh ? "处置平均用时(小时)" : "Handle (h)", key: "handle", width: 16 },
      { header: zh ? "核查结案平均用时(小时)" : "Verify (h)", key: "verify", width: 18 },
    ];
    for (const row of [...evaluation.rows, { ...evaluation.total, name: zh ? "合计" : "Total" }])
      sheet.addRow({
        ...row,
        onTimeRate: percent(row.onTimeRate),
        closureRate: percent(row.closureRate),
        reworkRate: percent(row.reworkRate),
        satisfactionRate: percent(row.satisfactionRate),
        ...row.averageHours,
      });
    sheet.getRow(1).font = { bold: true };
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }
}
