import {
  buildingFileRowSchema,
  type CommunityPlan,
  compoundFileRowSchema,
  dwellingFileRowSchema,
  gridFileRowSchema,
  type Polygon,
  polygonSchema,
} from "@linli/contracts";
import ExcelJS from "exceljs";
import type { z } from "zod";
import type { FieldErrorInput } from "../../platform/errors/app-error.js";
import { fieldErrorsOfIssues } from "../../platform/errors/problem.js";

/** A community as files carry it: compounds, buildings, dwellings and grids, matched by name. */
export type CommunityFile = { [K in keyof CommunityPlan]: Omit<CommunityPlan[K][number], "source">[] } & {
  /** The community's own drawn area (GeoJSON only: a feature of kind "community"). */
  area?: Polygon;
};
export type Parsed = { plan: CommunityPlan; area?: { boundary: Polygon; source: string }; errors: FieldErrorInput[] };

type Column = { key: string; header: string; kind: "text" | "number" | "list" | "polygon"; width?: number; required?: true };

/** The workbook's sheets, in order: what a template offers and an import reads. */
const sheets = {
  compounds: {
    title: "小区",
    schema: compoundFileRowSchema,
    columns: [
      { key: "name", header: "小区名称", kind: "text", width: 20, required: true },
      { key: "address", header: "地址", kind: "text", width: 30 },
      { key: "yearBuilt", header: "建成年份", kind: "number" },
      { key: "dwellingsCount", header: "户数", kind: "number" },
      { key: "boundary", header: "边界（GeoJSON）", kind: "polygon", width: 40 },
    ],
  },
  buildings: {
    title: "楼栋",
    schema: buildingFileRowSchema,
    columns: [
      { key: "compound", header: "小区名称", kind: "text", width: 20, required: true },
      { key: "name", header: "楼栋", kind: "text", required: true },
      { key: "floors", header: "层数", kind: "number" },
      { key: "entrances", header: "单元（以、分隔）", kind: "list", width: 20 },
    ],
  },
  dwellings: {
    title: "房屋",
    schema: dwellingFileRowSchema,
    columns: [
      { key: "compound", header: "小区名称", kind: "text", width: 20, required: true },
      { key: "building", header: "楼栋", kind: "text", required: true },
      { key: "entrance", header: "单元", kind: "text" },
      { key: "number", header: "房号", kind: "text", required: true },
      { key: "floor", header: "楼层", kind: "number" },
      { key: "floorArea", header: "建筑面积（m²）", kind: "number", width: 16 },
      { key: "address", header: "地址", kind: "text", width: 40 },
    ],
  },
  grids: {
    title: "网格",
    schema: gridFileRowSchema,
    columns: [
      { key: "sequence", header: "网格序号", kind: "number", required: true },
      { key: "name", header: "网格名称", kind: "text", width: 20, required: true },
      { key: "compounds", header: "覆盖小区（以、分隔）", kind: "list", width: 30 },
      { key: "boundary", header: "边界（GeoJSON）", kind: "polygon", width: 40 },
    ],
  },
} satisfies Record<keyof CommunityPlan, { title: string; schema: z.ZodType; columns: Column[] }>;

const sheetKeys = Object.keys(sheets) as (keyof CommunityPlan)[];
const emptyPlan = (): CommunityPlan => ({ compounds: [], buildings: [], dwellings: [], grids: [] });

/** Validates one row against its sheet's schema; errors are named `${source}.${field}`. */
function addRow(parsed: Parsed, key: keyof CommunityPlan, source: string, row: Record<string, unknown>): void {
  const result = sheets[key].schema.safeParse(row);
  if (result.success) (parsed.plan[key] as unknown[]).push({ ...result.data, source });
  else parsed.errors.push(...fieldErrorsOfIssues(result.error.issues, row, source));
}

