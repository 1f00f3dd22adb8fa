import { z } from "zod";

/** The scope value that covers the whole deployment (the posts that administer it). */
export const everywhere = "*";

/**
 * A prefix of the 12-digit division code (统计用区划代码): 2 digits a province, 4 a city,
 * 6 a county, 9 a township or street, 12 a community or village; or `*` for everywhere.
 */
export const regionPrefixSchema = z
  .string()
  .regex(/^(\*|\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/, "a division code prefix of 2, 4, 6, 9 or 12 digits, or *")
  .describe(
    "Division code prefix: 2 (province), 4 (city), 6 (county), 9 (township) or 12 (community) digits, or * for everywhere",
  );

/** A grid: its community's 12-digit code and a 3-digit sequence. */
export const gridCodeSchema = z
  .string()
  .regex(/^\d{15}$/, "15 digits")
  .describe("Grid code: the 12-digit community code and a 3-digit sequence");

const distinct = (list: readonly string[]) => new Set(list).size === list.length;

/** Where an account may see and change scoped records: region prefixes and/or grids. */
export const scopeSchema = z
  .strictObject({
    regions: z.array(regionPrefixSchema).max(50).refine(distinct, { message: "duplicate region" }),
    grids: z.array(gridCodeSchema).max(200).refine(distinct, { message: "duplicate grid" }),
  })
  .meta({ id: "Scope" });
export type Scope = z.infer<typeof scopeSchema>;

export const emptyScope: Scope = { regions: [], grids: [] };
