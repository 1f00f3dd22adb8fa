import { type Role, separatedAdministratorRoles } from "@linli/contracts";
import type { Actor } from "../../platform/auth/actor.js";
import { AppError } from "../../platform/errors/app-error.js";
import { IdentityError } from "./identity.errors.js";

export type IdentityAction = "users.list" | "users.manage" | "permissions.manage";

/** Who may do what with accounts. Scope-aware rules arrive with the identity issue. */
export function authorizeIdentity(actor: Actor, action: IdentityAction): void {
  switch (action) {
    case "users.list":
      if (!actor.permissions.includes("identity.users.read")) throw new IdentityError("forbidden");
      return;
    case "users.manage":
      if (!actor.permissions.includes("identity.users.manage")) throw new IdentityError("forbidden");
      return;
    case "permissions.manage":
      if (!actor.permissions.includes("identity.permissions.manage")) throw new IdentityError("forbidden");
      return;
  }
}

/** 等保 separation of duties: the system, security and audit administrator posts stay apart. */
export function assertRolesCombinable(roles: readonly Role[]): void {
  const posts = roles.filter((role) => (separatedAdministratorRoles as readonly Role[]).includes(role));
  if (posts.length > 1)
    throw new AppError("validation_failed", 400, [{ in: "body", field: "roles", code: "separation_of_duties" }]);
}

/** An administrator may not disable their own account or change their own roles. */
export function assertNotSelf(actor: Actor, userId: string): void {
  if (actor.userId === userId) throw new AppError("validation_failed", 400, [{ in: "params", field: "id", code: "self" }]);
}