/** A cell's value as the rows need it: text trimmed, numbers as numbers, lists split, GeoJSON parsed. */
function cellValue(cell: ExcelJS.CellValue, kind: Column["kind"]): { value?: unknown; malformed?: true } {
  let raw: unknown = cell;
  if (raw && typeof raw === "object" && !(raw instanceof Date)) {
    const object = raw as { result?: unknown; text?: unknown; richText?: { text: string }[] };
    raw = object.richText ? object.richText.map((part) => part.text).join("") : (object.result ?? object.text ?? raw);
  }
  if (raw === null || raw === undefined || (typeof raw === "string" && raw.trim() === "")) return {};
  if (kind === "number") {
    const number = typeof raw === "number" ? raw : Number(String(raw).trim());
    return Number.isFinite(number) ? { value: number } : { value: String(raw) };
  }
  const text = String(raw).trim();
  if (kind === "list")
    return {
      value: text
        .split(/[、,，;；]/)
        .map((part) => part.trim())
        .filter(Boolean),
    };
  if (kind === "polygon") {
    try {
      return { value: JSON.parse(text) };
    } catch {
      return { malformed: true };
    }
  }
  return { value: text };
}

/** Reads a workbook made from the template (or exported); a file that is no workbook is one error. */
export async function parseWorkbook(content: Buffer): Promise<Parsed> {
  const parsed: Parsed = { plan: emptyPlan(), errors: [] };
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(content as unknown as ExcelJS.Buffer);
  } catch {
    return { plan: emptyPlan(), errors: [{ in: "body", field: "body", code: "not_a_workbook" }] };
  }
  for (const key of sheetKeys) {
    const { title, columns } = sheets[key];
    const sheet = workbook.getWorksheet(title);
    if (!sheet) continue;
    const headers = (sheet.getRow(1).values as unknown[]).map((value) => String(value ?? "").trim());
    const positions = columns.map((column) => headers.indexOf(column.header));
    // A sheet whose header lacks a column that identifies its rows is refused whole, naming the column.
    const missing = columns.filter((column, index) => positions[index] === -1 && column.required);
    if (missing.length > 0) {
      for (const column of missing)
        parsed.errors.push({
          in: "body",
          field: `${key}.1.${column.key}`,
          code: "missing_column",
          params: { column: column.header },
        });
      continue;
    }
    sheet.eachRow((row, number) => {
      if (number === 1) return;
      const values: Record<string, unknown> = {};
      let malformed = false;
      columns.forEach((column, index) => {
        const position = positions[index] ?? -1;
        if (position < 0) return;
        const cell = cellValue(row.getCell(position).value, column.kind);
        if (cell.malformed) {
          parsed.errors.push({ in: "body", field: `${key}.${number}.${column.key}`, code: "malformed" });
          malformed = true;
        } else if (cell.value !== undefined) values[column.key] = cell.value;
      });
      if (!malformed && Object.keys(values).length > 0) addRow(parsed, key, `${key}.${number}`, values);
    });
  }
  return parsed;
}

/**
 * Reads a GeoJSON FeatureCollection: each feature's `properties.kind` says what it is ("community"
 * for the community's own area, "compound" or "grid"; "building" and "dwelling" features may come without geometry); the geometry is the
 * boundary.
 */
export function parseGeoJson(content: unknown): Parsed {
  const parsed: Parsed = { plan: emptyPlan(), errors: [] };
  const collection = content as { type?: unknown; features?: unknown };
  if (collection?.type !== "FeatureCollection" || !Array.isArray(collection.features))
    return { plan: emptyPlan(), errors: [{ in: "body", field: "type", code: "not_a_feature_collection" }] };
  collection.features.forEach((feature: { properties?: Record<string, unknown>; geometry?: unknown }, index) => {
    const source = `features.${index}`;
    const { kind, ...properties } = feature?.properties ?? {};
    if (kind === "community") {
      const area = polygonSchema.safeParse(feature.geometry);
      if (area.success) parsed.area = { boundary: area.data, source };
      else parsed.errors.push(...fieldErrorsOfIssues(area.error.issues, feature.geometry, `${source}.geometry`));
      return;
    }
    const key = ({ compound: "compounds", building: "buildings", dwelling: "dwellings", grid: "grids" } as const)[
      String(kind) as "compound"
    ];
    if (!key) {
      parsed.errors.push({ in: "body", field: `${source}.properties.kind`, code: "invalid_value" });
      return;
    }
    const row = feature.geometry ? { ...properties, boundary: feature.geometry } : properties;
    addRow(parsed, key, source, row);
  });
  return parsed;
}

