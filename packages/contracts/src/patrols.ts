import { z } from "zod";

const longitude = z.number().min(73).max(136);
const latitude = z.number().min(3).max(54);

/** A point of the route, as the phone reported it. */
export const routePointSchema = z.strictObject({ longitude, latitude, at: z.iso.datetime({ offset: true }) });
export type RoutePoint = z.infer<typeof routePointSchema>;

/** Start a patrol (治安巡逻) of a grid; the patroller's own grid when they have one. */
export const startPatrolSchema = z
  .strictObject({
    gridCode: z
      .string()
      .regex(/^\d{15}$/)
      .optional(),
    companions: z.string().trim().max(200).default("").describe("Who patrols along (volunteers, the police liaison)"),
  })
  .meta({ id: "StartPatrol" });
export type StartPatrol = z.infer<typeof startPatrolSchema>;

/** More route points, sent as the phone gathers them (a patrol keeps at most 5,000). */
export const addRoutePointsSchema = z
  .strictObject({ points: z.array(routePointSchema).min(1).max(500) })
  .meta({ id: "AddRoutePoints" });
export type AddRoutePoints = z.infer<typeof addRoutePointsSchema>;

/** A hazard found on the way; with a category it becomes a case (事件) in the same step. */
export const reportHazardSchema = z
  .strictObject({
    description: z.string().trim().min(1).max(2_000),
    longitude: longitude.optional(),
    latitude: latitude.optional(),
    categoryCode: z.string().min(1).max(80).optional().describe("Report it as a case of this sub-category"),
  })
  .refine((value) => (value.longitude === undefined) === (value.latitude === undefined), {
    path: ["latitude"],
    params: { code: "point_incomplete" },
  })
  .meta({ id: "ReportHazard" });
export type ReportHazard = z.infer<typeof reportHazardSchema>;

export const finishPatrolSchema = z
  .strictObject({ notes: z.string().trim().max(2_000).default("") })
  .meta({ id: "FinishPatrol" });
export type FinishPatrol = z.infer<typeof finishPatrolSchema>;

export const patrolHazardSchema = z.object({
  id: z.uuid(),
  description: z.string(),
  longitude: z.number().nullable(),
  latitude: z.number().nullable(),
  caseId: z.uuid().nullable(),
  foundAt: z.string(),
});
export type PatrolHazard = z.infer<typeof patrolHazardSchema>;

export const patrolSchema = z
  .object({
    id: z.uuid(),
    regionCode: z.string(),
    gridCode: z.string().nullable(),
    patroller: z.string(),
    patrollerUserId: z.uuid(),
    companions: z.string(),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
    notes: z.string(),
    route: z.array(routePointSchema),
    /** Along the route, in metres (great-circle between successive points). */
    distanceMetres: z.number().int(),
    hazards: z.array(patrolHazardSchema),
  })
  .meta({ id: "Patrol" });
export type Patrol = z.infer<typeof patrolSchema>;

export const patrolListQuerySchema = z.strictObject({
  view: z.enum(["mine", "scope"]).default("mine"),
  from: z.iso.date().optional().describe("Patrols started on or after this day"),
});
export type PatrolListQuery = z.infer<typeof patrolListQuerySchema>;
export const patrolListSchema = z
  .object({
    items: z.array(
      patrolSchema.omit({ route: true, hazards: true }).extend({ hazards: z.number().int(), cases: z.number().int() }),
    ),
  })
  .meta({ id: "PatrolList" });
export type PatrolList = z.infer<typeof patrolListSchema>;
