/**
 * Rows bound for one table, in the order of its columns, as the city generator writes them with
 * COPY (PostgreSQL from a stream, PGlite from a blob): one text format for both engines.
 */
export class TableRows {
  readonly rows: unknown[][] = [];

  constructor(
    readonly table: string,
    readonly columns: readonly string[],
  ) {}

  add(...values: unknown[]): void {
    if (values.length !== this.columns.length)
      throw new Error(`${this.table}: ${values.length} values for ${this.columns.length} columns`);
    this.rows.push(values);
  }

  /** The rows in COPY's text format (tab-separated, `\N` for null). */
  toCopyText(): string {
    let text = "";
    for (const row of this.rows) text += `${row.map(copyValue).join("\t")}\n`;
    return text;
  }

  get copyStatement(): string {
    return `COPY ${this.table} (${this.columns.join(", ")}) FROM STDIN`;
  }
}

/** One value in COPY's text format: arrays as `{…}`, objects as JSON, dates as ISO text; backslash, tab and line breaks escaped. */
export function copyValue(value: unknown): string {
  if (value === null || value === undefined) return "\\N";
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value))
    return escapeCopy(`{${value.map((item) => `"${String(item).replace(/(["\\])/g, "\\$1")}"`).join(",")}}`);
  if (typeof value === "object") return escapeCopy(JSON.stringify(value));
  if (typeof value === "boolean") return value ? "t" : "f";
  return escapeCopy(String(value));
}

const escapeCopy = (text: string) =>
  text.replace(/[\\\t\n\r]/g, (character) => ({ "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" })[character] ?? character);
