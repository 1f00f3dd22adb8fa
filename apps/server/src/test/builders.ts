import { type Role, type Scope, separatedAdministratorRoles, twoFactorRoles } from "@linli/contracts";
import { v7 as uuidv7 } from "uuid";
import type { Database } from "../db/client.js";
import { IdentityRepository, type UserRow } from "../modules/identity/identity.repository.js";
import { hashPassword } from "../modules/identity/password.js";
import { newTotpSecret } from "../modules/identity/two-factor.js";
import { rememberTotpSecret } from "./totp.js";

let sequence = 0;

/** A community of 珠晖区, Hengyang: where test accounts work unless a test says otherwise. */
export const testCommunity = "430405001001";

const isAdministratorPost = (role: Role) => (separatedAdministratorRoles as readonly Role[]).includes(role);

/**
 * An account with a known password; every field may be overridden. Administrator posts cover
 * everywhere, as the first administrator does; other accounts work in `testCommunity`. Roles
 * that require a second factor come enrolled (`twoFactor: false` for one that has not yet), and
 * the test helpers' `signIn` knows their secret.
 */
export async function buildUser(
  db: Database,
  overrides: Partial<{
    username: string;
    displayName: string;
    roles: Role[];
    scope: Scope;
    password: string;
    disabledAt: Date | null;
    twoFactor: boolean;
    mustChangePassword: boolean;
  }> = {},
): Promise<{ user: UserRow; password: string }> {
  sequence += 1;
  const password = overrides.password ?? `secret-${sequence}-pass`;
  const roles = overrides.roles ?? [];
  const enrolled = overrides.twoFactor ?? roles.some((role) => (twoFactorRoles as readonly Role[]).includes(role));
  const totpSecret = enrolled ? newTotpSecret() : null;
  const scope = overrides.scope ?? { regions: [roles.some(isAdministratorPost) ? "*" : testCommunity], grids: [] };
  const user = await new IdentityRepository(db).insertUser({
    id: uuidv7(),
    username: overrides.username ?? `user${String(sequence).padStart(4, "0")}`,
    displayName: overrides.displayName ?? `测试用户${sequence}`,
    roles,
    regionScopes: scope.regions,
    gridScopes: scope.grids,
    passwordHash: await hashPassword(password),
    disabledAt: overrides.disabledAt ?? null,
    passwordChangedAt: overrides.mustChangePassword ? null : new Date(),
    totpSecret,
    totpEnabledAt: totpSecret ? new Date() : null,
  });
  rememberTotpSecret(user.username, totpSecret);
  return { user, password };
}
