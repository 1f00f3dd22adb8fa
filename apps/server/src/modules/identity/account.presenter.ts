import {
  permissions as knownPermissions,
  roles as knownRoles,
  type Permission,
  type Role,
  type Scope,
  twoFactorRoles,
  type UserSummary,
} from "@linli/contracts";
import type { Actor } from "../../platform/auth/actor.js";
import type { UserRow } from "./identity.repository.js";

/** The roles of a row that this build knows; a role removed from the code grants nothing. */
export function rolesOf(row: UserRow): Role[] {
  return row.roles.filter((role): role is Role => (knownRoles as readonly string[]).includes(role));
}

/**
 * Whether the holder must choose a new password before anything else: an issued one-time password,
 * or one older than the deployment's maximum age (0: none).
 */
export function mustChangePassword(row: UserRow, now: Date, maxAgeDays: number): boolean {
  if (row.passwordChangedAt === null) return true;
  return maxAgeDays > 0 && now.getTime() - row.passwordChangedAt.getTime() > maxAgeDays * 86_400_000;
}

/** The acting user, with the permissions their roles grant (read from role_permissions). */
export function actorOf(row: UserRow, granted: readonly string[], mustChange = false): Actor {
  const permissions = granted.filter((p): p is Permission => (knownPermissions as readonly string[]).includes(p)).sort();
  return {
    userId: row.id,
    username: row.username,
    displayName: row.displayName,
    roles: rolesOf(row),
    permissions,
    scope: scopeOf(row),
    twoFactor: twoFactorStateOf(row),
    mustChangePassword: mustChange,
  };
}

export function twoFactorStateOf(row: UserRow): { enabled: boolean; required: boolean } {
  return {
    enabled: row.totpSecret !== null,
    required: rolesOf(row).some((role) => (twoFactorRoles as readonly Role[]).includes(role)),
  };
}

export function scopeOf(row: UserRow): Scope {
  return { regions: row.regionScopes, grids: row.gridScopes };
}

export function toUserSummary(row: UserRow): UserSummary {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    roles: rolesOf(row),
    scope: scopeOf(row),
    twoFactorEnabled: row.totpSecret !== null,
    disabled: row.disabledAt !== null,
    createdAt: row.createdAt.toISOString(),
  };
}
