import { z } from "zod";
import { polygonSchema } from "./geometry.js";

/** A division code of any level: 2, 4, 6, 9 or 12 digits. */
export const regionCodeSchema = z
  .string()
  .regex(/^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/, "a division code of 2, 4, 6, 9 or 12 digits")
  .describe("Division code (统计用区划代码): 2 province, 4 city, 6 county, 9 township, 12 community digits");

export const regionSchema = z
  .object({
    code: z.string(),
    level: z.number().int().min(1).max(5).describe("1 province, 2 city, 3 county, 4 township or street, 5 community or village"),
    name: z.string().describe("The official name, e.g. 葵花里社区居委会"),
    displayName: z.string().describe("The name as people say it, e.g. 葵花里社区"),
    parentCode: z.string().nullable(),
    active: z.boolean().describe("False once the code vanished from the official list; kept because records refer to it"),
  })
  .meta({ id: "Region" });
export type Region = z.infer<typeof regionSchema>;

export const regionListSchema = z.object({ items: z.array(regionSchema) }).meta({ id: "RegionList" });
export type RegionList = z.infer<typeof regionListSchema>;

export const regionDetailSchema = regionSchema
  .extend({
    path: z.array(regionSchema).describe("From the province down to this division"),
    boundary: polygonSchema.nullable().describe("The community's area where one has been drawn"),
  })
  .meta({ id: "RegionDetail" });
export type RegionDetail = z.infer<typeof regionDetailSchema>;

export const regionChildrenQuerySchema = z.strictObject({
  parent: regionCodeSchema.optional().describe("Lists the divisions under this one; without it, the provinces"),
  includeInactive: z.stringbool().default(false),
});

export const regionSearchQuerySchema = z.strictObject({
  q: z.string().trim().min(1).max(32).describe("Part of the name"),
  within: regionCodeSchema.optional().describe("Only divisions under this code"),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export type RegionSearchQuery = z.infer<typeof regionSearchQuerySchema>;

export const regionCodeParamsSchema = z.strictObject({ code: regionCodeSchema });
