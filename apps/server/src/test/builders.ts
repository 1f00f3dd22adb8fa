import type { Role } from "@linli/contracts";
import { v7 as uuidv7 } from "uuid";
import type { Database } from "../db/client.js";
import { IdentityRepository, type UserRow } from "../modules/identity/identity.repository.js";
import { hashPassword } from "../modules/identity/password.js";

let sequence = 0;

/** An account with a known password; every field may be overridden. */
export async function buildUser(
  db: Database,
  overrides: Partial<{ username: string; displayName: string; roles: Role[]; password: string; disabledAt: Date | null }> = {},
): Promise<{ user: UserRow; password: string }> {
  sequence += 1;
  const password = overrides.password ?? `secret-${sequence}-pass`;
  const user = await new IdentityRepository(db).insertUser({
    id: uuidv7(),
    username: overrides.username ?? `user${String(sequence).padStart(4, "0")}`,
    displayName: overrides.displayName ?? `测试用户${sequence}`,
    roles: overrides.roles ?? [],
    passwordHash: await hashPassword(password),
    disabledAt: overrides.disabledAt ?? null,
  });
  return { user, password };
}
