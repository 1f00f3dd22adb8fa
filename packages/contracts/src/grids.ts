import { z } from "zod";
import { polygonSchema } from "./geometry.js";
import { pageQuerySchema, pageSchema } from "./pagination.js";

const isoDate = z.iso.date().describe("YYYY-MM-DD");

export const gridPosts = ["chief_grid_leader", "grid_leader", "grid_member"] as const;
export type GridPost = (typeof gridPosts)[number];

export const createGridRequestSchema = z
  .strictObject({
    regionCode: z.string().regex(/^\d{12}$/, "a 12-digit community code"),
    sequence: z.number().int().min(1).max(999).describe("The grid's number in its community; its code is regionCode + 3 digits"),
    name: z.string().trim().min(1).max(64),
    compoundIds: z.array(z.uuid()).max(50).default([]).describe("Compounds of the same community the grid covers"),
    boundary: polygonSchema
      .optional()
      .describe("Inside the community's area where one is known; never overlapping its other grids"),
  })
  .meta({ id: "CreateGridRequest" });
export type CreateGridRequest = z.infer<typeof createGridRequestSchema>;

export const staffTermSchema = z
  .object({
    id: z.uuid(),
    regionCode: z.string(),
    gridCode: z.string().nullable(),
    userId: z.uuid(),
    displayName: z.string().describe("The staff member's name"),
    post: z.enum(gridPosts),
    from: z.string(),
    to: z.string().nullable(),
  })
  .meta({ id: "StaffTerm" });
export type StaffTerm = z.infer<typeof staffTermSchema>;

export const gridSchema = z
  .object({
    code: z.string(),
    regionCode: z.string(),
    name: z.string(),
    compoundIds: z.array(z.uuid()),
    boundary: polygonSchema.nullable(),
  })
  .meta({ id: "Grid" });
export type Grid = z.infer<typeof gridSchema>;

export const gridDetailSchema = gridSchema
  .extend({ staff: z.array(staffTermSchema).describe("Every term in the grid, current and ended, newest first") })
  .meta({ id: "GridDetail" });
export type GridDetail = z.infer<typeof gridDetailSchema>;

export const gridListSchema = pageSchema(gridSchema).meta({ id: "GridPage" });
export type GridList = z.infer<typeof gridListSchema>;

export const gridListQuerySchema = pageQuerySchema.extend({
  region: z
    .string()
    .regex(/^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/)
    .optional()
    .describe("Only grids under this division"),
});
export type GridListQuery = z.infer<typeof gridListQuerySchema>;

export const gridCodeParamsSchema = z.strictObject({ code: z.string().regex(/^\d{15}$/, "15 digits") });

export const assignStaffRequestSchema = z
  .strictObject({
    regionCode: z.string().regex(/^\d{12}$/, "a 12-digit community code"),
    gridCode: z
      .string()
      .regex(/^\d{15}$/, "15 digits")
      .optional()
      .describe("Required for grid leaders and members"),
    userId: z.uuid(),
    post: z.enum(gridPosts),
    from: isoDate,
    to: isoDate.optional(),
  })
  .superRefine((term, context) => {
    if (term.post === "chief_grid_leader" && term.gridCode)
      context.addIssue({ code: "custom", path: ["gridCode"], message: "a chief grid leader leads the community, not a grid" });
    if (term.post !== "chief_grid_leader" && !term.gridCode)
      context.addIssue({ code: "custom", path: ["gridCode"], message: "required for this post" });
    if (term.to && term.to < term.from) context.addIssue({ code: "custom", path: ["to"], message: "before the start" });
  });
export type AssignStaffRequest = z.infer<typeof assignStaffRequestSchema>;

export const endStaffTermRequestSchema = z.strictObject({ to: isoDate }).meta({ id: "EndStaffTermRequest" });
export const staffTermIdParamsSchema = z.strictObject({ id: z.uuid() });

export const updateGridRequestSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(64),
    compoundIds: z
      .array(z.uuid())
      .max(50)
      .describe("Compounds of the same community the grid covers, replacing the current ones"),
  })
  .meta({ id: "UpdateGridRequest" });
export type UpdateGridRequest = z.infer<typeof updateGridRequestSchema>;

export const setBoundaryRequestSchema = z.strictObject({ boundary: polygonSchema }).meta({ id: "SetBoundaryRequest" });
export type SetBoundaryRequest = z.infer<typeof setBoundaryRequestSchema>;

export const locateQuerySchema = z.strictObject({
  lon: z.coerce.number().min(-180).max(180).describe("Longitude, WGS84"),
  lat: z.coerce.number().min(-90).max(90).describe("Latitude, WGS84"),
});
export type LocateQuery = z.infer<typeof locateQuerySchema>;

export const locationSchema = z
  .object({
    grid: z.object({ code: z.string(), regionCode: z.string(), name: z.string() }).nullable(),
    compound: z.object({ id: z.uuid(), regionCode: z.string(), name: z.string() }).nullable(),
  })
  .describe("The grid and the compound a point lies in (on an edge counts as in); null where none in your scope does")
  .meta({ id: "Location" });
export type Location = z.infer<typeof locationSchema>;

export const staffCandidatesQuerySchema = z.strictObject({ region: z.string().regex(/^\d{12}$/, "a 12-digit community code") });
export const staffCandidateListSchema = z
  .object({
    items: z.array(z.object({ id: z.uuid(), username: z.string(), displayName: z.string(), roles: z.array(z.string()) })),
  })
  .describe("Active accounts working in the community, who may take a post on its grids")
  .meta({ id: "StaffCandidateList" });
export type StaffCandidateList = z.infer<typeof staffCandidateListSchema>;
