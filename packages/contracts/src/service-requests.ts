import { z } from "zod";
import { regionCodeSchema } from "./regions.js";

/** What a household asks of the social services (服务需求). */
export const serviceKinds = [
  "elderly_care",
  "disability_support",
  "child_care",
  "medical_care",
  "employment",
  "housing",
  "legal_aid",
  "psychological_support",
  "other",
] as const;
export type ServiceKind = (typeof serviceKinds)[number];

/** open → accepted → done; open or accepted → declined (with the reason in the note). */
export const serviceRequestStatuses = ["open", "accepted", "done", "declined"] as const;
export type ServiceRequestStatus = (typeof serviceRequestStatuses)[number];
export type ServiceRequestMove = Exclude<ServiceRequestStatus, "open">;

/** Where a request may go from each state: taken up, then done; declined (with a reason) until done. */
export const serviceRequestMoves: Record<ServiceRequestStatus, readonly ServiceRequestMove[]> = {
  open: ["accepted", "declined"],
  accepted: ["done", "declined"],
  done: [],
  declined: [],
};

/** A need raised on a visit that a social service should meet: it becomes a service request in the same step. */
export const serviceNeedSchema = z.strictObject({
  kind: z.enum(serviceKinds),
  description: z.string().trim().min(1).max(2_000),
});
export type ServiceNeed = z.infer<typeof serviceNeedSchema>;

export const serviceRequestSchema = z
  .object({
    id: z.uuid(),
    regionCode: z.string(),
    gridCode: z.string().nullable(),
    householdId: z.uuid(),
    address: z.string().describe("The household's address"),
    residentId: z.uuid().nullable(),
    /** The visit that raised it (the visit lists it too). */
    visitId: z.uuid().nullable(),
    kind: z.enum(serviceKinds),
    description: z.string(),
    status: z.enum(serviceRequestStatuses),
    handlerName: z.string().nullable().describe("Who took it up"),
    note: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .meta({ id: "ServiceRequest" });
export type ServiceRequest = z.infer<typeof serviceRequestSchema>;

export const serviceRequestListQuerySchema = z.strictObject({
  regionCode: regionCodeSchema.optional(),
  status: z.enum(serviceRequestStatuses).optional(),
  kind: z.enum(serviceKinds).optional(),
});
export type ServiceRequestListQuery = z.infer<typeof serviceRequestListQuerySchema>;
export const serviceRequestListSchema = z.object({ items: z.array(serviceRequestSchema) }).meta({ id: "ServiceRequestList" });
export type ServiceRequestList = z.infer<typeof serviceRequestListSchema>;

export const moveServiceRequestSchema = z
  .strictObject({
    status: z.enum(["accepted", "done", "declined"]),
    note: z.string().trim().max(2_000).default(""),
    version: z.number().int().positive().describe("The version the change was made on"),
  })
  .refine((body) => body.status !== "declined" || body.note.length > 0, {
    path: ["note"],
    params: { code: "reason_required" },
    message: "a declined request needs the reason",
  })
  .meta({ id: "MoveServiceRequest" });
export type MoveServiceRequest = z.infer<typeof moveServiceRequestSchema>;
