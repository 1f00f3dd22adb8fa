import type { Actor } from "../../platform/auth/actor.js";
import { IdentityError } from "./identity.errors.js";

export type IdentityAction = "users.list";

/** Who may do what with accounts. Scope-aware rules arrive with the identity issue. */
export function authorizeIdentity(actor: Actor, action: IdentityAction): void {
  switch (action) {
    case "users.list":
      if (!actor.permissions.includes("identity.users.read")) throw new IdentityError("forbidden");
      return;
  }
}
