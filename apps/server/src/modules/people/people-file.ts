import { type ResidentFileColumn, residentFileColumns } from "@linli/contracts";
import ExcelJS from "exceljs";
import type { FieldErrorInput } from "../../platform/errors/app-error.js";
import { readSheetRows, type SheetRow } from "../../platform/files/spreadsheet.js";

export const sheetTitle = "居民";
/** A community's residents fit; a larger file is split by grid. */
export const maxRows = 20_000;

/** The interface's words for coded values, as people type them in the workbook; codes are accepted too. */
export const labels = {
  relation: {
    head: "户主",
    spouse: "配偶",
    child: "子女",
    parent: "父母",
    grandchild: "孙子女",
    grandparent: "祖父母",
    sibling: "兄弟姐妹",
    other: "其他",
  },
  gender: { male: "男", female: "女" },
  registration: { local: "户籍", migrant: "流动" },
  politicalStatus: {
    party_member: "中共党员",
    probationary_member: "中共预备党员",
    league_member: "共青团员",
    other_party: "民主党派",
    masses: "群众",
  },
  livingStatus: { present: "在住", away: "外出", moved_out: "迁出", deceased: "死亡" },
  tags: {
    party_member: "党员",
    volunteer: "志愿者",
    elderly_living_alone: "独居老人",
    disabled: "残疾人",
    subsistence_allowance: "低保",
    left_behind_child: "留守儿童",
    veteran: "退役军人",
    key_care: "重点关爱",
  },
} as const satisfies Record<string, Record<string, string>>;

/** One data row of the sheet: its number in the workbook and its cells as text, by column key. */
export type FileRow = SheetRow<ResidentFileColumn>;

/** The code a label (or the code itself) stands for, or undefined when it is neither. */
export function codeOf(kind: keyof typeof labels, text: string): string | undefined {
  const entries = Object.entries(labels[kind]) as [string, string][];
  return entries.find(([code, label]) => label === text || code === text)?.[0];
}

/** Reads the sheet 居民: a file that is no workbook, lacks the sheet or a required column, or is too long is refused whole. */
export function readResidentsWorkbook(content: Buffer): Promise<{ rows: FileRow[]; errors: FieldErrorInput[] }> {
  return readSheetRows(content, { sheetTitle, columns: residentFileColumns, maxRows });
}

/** The workbook: notes, then the sheet 居民 with the given rows (none: the template, with one example). */
export async function residentsWorkbook(rows: Partial<Record<ResidentFileColumn, string>>[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Linli 邻里";
  const notes = workbook.addWorksheet("说明");
  notes.columns = [{ width: 110 }];
  for (const line of [
    "邻里 · 实有人口导入模板（工作表“居民”）",
    "第一行为表头，请勿修改；从第二行起每行一人。导入要么全部成功，要么一条也不写入，错误会逐行逐列列出。",
    "同一“户编号”的各行为同一户，须有且只有一名“户主”，并住在同一房屋；房屋按 小区+楼栋+单元+房号 匹配本社区已有房屋。",
    "身份证号按 GB 11643 校验；性别、出生日期由身份证号读出，无身份证号时才需填写。手机号为 11 位大陆手机号。",
    "同一身份证号的人已登记时，该行会更新此人的信息而不会重复登记：同一文件导入两次不会产生重复。",
    `与户主关系：${Object.values(labels.relation).join("、")}；户籍类型：户籍、流动；居住状态：在住、外出。`,
    `政治面貌：${Object.values(labels.politicalStatus).join("、")}；标签：${Object.values(labels.tags).join("、")}。`,
    "单元格中的公式不会被计算，按文字保存。导出的名单中身份证号与手机号已脱敏，不能直接再导入。",
  ])
    notes.addRow([line]);
  const sheet = workbook.addWorksheet(sheetTitle);
  sheet.columns = residentFileColumns.map((column) => ({
    header: column.header,
    key: column.key,
    width: column.key === "idNumber" ? 22 : column.key === "tags" ? 24 : 12,
    // Text cells: Excel must not turn an ID number into 4.30405E+17.
    style: { numFmt: "@" },
  }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
