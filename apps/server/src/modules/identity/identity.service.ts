import { createHash, randomBytes } from "node:crypto";
import type { LoginRequest } from "@linli/contracts";
import type { Config } from "../../config.js";
import type { Database } from "../../db/client.js";
import type { AuditService } from "../../platform/audit/audit.service.js";
import type { Actor, RequestContext } from "../../platform/auth/actor.js";
import { actorOf, mustChangePassword } from "./account.presenter.js";
import { IdentityError, type IdentityErrorCode } from "./identity.errors.js";
import { IdentityRepository, type UserRow } from "./identity.repository.js";
import { hashPassword, verifyPassword } from "./password.js";
import { acceptedStep, recoveryCodeHash } from "./two-factor.js";
import { TwoFactorRepository } from "./two-factor.repository.js";

/** Session lifetimes, the sign-in lockout and the password rules (the configuration's `session`, less the cookie). */
export type AccountPolicy = Omit<Config["session"], "cookieSecure">;

/** Touching last_seen_at on every request would turn reads into writes; once a minute is enough. */
const touchIntervalMs = 60_000;

// Verified against when the username is unknown, so both paths cost one argon2 verification
// and response time does not reveal which usernames exist.
let dummyHash: Promise<string> | undefined;
function dummyHashOnce(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(16).toString("hex"));
  return dummyHash;
}

export function sessionIdOf(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Sign-in, sign-out and sessions. Accounts themselves are the AccountService's. */
export class IdentityService {
  private readonly repository: IdentityRepository;

  constructor(
    private readonly db: Database,
    private readonly policy: AccountPolicy,
    private readonly audit: AuditService,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.repository = new IdentityRepository(db);
  }

  /**
   * Checks the password (and the second factor, when the account has one) and opens a session;
   * returns the cookie token (only its hash is stored). Every attempt, granted or refused, leaves
   * an audit row; a wrong password or a wrong code counts towards the lockout.
   */
  async signIn(credentials: LoginRequest, context: RequestContext): Promise<{ token: string; actor: Actor }> {
    const { username, password } = credentials;
    const user = await this.repository.findUserByUsername(username);
    const now = this.now();
    const attempt = {
      actor: { userId: user?.id ?? null, username, roles: user?.roles ?? [] },
      ip: context.ip,
      action: "identity.sign_in",
      entityType: "user",
      entityId: user?.id,
    };
    const refuse = async (code: IdentityErrorCode, countsAsFailure = false) => {
      await this.db.transaction(async (tx) => {
        if (countsAsFailure && user) await this.recordFailure(new IdentityRepository(tx), user.id, now);
        await this.audit.record(tx, { ...attempt, result: code });
      });
      return new IdentityError(code);
    };

    if (!user) {
      await verifyPassword(await dummyHashOnce(), password);
      throw await refuse("invalid_credentials");
    }
    if (user.lockedUntil && user.lockedUntil > now) throw await refuse("account_locked");
    if (!(await verifyPassword(user.passwordHash, password))) throw await refuse("invalid_credentials", true);
    if (user.disabledAt) throw await refuse("invalid_credentials");
    const secondFactor = await this.checkSecondFactor(user, credentials, now);
    if (secondFactor === "missing") throw await refuse("two_factor_required");
    if (secondFactor === "wrong") throw await refuse("two_factor_invalid", true);

    const token = randomBytes(32).toString("base64url");
    // Spending the code, clearing the failure count, opening the session and its audit row commit
    // together; a code spent meanwhile by a concurrent sign-in refuses this one.
    const spent = await this.db.transaction(async (tx) => {
      const twoFactor = new TwoFactorRepository(tx);
      if (secondFactor !== "none") {
        const fresh =
          secondFactor.kind === "totp"
            ? await twoFactor.acceptStep(user.id, secondFactor.step)
            : await twoFactor.useRecoveryCode(user.id, secondFactor.hash, now);
        if (!fresh) return false;
      }
      const repository = new IdentityRepository(tx);
      if (user.failedSignIns > 0 || user.lockedUntil) await repository.clearFailedSignIns(user.id);
      await repository.insertSession({
        id: sessionIdOf(token),
        userId: user.id,
        createdAt: now,
        lastSeenAt: now,
        expiresAt: new Date(now.getTime() + this.policy.absoluteHours * 3_600_000),
      });
      await this.audit.record(tx, { ...attempt, result: "success" });
      return true;
    });
    if (!spent) throw await refuse("two_factor_invalid", true);
    // The transaction changed only counters and the TOTP step, none of which the actor shows.
    const permissions = await this.repository.permissionsOfRoles(user.roles);
    return { token, actor: actorOf(user, permissions, this.mustChange(user, now)) };
  }

  /** What the second factor of this attempt is: none needed, missing, wrong, or a code to spend. */
  private async checkSecondFactor(
    user: UserRow,
    credentials: LoginRequest,
    now: Date,
  ): Promise<"none" | "missing" | "wrong" | { kind: "totp"; step: number } | { kind: "recovery"; hash: string }> {
    if (user.totpSecret === null) return "none";
    if (credentials.totpCode) {
      const step = await acceptedStep(user.totpSecret, credentials.totpCode, user.totpLastStep, now);
      return step === null ? "wrong" : { kind: "totp", step };
    }
    if (credentials.recoveryCode) return { kind: "recovery", hash: recoveryCodeHash(credentials.recoveryCode) };
    return "missing";
  }

  private mustChange(user: UserRow, now: Date): boolean {
    return mustChangePassword(user, now, this.policy.passwordMaxAgeDays);
  }

  /** Counts a failure; reaching the limit within the window locks the account. */
  private recordFailure(repository: IdentityRepository, userId: string, now: Date): Promise<void> {
    const lockout = this.policy.lockoutMinutes * 60_000;
    return repository.recordFailedSignIn(
      userId,
      now,
      new Date(now.getTime() - lockout),
      this.policy.lockoutAttempts,
      new Date(now.getTime() + lockout),
    );
  }

  /** Ends the session behind `token`, if it still exists, with an audit row. */
  async signOut(token: string, context: RequestContext): Promise<void> {
    const id = sessionIdOf(token);
    const found = await this.repository.findSession(id);
    if (!found) return;
    await this.db.transaction(async (tx) => {
      await new IdentityRepository(tx).deleteSession(id);
      await this.audit.record(tx, {
        actor: { userId: found.user.id, username: found.user.username, roles: found.user.roles },
        ip: context.ip,
        action: "identity.sign_out",
        entityType: "user",
        entityId: found.user.id,
        result: "success",
      });
    });
  }

  /** The actor behind a session token, or null when it is unknown, idle too long or past its end. */
  async authenticate(token: string): Promise<Actor | null> {
    const id = sessionIdOf(token);
    const found = await this.repository.findSession(id);
    if (!found) return null;
    const now = this.now();
    const idleLimit = found.session.lastSeenAt.getTime() + this.policy.idleMinutes * 60_000;
    if (now >= found.session.expiresAt || now.getTime() >= idleLimit || found.user.disabledAt) {
      await this.repository.deleteSession(id);
      return null;
    }
    if (now.getTime() - found.session.lastSeenAt.getTime() >= touchIntervalMs) await this.repository.touchSession(id, now);
    return actorOf(found.user, found.permissions, this.mustChange(found.user, now));
  }

  /** Deletes sessions that have ended but were never presented again; returns how many. */
  async purgeEndedSessions(): Promise<number> {
    const now = this.now();
    return this.repository.deleteStaleSessions(now, new Date(now.getTime() - this.policy.idleMinutes * 60_000));
  }
}
