import { checkIdNumber, type FraudListColumn, fraudListColumns, mobileSchema } from "@linli/contracts";
import type { FieldErrorInput } from "../../platform/errors/app-error.js";
import { readSheetRows } from "../../platform/files/spreadsheet.js";

export const listSheetTitle = "预警名单";
/** A township's list fits many times over; a longer one is split. */
export const maxListRows = 20_000;
const maxReason = 500;

/** A row of the police's list, checked: who (by ID or phone number), why, by when. */
export interface ListRow {
  row: number;
  name: string;
  idNumber?: string;
  phone?: string;
  reason: string;
  deadline: string;
}

/** A refused cell: the row, the column, the reason code. */
export interface RowProblem {
  row: number;
  column: FraudListColumn;
  code: string;
  params?: Record<string, unknown>;
}

export function readFraudList(content: Buffer) {
  return readSheetRows(content, { sheetTitle: listSheetTitle, columns: fraudListColumns, maxRows: maxListRows, csv: true });
}

const isDate = (text: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const parsed = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === text;
};

/** "2026/12/31" and "2026.12.31" as people type them, as YYYY-MM-DD; anything else unchanged. */
const normalDate = (text: string) =>
  text.replace(
    /^(\d{4})[/.年](\d{1,2})[/.月](\d{1,2})日?$/,
    (_all, y: string, m: string, d: string) => `${y}-${m.padStart(2, "0")}-${d.padStart(2, "0")}`,
  );

/**
 * Checks one row's own cells (nothing that needs the registry): a name and a reason; an ID number
 * that passes GB 11643, or else a mobile number; a real deadline not before the campaign starts
 * (blank: the campaign's). Returns the row or its problems.
 */
export function checkListRow(
  { row, cells }: { row: number; cells: Partial<Record<FraudListColumn, string>> },
  campaign: { startsOn: string; deadline: string },
  today: string,
): { ok: true; value: ListRow } | { ok: false; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const fail = (column: FraudListColumn, code: string, params?: Record<string, unknown>) =>
    problems.push({ row, column, code, ...(params ? { params } : {}) });
  const name = cells.name ?? "";
  if (!name) fail("name", "required");
  else if (name.length > 50) fail("name", "too_big_string", { maximum: 50 });
  const reason = cells.reason ?? "";
  if (!reason) fail("reason", "required");
  else if (reason.length > maxReason) fail("reason", "too_big_string", { maximum: maxReason });
  let idNumber: string | undefined;
  if (cells.idNumber) {
    idNumber = cells.idNumber.replace(/\s+/g, "").toUpperCase();
    const checked = checkIdNumber(idNumber, today);
    if (!checked.ok) fail("idNumber", checked.problem);
  }
  let phone: string | undefined;
  if (cells.phone) {
    const parsed = mobileSchema.safeParse(cells.phone);
    if (parsed.success) phone = parsed.data;
    else fail("phone", "not_a_mobile");
  }
  if (!cells.idNumber && !cells.phone) fail("idNumber", "id_or_phone_required");
  const deadline = cells.deadline ? normalDate(cells.deadline) : campaign.deadline;
  if (!isDate(deadline)) fail("deadline", "not_a_date");
  else if (deadline < campaign.startsOn) fail("deadline", "before_start");
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, value: { row, name, reason, deadline, ...(idNumber ? { idNumber } : {}), ...(phone ? { phone } : {}) } };
}

/** Problems as a 400's field errors: `rows.<row>.<column>`. */
export const toFieldErrors = (problems: readonly RowProblem[]): FieldErrorInput[] =>
  problems.map((problem) => ({
    in: "body",
    field: `rows.${problem.row}.${problem.column}`,
    code: problem.code,
    ...(problem.params ? { params: problem.params } : {}),
  }));
