import { z } from "zod";
import { accountSchema } from "./auth.js";
import { pageQuerySchema, pageSchema } from "./pagination.js";

export const userSummarySchema = accountSchema
  .extend({ disabled: z.boolean(), createdAt: z.iso.datetime({ offset: true }) })
  .meta({ id: "UserSummary" });
export type UserSummary = z.infer<typeof userSummarySchema>;

export const userListQuerySchema = pageQuerySchema.extend({
  q: z.string().trim().max(64).optional().describe("Matches the start of the username or display name"),
});
export type UserListQuery = z.infer<typeof userListQuerySchema>;

export const userPageSchema = pageSchema(userSummarySchema).meta({ id: "UserPage" });
export type UserPage = z.infer<typeof userPageSchema>;
