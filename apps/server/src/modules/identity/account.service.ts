import type {
  ChangePasswordRequest,
  CreateUserRequest,
  IssuedPassword,
  Role,
  Scope,
  UserListQuery,
  UserPage,
  UserSummary,
} from "@linli/contracts";
import { everywhere } from "@linli/contracts";
import { v7 as uuidv7 } from "uuid";
import type { Database } from "../../db/client.js";
import { isUniqueViolation } from "../../db/errors.js";
import { type AuditEventInput, type AuditService, auditActor } from "../../platform/audit/audit.service.js";
import type { Actor, RequestContext } from "../../platform/auth/actor.js";
import { AppError, notFound } from "../../platform/errors/app-error.js";
import { decodeCursor, encodeCursor } from "../../platform/http/cursor.js";
import { rolesOf, toUserSummary } from "./account.presenter.js";
import {
  assertMayGrant,
  assertMayManage,
  assertNotSelf,
  assertRolesCombinable,
  assertScopeGrantable,
  authorizeIdentity,
} from "./identity.policy.js";
import { IdentityRepository, type UserRow } from "./identity.repository.js";
import type { AccountPolicy } from "./identity.service.js";
import { sessionIdOf } from "./identity.service.js";
import { generatePassword, hashPassword, verifyPassword } from "./password.js";
import { checkPassword } from "./password-policy.js";
import { TwoFactorRepository } from "./two-factor.repository.js";

type Issuer = { actor: Actor; context: RequestContext } | { system: string };

function auditActorOf(issuer: Issuer): AuditEventInput["actor"] {
  return "system" in issuer ? { userId: null, username: issuer.system, roles: [] } : auditActor(issuer.actor);
}

/** Accounts: listing, creation, disabling, roles and passwords. Every change is audited. */
export class AccountService {
  private readonly repository: IdentityRepository;

  constructor(
    private readonly db: Database,
    private readonly policy: Pick<AccountPolicy, "passwordMinLength" | "passwordCharacterClasses">,
    private readonly audit: AuditService,
  ) {
    this.repository = new IdentityRepository(db);
  }

  /** The scope of an active account, for modules that place staff (grid staffing); null when there is none. */
  async scopeOfActiveUser(id: string): Promise<Scope | null> {
    const user = await this.repository.findUserById(id);
    return user && user.disabledAt === null ? { regions: user.regionScopes, grids: user.gridScopes } : null;
  }

  /** Who may be placed on a community's grid staff: active accounts working there (at most 500, by username). */
  async staffCandidates(regionCode: string) {
    return this.repository.workingIn(regionCode);
  }

  /**
   * Active accounts with one of `roles` whose scope covers the place: a case's possible handlers,
   * or whom to notify (read through `db`, the caller's transaction where it has one).
   */
  async covering(
    regionCode: string,
    gridCode: string | null,
    roles: readonly Role[],
    db: Database = this.db,
  ): Promise<{ id: string; displayName: string; roles: Role[] }[]> {
    if (roles.length === 0) return [];
    const rows = await new IdentityRepository(db).covering(regionCode, gridCode, roles);
    return rows.map((row) => ({ ...row, roles: row.roles as Role[] }));
  }

  /** The accounts of residents verified against these registry records (read through `db`, the caller's transaction). */
  async ofResidents(residentIds: readonly string[], db: Database = this.db): Promise<string[]> {
    return (await new IdentityRepository(db).ofResidents(residentIds)).map((row) => row.id);
  }

  /** The names by which staff appear beside records (grid staffing); an unknown id is left out. */
  async displayNamesOf(ids: readonly string[]): Promise<Map<string, string>> {
    const rows = await this.repository.displayNamesOf([...new Set(ids)]);
    return new Map(rows.map((row) => [row.id, row.displayName]));
  }

  /** The registry record a resident's account was verified against; null for any other account. */
  async linkedResident(userId: string): Promise<string | null> {
    return (await this.repository.findUserById(userId))?.residentId ?? null;
  }

  /**
   * Ties a resident's account to their registry record once staff have checked who they are, so
   * that they vote as that owner. The caller (the people module) has checked the record.
   */
  async linkResident(actor: Actor, userId: string, residentId: string, context: RequestContext): Promise<UserSummary> {
    return this.change(actor, userId, context, "identity.resident_linked", async (repository, user) => {
      if (!rolesOf(user).includes("resident"))
        throw new AppError("validation_failed", 400, [{ in: "body", field: "userId", code: "not_a_resident_account" }]);
      return repository.updateUser(user.id, { residentId });
    });
  }

