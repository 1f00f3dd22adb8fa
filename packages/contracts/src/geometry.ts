import { z } from "zod";

/** [longitude, latitude] in WGS84 / CGCS2000 degrees (the two differ by centimetres). */
export const positionSchema = z.tuple([
  z.number().min(-180).max(180).describe("Longitude"),
  z.number().min(-90).max(90).describe("Latitude"),
]);
export type Position = z.infer<typeof positionSchema>;

/** A linear ring: at least four positions, the last equal to the first. */
export const linearRingSchema = z
  .array(positionSchema)
  .min(4)
  .max(5000)
  .superRefine((ring, context) => {
    const first = ring[0];
    const last = ring.at(-1);
    if (ring.length >= 4 && first && last && (first[0] !== last[0] || first[1] !== last[1]))
      context.addIssue({ code: "custom", message: "the ring does not close", params: { code: "ring_not_closed" } });
  });

/** A GeoJSON Polygon (RFC 7946 §3.1.6): an outer ring, then any holes. */
export const polygonSchema = z
  .strictObject({
    type: z.literal("Polygon"),
    coordinates: z.array(linearRingSchema).min(1).max(50),
  })
  .describe("GeoJSON Polygon in WGS84 longitude-latitude; self-crossing rings are refused");
export type Polygon = z.infer<typeof polygonSchema>;
