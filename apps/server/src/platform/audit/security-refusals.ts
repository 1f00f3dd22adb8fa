import type { ProblemCode } from "@linli/contracts";
import type { FastifyRequest } from "fastify";
import { type AuditService, auditActor } from "./audit.service.js";

/** Refusals that say someone tried what they may not: each leaves an audit row (等保 安全审计). */
const auditedRefusals: Partial<Record<ProblemCode, string>> = {
  csrf_failed: "security.csrf_refused",
  forbidden: "security.forbidden",
  rate_limited: "security.rate_limited",
};

/** A flood of throttled requests must not become a flood of audit rows: one per address a minute. */
const rateLimitedWindowMs = 60_000;
const maxTrackedAddresses = 10_000;

/**
 * Records security refusals in the audit trail: who (when signed in), from where, which route
 * (its pattern, never the ids or query in the URL), and the refusal.
 */
export class SecurityRefusalRecorder {
  private readonly lastRateLimited = new Map<string, number>();

  constructor(
    private readonly audit: AuditService,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async record(request: FastifyRequest, code: ProblemCode): Promise<void> {
    const action = auditedRefusals[code];
    if (!action) return;
    if (code === "rate_limited" && !this.firstThisMinute(request.ip)) return;
    const actor = request.actor;
    await this.audit.recordNow({
      actor: actor ? auditActor(actor) : { userId: null, username: null, roles: [] },
      ip: request.ip,
      action,
      entityType: "route",
      entityId: `${request.method} ${request.routeOptions.url ?? "(unknown)"}`,
      result: code,
    });
  }

  private firstThisMinute(ip: string): boolean {
    const at = this.now().getTime();
    const last = this.lastRateLimited.get(ip);
    if (last !== undefined && at - last < rateLimitedWindowMs) return false;
    if (this.lastRateLimited.size >= maxTrackedAddresses) this.lastRateLimited.clear();
    this.lastRateLimited.set(ip, at);
    return true;
  }
}
