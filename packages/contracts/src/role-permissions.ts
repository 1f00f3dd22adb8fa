import { z } from "zod";
import { permissions, roles } from "./permissions.js";

export const roleGrantsSchema = z.object({ role: z.enum(roles), permissions: z.array(z.enum(permissions)) });

export const rolePermissionTableSchema = z
  .object({
    items: z.array(roleGrantsSchema).describe("Every role, with the permissions it grants"),
    locked: z.array(z.object({ role: z.enum(roles), permission: z.enum(permissions) })).describe("Grants that cannot be revoked"),
  })
  .meta({ id: "RolePermissionTable" });
export type RolePermissionTable = z.infer<typeof rolePermissionTableSchema>;

export const roleParamsSchema = z.strictObject({ role: z.enum(roles) });

export const setRolePermissionsRequestSchema = z
  .strictObject({
    permissions: z
      .array(z.enum(permissions))
      .refine((list) => new Set(list).size === list.length, { message: "duplicate permission" }),
  })
  .meta({ id: "SetRolePermissionsRequest" });