  /** Lists the accounts inside the actor's scope, one cursor page at a time. */
  async listUsers(actor: Actor, query: UserListQuery): Promise<UserPage> {
    authorizeIdentity(actor, "users.list");
    const after = query.cursor ? decodeCursor(query.cursor, ["username"]).username : undefined;
    const rows = await this.repository.listUsers({
      scope: actor.scope,
      limit: query.limit + 1,
      afterUsername: after,
      prefix: query.q,
    });
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      items: page.map(toUserSummary),
      nextCursor: rows.length > query.limit && last ? encodeCursor({ username: last.username }) : null,
    };
  }

  /**
   * An administrator creates an account with roles they may grant, inside their own scope; its
   * one-time password is returned once and never stored.
   */
  async createUser(actor: Actor, input: CreateUserRequest, context: RequestContext): Promise<IssuedPassword> {
    authorizeIdentity(actor, "users.manage");
    assertRolesCombinable(input.roles);
    assertMayGrant(actor, input.roles);
    assertScopeGrantable(actor, input.scope);
    return this.insertAccount(input, { actor, context });
  }

  /** Creates a system administrator outside any session: `npm run admin:create`, or first start. */
  async createAdministrator(username: string, displayName: string, issuedBy: string): Promise<IssuedPassword> {
    return this.insertAccount(
      { username, displayName, roles: ["system_admin"], scope: { regions: [everywhere], grids: [] } },
      { system: issuedBy },
    );
  }

  /**
   * On first start with no accounts, creates `admin` as system administrator and returns its
   * one-time password; otherwise null. One transaction, so instances starting together create one.
   */
  async ensureFirstAdministrator(): Promise<{ username: string; password: string } | null> {
    return this.db.transaction(async (tx) => {
      const repository = new IdentityRepository(tx);
      await repository.lockUsersForFirstAccount();
      if ((await repository.countUsers()) > 0) return null;
      const issued = await new AccountService(tx, this.policy, this.audit).createAdministrator(
        "admin",
        "系统管理员",
        "system:first-start",
      );
      return { username: "admin", password: issued.password };
    });
  }

  async countAccounts(): Promise<number> {
    return this.repository.countUsers();
  }

  /**
   * Demo mode only (`DEMO`): accounts that sign in with the published demo password straight
   * away (it counts as chosen, not issued). One transaction; one hash for them all.
   */
  async createDemoAccounts(inputs: readonly CreateUserRequest[], password: string): Promise<UserSummary[]> {
    const passwordHash = await hashPassword(password);
    return this.db.transaction(async (tx) => {
      const repository = new IdentityRepository(tx);
      const created: UserSummary[] = [];
      for (const { scope, ...account } of inputs) {
        const row = await repository.insertUser({
          id: uuidv7(),
          ...account,
          regionScopes: scope.regions,
          gridScopes: scope.grids,
          passwordHash,
          passwordChangedAt: new Date(),
        });
        await this.audit.record(tx, {
          actor: auditActorOf({ system: "system:demo" }),
          ip: null,
          action: "identity.user_created",
          entityType: "user",
          entityId: row.id,
          result: "success",
        });
        created.push(toUserSummary(row));
      }
      return created;
    });
  }

  /** Disables an account and ends all its sessions at once. */
  async disableUser(actor: Actor, id: string, context: RequestContext): Promise<UserSummary> {
    authorizeIdentity(actor, "users.manage");
    assertNotSelf(actor, id);
    return this.change(actor, id, context, "identity.user_disabled", async (repository, user) => {
      await repository.deleteSessionsOfUser(user.id);
      return repository.updateUser(user.id, { disabledAt: user.disabledAt ?? new Date() });
    });
  }

  async enableUser(actor: Actor, id: string, context: RequestContext): Promise<UserSummary> {
    authorizeIdentity(actor, "users.manage");
    return this.change(actor, id, context, "identity.user_enabled", (repository, user) =>
      repository.updateUser(user.id, { disabledAt: null }),
    );
  }

  /** Replaces the roles of another account. */
  async setRoles(actor: Actor, id: string, roles: Role[], context: RequestContext): Promise<UserSummary> {
    authorizeIdentity(actor, "users.manage");
    assertNotSelf(actor, id);
    assertRolesCombinable(roles);
    assertMayGrant(actor, roles);
    return this.change(actor, id, context, "identity.roles_changed", (repository, user) =>
      repository.updateUser(user.id, { roles }),
    );
  }

  /** Replaces the scope of another account, within the actor's own. */
  async setScope(actor: Actor, id: string, scope: Scope, context: RequestContext): Promise<UserSummary> {
    authorizeIdentity(actor, "users.manage");
    assertNotSelf(actor, id);
    assertScopeGrantable(actor, scope);
    return this.change(actor, id, context, "identity.scope_changed", (repository, user) =>
      repository.updateUser(user.id, { regionScopes: scope.regions, gridScopes: scope.grids }),
    );
  }

  /** Issues a new one-time password, lifts any lockout and ends the account's sessions. */
  async resetPassword(actor: Actor, id: string, context: RequestContext): Promise<IssuedPassword> {
    authorizeIdentity(actor, "users.manage");
    const password = generatePassword();
    const passwordHash = await hashPassword(password);
    const user = await this.change(actor, id, context, "identity.password_reset", async (repository, row) => {
      await repository.deleteSessionsOfUser(row.id);
      // passwordChangedAt null: the holder must replace the issued password at the next sign-in.
      return repository.updateUser(row.id, {
        passwordHash,
        passwordChangedAt: null,
        failedSignIns: 0,
        failedSignInsSince: null,
        lockedUntil: null,
      });
    });
    return { user, password };
  }

  /**
   * Removes an account's second factor and recovery codes (a lost phone) and ends its sessions;
   * an account whose roles require one must enrol again at its next sign-in.
   */
  async resetTwoFactor(actor: Actor, id: string, context: RequestContext): Promise<UserSummary> {
    authorizeIdentity(actor, "users.manage");
    assertNotSelf(actor, id);
    return this.change(actor, id, context, "identity.two_factor_reset", async (repository, user, tx) => {
      await repository.deleteSessionsOfUser(user.id);
      await new TwoFactorRepository(tx).clear(user.id);
      return (await repository.findUserById(user.id)) ?? user;
    });
  }

  /** The signed-in user chooses a new password; their other sessions end, this one stays. */
  async changeOwnPassword(
    actor: Actor,
    sessionToken: string,
    input: ChangePasswordRequest,
    context: RequestContext,
  ): Promise<void> {
    const user = await this.repository.findUserById(actor.userId);
    if (!user) throw notFound();
    if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
      throw new AppError("validation_failed", 400, [{ in: "body", field: "currentPassword", code: "incorrect" }]);
    }
    if (input.newPassword === input.currentPassword)
      throw new AppError("validation_failed", 400, [{ in: "body", field: "newPassword", code: "unchanged" }]);
    const problem = checkPassword(input.newPassword, user.username, {
      minLength: this.policy.passwordMinLength,
      characterClasses: this.policy.passwordCharacterClasses,
    });
    if (problem) {
      const { code, ...params } = problem;
      throw new AppError("validation_failed", 400, [{ in: "body", field: "newPassword", code, params }]);
    }
    const passwordHash = await hashPassword(input.newPassword);
    await this.change(actor, "self", context, "identity.password_changed", async (repository, row) => {
      await repository.deleteSessionsOfUser(row.id, sessionIdOf(sessionToken));
      return repository.updateUser(row.id, { passwordHash, passwordChangedAt: new Date() });
    });
  }

  /**
   * Loads the account (the actor's own, or one inside the actor's scope: 404 outside it, as if it
   * did not exist), checks that the actor outranks it, applies `write` and records `action`, all
   * in one transaction.
   */
  private async change(
    actor: Actor,
    id: string | "self",
    context: RequestContext,
    action: string,
    write: (repository: IdentityRepository, user: UserRow, tx: Database) => Promise<UserRow>,
  ): Promise<UserSummary> {
    const updated = await this.db.transaction(async (tx) => {
      const repository = new IdentityRepository(tx);
      const user =
        id === "self" ? await repository.findUserById(actor.userId) : await repository.findUserInScope(id, actor.scope);
      if (!user) throw notFound();
      if (id !== "self") assertMayManage(actor, rolesOf(user));
      const row = await write(repository, user, tx);
      await this.audit.record(tx, {
        actor: auditActorOf({ actor, context }),
        ip: context.ip,
        action,
        entityType: "user",
        entityId: user.id,
        result: "success",
      });
      return row;
    });
    return toUserSummary(updated);
  }

  private async insertAccount(input: CreateUserRequest, issuer: Issuer): Promise<IssuedPassword> {
    const password = generatePassword();
    const passwordHash = await hashPassword(password);
    const { scope, ...account } = input;
    try {
      const row = await this.db.transaction(async (tx) => {
        const inserted = await new IdentityRepository(tx).insertUser({
          id: uuidv7(),
          ...account,
          regionScopes: scope.regions,
          gridScopes: scope.grids,
          passwordHash,
          passwordChangedAt: null, // issued: the holder replaces it at the first sign-in
        });
        await this.audit.record(tx, {
          actor: auditActorOf(issuer),
          ip: "system" in issuer ? null : issuer.context.ip,
          action: "identity.user_created",
          entityType: "user",
          entityId: inserted.id,
          result: "success",
        });
        return inserted;
      });
      return { user: toUserSummary(row), password };
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError("conflict", 409, [{ in: "body", field: "username", code: "taken" }]);
      throw error;
    }
  }
}
