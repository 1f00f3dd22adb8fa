import { roles as knownRoles, permissionsOf, type Role, type UserSummary } from "@linli/contracts";
import type { Actor } from "../../platform/auth/actor.js";
import type { UserRow } from "./identity.repository.js";

/** The roles of a row that this build knows; a role removed from the code grants nothing. */
export function rolesOf(row: UserRow): Role[] {
  return row.roles.filter((role): role is Role => (knownRoles as readonly string[]).includes(role));
}

export function actorOf(row: UserRow): Actor {
  const roles = rolesOf(row);
  return { userId: row.id, username: row.username, displayName: row.displayName, roles, permissions: permissionsOf(roles) };
}

export function toUserSummary(row: UserRow): UserSummary {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    roles: rolesOf(row),
    disabled: row.disabledAt !== null,
    createdAt: row.createdAt.toISOString(),
  };
}
