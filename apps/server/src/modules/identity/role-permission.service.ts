import {
  permissions as knownPermissions,
  lockedGrants,
  type Permission,
  type Role,
  type RolePermissionTable,
  roles,
} from "@linli/contracts";
import type { Database } from "../../db/client.js";
import { type AuditService, auditActor } from "../../platform/audit/audit.service.js";
import type { Actor, RequestContext } from "../../platform/auth/actor.js";
import { AppError } from "../../platform/errors/app-error.js";
import { authorizeIdentity } from "./identity.policy.js";
import { RolePermissionRepository } from "./role-permission.repository.js";

const isKnown = (permission: string): permission is Permission => (knownPermissions as readonly string[]).includes(permission);

/** The role → permission table, which the security administrator edits. Changes apply on the next request. */
export class RolePermissionService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
  ) {}

  async table(actor: Actor): Promise<RolePermissionTable> {
    authorizeIdentity(actor, "permissions.manage");
    const rows = await new RolePermissionRepository(this.db).all();
    return {
      items: roles.map((role) => ({
        role,
        permissions: rows
          .filter((row) => row.role === role)
          .map((row) => row.permission)
          .filter(isKnown),
      })),
      locked: [...lockedGrants],
    };
  }

  /** Replaces what one role grants; locked grants cannot be removed. */
  async setRole(actor: Actor, role: Role, permissions: Permission[], context: RequestContext): Promise<RolePermissionTable> {
    authorizeIdentity(actor, "permissions.manage");
    const missing = lockedGrants.filter((grant) => grant.role === role && !permissions.includes(grant.permission));
    if (missing.length > 0)
      throw new AppError("validation_failed", 400, [{ in: "body", field: "permissions", code: "locked_grant" }]);
    await this.db.transaction(async (tx) => {
      const repository = new RolePermissionRepository(tx);
      const before = await repository.ofRole(role);
      await repository.replace(role, permissions);
      await this.audit.record(tx, {
        actor: auditActor(actor),
        ip: context.ip,
        action: "identity.role_permissions_changed",
        entityType: "role",
        entityId: role,
        result: "success",
        reason: `${before.join(",")} → ${[...permissions].sort().join(",")}`,
      });
    });
    return this.table(actor);
  }
}
