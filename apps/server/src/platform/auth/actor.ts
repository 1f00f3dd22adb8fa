import type { Permission, Role, Scope } from "@linli/contracts";

/** The signed-in user on whose behalf a service acts. */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  roles: Role[];
  permissions: Permission[];
  /** Where the user sees and changes scoped records. */
  scope: Scope;
  /** When required but not enabled, the session may only enrol a second factor (the access hook's rule). */
  twoFactor: { enabled: boolean; required: boolean };
  /** An issued one-time password, or one past its maximum age: the session may only change it. */
  mustChangePassword: boolean;
}

/** Where a request came from, for the audit trail. */
export interface RequestContext {
  ip: string | null;
}

/** What a route requires: nothing, a session, or a named permission. */
export type RouteAccess = "public" | "signed_in" | Permission;

declare module "fastify" {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyRequest {
    actor: Actor | null;
    sessionToken: string | null;
  }
}
