import type { RecoveryCodes, TwoFactorSetup } from "@linli/contracts";
import type { Database } from "../../db/client.js";
import { type AuditService, auditActor } from "../../platform/audit/audit.service.js";
import type { Actor, RequestContext } from "../../platform/auth/actor.js";
import { AppError, notFound } from "../../platform/errors/app-error.js";
import { IdentityRepository } from "./identity.repository.js";
import { acceptedStep, newRecoveryCodes, newTotpSecret, otpauthUri, recoveryCodeHash } from "./two-factor.js";
import { TwoFactorRepository } from "./two-factor.repository.js";

/** Enrolment of the signed-in user's second factor (TOTP) and its one-time recovery codes. */
export class TwoFactorService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Offers a new secret; it takes effect only when `confirm` receives a code it generated. */
  async setup(actor: Actor): Promise<TwoFactorSetup> {
    const user = await new IdentityRepository(this.db).findUserById(actor.userId);
    if (!user) throw notFound();
    // Replacing a working factor needs an administrator's reset, so a stolen session cannot swap it.
    if (user.totpSecret !== null) throw new AppError("conflict", 409, [{ in: "body", field: "code", code: "already_enabled" }]);
    const secret = newTotpSecret();
    await new TwoFactorRepository(this.db).setPendingSecret(user.id, secret);
    return { secret, uri: otpauthUri(user.username, secret) };
  }

  /** Turns the offered secret on with its first code; returns ten recovery codes, shown once. */
  async confirm(actor: Actor, code: string, context: RequestContext): Promise<RecoveryCodes> {
    const now = this.now();
    const user = await new IdentityRepository(this.db).findUserById(actor.userId);
    if (!user) throw notFound();
    if (user.totpSecret !== null) throw new AppError("conflict", 409, [{ in: "body", field: "code", code: "already_enabled" }]);
    const pending = user.totpPendingSecret;
    const step = pending === null ? null : await acceptedStep(pending, code, null, now);
    if (pending === null || step === null)
      throw new AppError("validation_failed", 400, [{ in: "body", field: "code", code: "incorrect" }]);
    const codes = newRecoveryCodes();
    await this.db.transaction(async (tx) => {
      const repository = new TwoFactorRepository(tx);
      await repository.enable(user.id, pending, step, now);
      await repository.replaceRecoveryCodes(user.id, codes.map(recoveryCodeHash));
      await this.audit.record(tx, {
        actor: auditActor(actor),
        ip: context.ip,
        action: "identity.two_factor_enabled",
        entityType: "user",
        entityId: user.id,
        result: "success",
      });
    });
    return { codes };
  }
}
