import { z } from "zod";
import { pageQuerySchema, pageSchema } from "./pagination.js";

export const entranceSchema = z.object({ id: z.uuid(), name: z.string() }).meta({ id: "Entrance" });

export const buildingSchema = z
  .object({
    id: z.uuid(),
    compoundId: z.uuid(),
    name: z.string().describe("e.g. 3栋"),
    floors: z.number().int().nullable(),
    entrances: z.array(entranceSchema).describe("单元, by name"),
    dwellingsCount: z.number().int(),
    floorAreaTotal: z.number().describe("Sum of its dwellings' floor area, m²"),
  })
  .meta({ id: "Building" });
export type Building = z.infer<typeof buildingSchema>;

export const buildingListSchema = z.object({ items: z.array(buildingSchema) }).meta({ id: "BuildingList" });
export type BuildingList = z.infer<typeof buildingListSchema>;

const shortName = z.string().trim().min(1).max(32);

export const createBuildingRequestSchema = z
  .strictObject({
    name: shortName.describe("e.g. 3栋"),
    floors: z.number().int().min(1).max(200).optional(),
    entrances: z
      .array(shortName)
      .max(30)
      .default([])
      .refine((names) => new Set(names).size === names.length, { params: { code: "duplicate" } })
      .describe("Names of its entrances (单元), e.g. 1单元"),
  })
  .meta({ id: "CreateBuildingRequest" });
export type CreateBuildingRequest = z.infer<typeof createBuildingRequestSchema>;

/** Square metres with at most two decimals, as the property certificate states them. */
export const floorAreaSchema = z
  .number()
  .positive()
  .max(10_000)
  .refine((area) => Math.abs(Math.round(area * 100) - area * 100) < 1e-6, { params: { code: "too_precise" } })
  .describe("专有部分面积 in m², two decimals at most");

export const dwellingSchema = z
  .object({
    id: z.uuid(),
    compoundId: z.uuid(),
    buildingId: z.uuid(),
    entranceId: z.uuid().nullable(),
    number: z.string().describe("Room number, e.g. 301"),
    floor: z.number().int().nullable(),
    address: z.string(),
    floorArea: z.number().nullable().describe("专有部分面积 in m²; null until known"),
  })
  .meta({ id: "Dwelling" });
export type Dwelling = z.infer<typeof dwellingSchema>;

export const createDwellingRequestSchema = z
  .strictObject({
    buildingId: z.uuid(),
    entranceId: z.uuid().optional().describe("Required when the building has entrances"),
    number: z.string().trim().min(1).max(16),
    floor: z.number().int().min(-5).max(200).optional(),
    address: z.string().trim().max(200).default(""),
    floorArea: floorAreaSchema.optional().describe("专有部分面积 in m²; an owners' vote cannot open until every dwelling has it"),
  })
  .meta({ id: "CreateDwellingRequest" });
export type CreateDwellingRequest = z.infer<typeof createDwellingRequestSchema>;

export const dwellingListQuerySchema = pageQuerySchema.extend({
  compoundId: z.uuid(),
  buildingId: z.uuid().optional(),
});
export type DwellingListQuery = z.infer<typeof dwellingListQuerySchema>;

export const dwellingPageSchema = pageSchema(dwellingSchema).meta({ id: "DwellingPage" });
export type DwellingPage = z.infer<typeof dwellingPageSchema>;
