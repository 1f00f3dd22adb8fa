import { z } from "zod";

export const healthSchema = z.object({ status: z.literal("ok") });

export const readinessSchema = z.object({
  status: z.enum(["ready", "not_ready"]),
  database: z.object({
    engine: z.enum(["pglite", "postgres"]),
    reachable: z.boolean(),
    migrationsApplied: z.number().int(),
    migrationsExpected: z.number().int(),
  }),
});
export type Readiness = z.infer<typeof readinessSchema>;

/** What the web app needs to know of the server's configuration. */
export const clientSettingsSchema = z
  .object({
    mapTileUrl: z
      .string()
      .nullable()
      .describe("Tile URL template ({z}/{x}/{y}) for the maps' background; null: plain background, no tile server"),
  })
  .meta({ id: "ClientSettings" });
export type ClientSettings = z.infer<typeof clientSettingsSchema>;
