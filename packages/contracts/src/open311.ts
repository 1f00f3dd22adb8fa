import { z } from "zod";
import { regionCodeSchema } from "./regions.js";

/** An Open311 client as admins see it: never its key, only the key's first characters. */
export const open311ClientSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    keyPrefix: z.string(),
    regions: z.array(z.string()),
    ratePerMinute: z.number().int(),
    createdAt: z.string(),
    revokedAt: z.string().nullable(),
  })
  .meta({ id: "Open311Client" });
export type Open311Client = z.infer<typeof open311ClientSchema>;
export const open311ClientListSchema = z.object({ items: z.array(open311ClientSchema) }).meta({ id: "Open311ClientList" });

export const createOpen311ClientRequestSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(60),
    regions: z.array(regionCodeSchema).min(1).max(50).describe("Division codes the client may report in and read from"),
    ratePerMinute: z.number().int().min(1).max(6_000).default(120),
  })
  .meta({ id: "CreateOpen311ClientRequest" });
export type CreateOpen311ClientRequest = z.infer<typeof createOpen311ClientRequestSchema>;

/** The new client and its API key: shown this once, kept only as a hash. */
export const issuedOpen311ClientSchema = z
  .object({ client: open311ClientSchema, apiKey: z.string() })
  .meta({ id: "IssuedOpen311Client" });
export type IssuedOpen311Client = z.infer<typeof issuedOpen311ClientSchema>;
export const open311ClientParamsSchema = z.strictObject({ id: z.uuid() });