/**
 * Names a row's fields as a GeoJSON file names them: `features.2.boundary` is the feature's
 * geometry, `features.2.name` one of its properties. For refusals from parsing and from applying.
 */
export function inGeoJsonTerms(errors: FieldErrorInput[]): FieldErrorInput[] {
  return errors.map((error) => {
    const match = /^(features\.\d+)\.(.+)$/.exec(error.field);
    if (!match?.[1] || !match[2] || match[2].startsWith("geometry") || match[2].startsWith("properties")) return error;
    const [, source, rest] = match;
    const field = rest.startsWith("boundary")
      ? `${source}.geometry${rest.slice("boundary".length)}`
      : `${source}.properties.${rest}`;
    return { ...error, field };
  });
}

/** The community as a GeoJSON FeatureCollection (compounds and grids with geometry; buildings and dwellings without). */
export function toGeoJson(file: CommunityFile) {
  const feature = (kind: string, properties: Record<string, unknown>, geometry?: Polygon) => ({
    type: "Feature" as const,
    properties: { kind, ...properties },
    geometry: geometry ?? null,
  });
  return {
    type: "FeatureCollection" as const,
    features: [
      ...(file.area ? [feature("community", {}, file.area)] : []),
      ...file.compounds.map(({ boundary, ...compound }) => feature("compound", compound, boundary)),
      ...file.grids.map(({ boundary, ...grid }) => feature("grid", grid, boundary)),
      ...file.buildings.map((building) => feature("building", building)),
      ...file.dwellings.map((dwelling) => feature("dwelling", dwelling)),
    ],
  };
}

/** The community as a workbook of the template's sheets; with no rows, the template itself. */
export async function toWorkbook(file: CommunityFile): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Linli 邻里";
  const notes = workbook.addWorksheet("说明");
  notes.columns = [{ width: 100 }];
  for (const line of [
    "邻里 · 社区小区、楼栋、房屋、网格导入模板",
    "每个工作表第一行为表头，请勿修改；从第二行起每行一条记录。导入时要么全部成功，要么一条也不写入，错误会逐行列出。",
    "小区按名称匹配，楼栋按小区+楼栋匹配，房屋按小区+楼栋+单元+房号匹配，网格按序号匹配：已有的记录会被更新，导入导出的文件不会产生重复。",
    '边界为 GeoJSON Polygon（WGS84 经纬度），例如 {"type":"Polygon","coordinates":[[[112.63,26.89],[112.64,26.89],[112.64,26.9],[112.63,26.9],[112.63,26.89]]]}',
    "建筑面积单位为平方米，最多两位小数；多个单元或小区之间用顿号（、）分隔。",
  ])
    notes.addRow([line]);
  for (const key of sheetKeys) {
    const { title, columns } = sheets[key];
    const sheet = workbook.addWorksheet(title);
    sheet.columns = columns.map((column) => ({ header: column.header, key: column.key, width: column.width ?? 12 }));
    sheet.getRow(1).font = { bold: true };
    for (const row of file[key] as Record<string, unknown>[])
      sheet.addRow(
        Object.fromEntries(
          columns.map((column) => {
            const value = row[column.key];
            if (value === undefined || value === null) return [column.key, null];
            if (column.kind === "list") return [column.key, (value as string[]).join("、")];
            if (column.kind === "polygon") return [column.key, JSON.stringify(value)];
            return [column.key, value];
          }),
        ),
      );
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
