import { z } from "zod";
import { floorAreaSchema } from "./buildings.js";
import { polygonSchema } from "./geometry.js";

/**
 * The rows of a community file (GeoJSON or Excel), whichever the format: compounds, their
 * buildings and dwellings, and grids. Records are matched by name (compounds, buildings), by
 * entrance and number (dwellings) and by sequence (grids), so importing an export changes nothing.
 */
const name = z.string().trim().min(1).max(64);
const optionalInt = (min: number, max: number) => z.number().int().min(min).max(max).optional();

export const compoundFileRowSchema = z.strictObject({
  name,
  address: z.string().trim().max(200).default(""),
  yearBuilt: optionalInt(1900, 2100),
  dwellingsCount: optionalInt(0, 100_000),
  boundary: polygonSchema.optional(),
});
export type CompoundFileRow = z.infer<typeof compoundFileRowSchema>;

export const buildingFileRowSchema = z.strictObject({
  compound: name,
  name: z.string().trim().min(1).max(32),
  floors: optionalInt(1, 200),
  entrances: z.array(z.string().trim().min(1).max(32)).max(30).default([]),
});
export type BuildingFileRow = z.infer<typeof buildingFileRowSchema>;

export const dwellingFileRowSchema = z.strictObject({
  compound: name,
  building: z.string().trim().min(1).max(32),
  entrance: z.string().trim().min(1).max(32).optional(),
  number: z.string().trim().min(1).max(16),
  floor: optionalInt(-5, 200),
  floorArea: floorAreaSchema.optional(),
  address: z.string().trim().max(200).default(""),
});
export type DwellingFileRow = z.infer<typeof dwellingFileRowSchema>;

export const gridFileRowSchema = z.strictObject({
  sequence: z.number().int().min(1).max(999),
  name,
  compounds: z.array(name).max(50).default([]),
  boundary: polygonSchema.optional(),
});
export type GridFileRow = z.infer<typeof gridFileRowSchema>;

/** Where a row came from, for the error report: `compounds.3` (Excel row 3), `features.2` (GeoJSON). */
export type Sourced<T> = T & { source: string };

export interface CommunityPlan {
  compounds: Sourced<CompoundFileRow>[];
  buildings: Sourced<BuildingFileRow>[];
  dwellings: Sourced<DwellingFileRow>[];
  grids: Sourced<GridFileRow>[];
}

const counts = z.object({ added: z.number().int(), updated: z.number().int(), unchanged: z.number().int() });

export const importReportSchema = z
  .object({ compounds: counts, buildings: counts, dwellings: counts, grids: counts })
  .describe("What the import did; it applied wholly")
  .meta({ id: "ImportReport" });
export type ImportReport = z.infer<typeof importReportSchema>;

export const communityParamsSchema = z.strictObject({ code: z.string().regex(/^\d{12}$/, "a 12-digit community code") });
export const exportFormatQuerySchema = z.strictObject({ format: z.enum(["geojson", "xlsx"]).default("xlsx") });
