import { z } from "zod";
import { permissions, roles } from "./permissions.js";
import { scopeSchema } from "./scope.js";

export const loginRequestSchema = z
  .strictObject({
    username: z.string().trim().min(1).max(64),
    password: z.string().min(1).max(256),
  })
  .meta({ id: "LoginRequest" });
export type LoginRequest = z.infer<typeof loginRequestSchema>;

/** What every view of an account shows. */
export const accountSchema = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(roles)),
  scope: scopeSchema,
});

export const currentUserSchema = accountSchema.extend({ permissions: z.array(z.enum(permissions)) }).meta({ id: "CurrentUser" });
export type CurrentUser = z.infer<typeof currentUserSchema>;
