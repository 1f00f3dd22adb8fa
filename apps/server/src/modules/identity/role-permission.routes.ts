import { roleParamsSchema, rolePermissionTableSchema, setRolePermissionsRequestSchema } from "@linli/contracts";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { actorOf } from "../../platform/auth/access-hook.js";
import { problemResponses } from "../../platform/http/responses.js";
import type { RolePermissionService } from "./role-permission.service.js";

/** The role → permission table, for the security administrator. */
export function rolePermissionRoutes(service: RolePermissionService) {
  return async (instance: FastifyInstance) => {
    const app = instance.withTypeProvider<ZodTypeProvider>();
    const tags = ["accounts"];
    app.get(
      "/api/role-permissions",
      {
        config: { access: "identity.permissions.manage" },
        schema: {
          tags,
          summary: "What each role grants",
          response: { 200: rolePermissionTableSchema, ...problemResponses(401, 403) },
        },
      },
      async (request) => service.table(actorOf(request)),
    );
    app.put(
      "/api/role-permissions/:role",
      {
        config: { access: "identity.permissions.manage" },
        schema: {
          tags,
          summary: "Replace what one role grants; takes effect on each holder's next request",
          params: roleParamsSchema,
          body: setRolePermissionsRequestSchema,
          response: { 200: rolePermissionTableSchema, ...problemResponses(401, 403) },
        },
      },
      async (request) => service.setRole(actorOf(request), request.params.role, request.body.permissions, { ip: request.ip }),
    );
  };
}
