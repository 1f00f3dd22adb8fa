import { z } from "zod";
import { accountSchema } from "./auth.js";
import { pageQuerySchema, pageSchema } from "./pagination.js";
import { roles } from "./permissions.js";
import { emptyScope, scopeSchema } from "./scope.js";

export const userSummarySchema = accountSchema
  .extend({ disabled: z.boolean(), twoFactorEnabled: z.boolean(), createdAt: z.iso.datetime({ offset: true }) })
  .meta({ id: "UserSummary" });
export type UserSummary = z.infer<typeof userSummarySchema>;

export const userListQuerySchema = pageQuerySchema.extend({
  q: z.string().trim().max(64).optional().describe("Matches the start of the username or display name"),
});
export type UserListQuery = z.infer<typeof userListQuerySchema>;

export const userPageSchema = pageSchema(userSummarySchema).meta({ id: "UserPage" });
export type UserPage = z.infer<typeof userPageSchema>;

export const usernameSchema = z
  .string()
  .regex(/^[A-Za-z0-9._-]{1,64}$/, "1–64 letters, digits, '.', '_' or '-'")
  .describe("Sign-in name: 1–64 letters, digits, '.', '_' or '-'");

const roleListSchema = z
  .array(z.enum(roles))
  .max(roles.length)
  .refine((list) => new Set(list).size === list.length, { message: "duplicate role" })
  .describe("The system_admin, security_admin and audit_admin posts are never combined on one account");

export const createUserRequestSchema = z
  .strictObject({
    username: usernameSchema,
    displayName: z.string().trim().min(1).max(64),
    roles: roleListSchema,
    scope: scopeSchema.default(emptyScope).describe("Must lie within the creator's own scope"),
  })
  .meta({ id: "CreateUserRequest" });
export type CreateUserRequest = z.infer<typeof createUserRequestSchema>;

/** An account's new one-time password: shown once, never stored in clear. */
export const issuedPasswordSchema = z.object({ user: userSummarySchema, password: z.string() }).meta({ id: "IssuedPassword" });
export type IssuedPassword = z.infer<typeof issuedPasswordSchema>;

export const setRolesRequestSchema = z.strictObject({ roles: roleListSchema }).meta({ id: "SetRolesRequest" });

export const setScopeRequestSchema = scopeSchema.meta({ id: "SetScopeRequest" });

export const userIdParamsSchema = z.strictObject({ id: z.uuid() });

export const changePasswordRequestSchema = z
  .strictObject({ currentPassword: z.string().min(1).max(256), newPassword: z.string().min(1).max(256) })
  .meta({ id: "ChangePasswordRequest" });
export type ChangePasswordRequest = z.infer<typeof changePasswordRequestSchema>;
