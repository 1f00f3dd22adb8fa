import { and, eq, isNull, lt, or } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { recoveryCodes, users } from "../../db/schema.js";

/** SQL for second factors: secrets, the last accepted step, recovery codes. */
export class TwoFactorRepository {
  constructor(private readonly db: Database) {}

  async setPendingSecret(userId: string, secret: string): Promise<void> {
    await this.db.update(users).set({ totpPendingSecret: secret }).where(eq(users.id, userId));
  }

  async enable(userId: string, secret: string, step: number, at: Date): Promise<void> {
    await this.db
      .update(users)
      .set({ totpSecret: secret, totpPendingSecret: null, totpLastStep: step, totpEnabledAt: at })
      .where(eq(users.id, userId));
  }

  /** Records `step` as used unless it, or a later one, already was: the replay guard holds under concurrency. */
  async acceptStep(userId: string, step: number): Promise<boolean> {
    const updated = await this.db
      .update(users)
      .set({ totpLastStep: step })
      .where(and(eq(users.id, userId), or(isNull(users.totpLastStep), lt(users.totpLastStep, step))))
      .returning({ id: users.id });
    return updated.length === 1;
  }

  async replaceRecoveryCodes(userId: string, hashes: readonly string[]): Promise<void> {
    await this.db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
    await this.db.insert(recoveryCodes).values(hashes.map((codeHash) => ({ userId, codeHash })));
  }

  /** Spends an unused recovery code; false when there is none with that hash. */
  async useRecoveryCode(userId: string, codeHash: string, at: Date): Promise<boolean> {
    const updated = await this.db
      .update(recoveryCodes)
      .set({ usedAt: at })
      .where(and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, codeHash), isNull(recoveryCodes.usedAt)))
      .returning({ userId: recoveryCodes.userId });
    return updated.length === 1;
  }

  /** Removes the second factor and its recovery codes. */
  async clear(userId: string): Promise<void> {
    await this.db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
    await this.db
      .update(users)
      .set({ totpSecret: null, totpPendingSecret: null, totpLastStep: null, totpEnabledAt: null })
      .where(eq(users.id, userId));
  }
}
