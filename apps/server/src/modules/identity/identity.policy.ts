import { type Role, rolesGrantableBy, type Scope, separatedAdministratorRoles } from "@linli/contracts";
import type { Actor } from "../../platform/auth/actor.js";
import { AppError } from "../../platform/errors/app-error.js";
import { contains } from "../../platform/scope/scope.js";
import { IdentityError } from "./identity.errors.js";

export type IdentityAction = "users.list" | "users.manage" | "permissions.manage";

/** Who may do what with accounts. Which accounts they see is the scope's business (the repository's filter). */
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

/** The roles to be granted must all be ones the actor's roles may grant. */
export function assertMayGrant(actor: Actor, roles: readonly Role[]): void {
  const grantable = rolesGrantableBy(actor.roles);
  if (roles.some((role) => !grantable.includes(role)))
    throw new AppError("validation_failed", 400, [{ in: "body", field: "roles", code: "not_grantable" }]);
}

/** An account in scope may be changed only by someone who could have granted all its roles: no peer or superior. */
export function assertMayManage(actor: Actor, targetRoles: readonly Role[]): void {
  const grantable = rolesGrantableBy(actor.roles);
  if (targetRoles.some((role) => !grantable.includes(role))) throw new IdentityError("forbidden");
}

/** A scope may be granted only inside the actor's own: nobody widens anybody's reach beyond theirs. */
export function assertScopeGrantable(actor: Actor, scope: Scope): void {
  if (!contains(actor.scope, scope))
    throw new AppError("validation_failed", 400, [{ in: "body", field: "scope", code: "outside_scope" }]);
}
