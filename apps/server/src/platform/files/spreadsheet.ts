import { Readable } from "node:stream";
import ExcelJS from "exceljs";
import type { FieldErrorInput } from "../errors/app-error.js";

/**
 * A cell as text. A formula is kept as its text (`=…`), never its computed result: what the
 * workbook claims to compute is not evidence; dates become YYYY-MM-DD.
 */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "object") {
    const object = value as { formula?: string; sharedFormula?: string; richText?: { text: string }[]; text?: unknown };
    if (object.formula !== undefined || object.sharedFormula !== undefined) return `=${object.formula ?? object.sharedFormula}`;
    if (object.richText) return object.richText.map((part) => part.text).join("");
    if (object.text !== undefined) return String(object.text);
    return "";
  }
  return String(value);
}

/** One data row: its number in the file (the header is row 1) and its non-empty cells as text, by column key. */
export interface SheetRow<Key extends string> {
  row: number;
  cells: Partial<Record<Key, string>>;
}

export interface SheetColumn<Key extends string> {
  key: Key;
  header: string;
  required?: boolean;
}

const zipSignature = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/**
 * The text of a CSV file: UTF-8 (with or without the BOM Excel writes), or else GB 18030, the
 * encoding Excel on a Chinese Windows saves "CSV" in.
 */
export function csvText(content: Buffer): string {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(content);
  } catch {
    return new TextDecoder("gb18030").decode(content);
  }
}

async function worksheetOf(
  content: Buffer,
  sheetTitle: string,
  csv: boolean,
): Promise<{ sheet: ExcelJS.Worksheet } | { error: FieldErrorInput }> {
  const workbook = new ExcelJS.Workbook();
  if (csv && !content.subarray(0, 4).equals(zipSignature))
    // Every value stays text: an ID number must not become 4.30405E+17, a date must stay as typed.
    return { sheet: await workbook.csv.read(Readable.from([csvText(content)]), { map: (value: string) => value } as never) };
  try {
    await workbook.xlsx.load(content as unknown as ExcelJS.Buffer);
  } catch {
    return { error: { in: "body", field: "body", code: csv ? "not_a_table" : "not_a_workbook" } };
  }
  const sheet = workbook.getWorksheet(sheetTitle);
  return sheet ? { sheet } : { error: { in: "body", field: "body", code: "missing_sheet", params: { sheet: sheetTitle } } };
}

/**
 * Reads a table with a header row from an Excel workbook (its sheet `sheetTitle`) or, with `csv`,
 * a CSV file (told apart by their bytes): a file that is neither, lacks the sheet or a required column, or
 * is too long is refused whole; blank rows are skipped.
 */
export async function readSheetRows<Key extends string>(
  content: Buffer,
  options: { sheetTitle: string; columns: readonly SheetColumn<Key>[]; maxRows: number; csv?: boolean },
): Promise<{ rows: SheetRow<Key>[]; errors: FieldErrorInput[] }> {
  const opened = await worksheetOf(content, options.sheetTitle, options.csv ?? false);
  if ("error" in opened) return { rows: [], errors: [opened.error] };
  const worksheet = opened.sheet;
  const headers = ((worksheet.getRow(1).values as unknown[]) ?? []).map((value) =>
    cellText(value as ExcelJS.CellValue)
      .replace(/^\uFEFF/, "")
      .trim(),
  );
  const positions = options.columns.map((column) => headers.indexOf(column.header));
  const missing = options.columns.filter((column, index) => positions[index] === -1 && column.required);
  if (missing.length > 0)
    return {
      rows: [],
      errors: missing.map((column) => ({
        in: "body" as const,
        field: `rows.1.${column.key}`,
        code: "missing_column",
        params: { column: column.header },
      })),
    };
  if (worksheet.actualRowCount - 1 > options.maxRows)
    return { rows: [], errors: [{ in: "body", field: "body", code: "too_many_rows", params: { maximum: options.maxRows } }] };
  const rows: SheetRow<Key>[] = [];
  worksheet.eachRow((row, number) => {
    if (number === 1) return;
    const cells: Partial<Record<Key, string>> = {};
    options.columns.forEach((column, index) => {
      const position = positions[index] ?? -1;
      if (position < 0) return;
      const text = cellText(row.getCell(position).value).trim();
      if (text) cells[column.key] = text;
    });
    if (Object.keys(cells).length > 0) rows.push({ row: number, cells });
  });
  return { rows, errors: [] };
}

/** A one-sheet workbook: bold headers, then the rows (an export of a list). */
export async function workbookOf(
  title: string,
  columns: { header: string; key: string; width: number }[],
  rows: Record<string, unknown>[],
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Linli 邻里";
  const sheet = workbook.addWorksheet(title);
  sheet.columns = columns;
  for (const row of rows) sheet.addRow(row);
  sheet.getRow(1).font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
