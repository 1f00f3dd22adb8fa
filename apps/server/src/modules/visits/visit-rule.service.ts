import type { CreateVisitRule, UpdateVisitRule, VisitRule } from "@linli/contracts";
import { v7 as uuidv7 } from "uuid";
import type { Database } from "../../db/client.js";
import { type AuditService, succeeded } from "../../platform/audit/audit.service.js";
import type { Actor, RequestContext } from "../../platform/auth/actor.js";
import { AppError, notFound } from "../../platform/errors/app-error.js";
import { covers } from "../../platform/scope/scope.js";
import { toVisitRule } from "./visit.presenter.js";
import { VisitRuleRepository } from "./visit-rule.repository.js";
import { assertCommunityInScope, authorizeVisits } from "./visits.policy.js";

/** A community's visit rules (走访规则), edited by who plans its visits. */
export class VisitRuleService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
  ) {}

  async list(actor: Actor, regionCode: string): Promise<{ items: VisitRule[] }> {
    authorizeVisits(actor, "visits.plan", "visits.read");
    assertCommunityInScope(actor, regionCode, { partly: true });
    return { items: (await new VisitRuleRepository(this.db).list(regionCode)).map(toVisitRule) };
  }

  async create(actor: Actor, input: CreateVisitRule, context: RequestContext): Promise<VisitRule> {
    authorizeVisits(actor, "visits.plan");
    assertCommunityInScope(actor, input.regionCode);
    const row = await this.db.transaction(async (tx) => {
      const created = await new VisitRuleRepository(tx).insert({
        id: uuidv7(),
        regionCode: input.regionCode,
        name: input.name,
        target: input.target,
        tag: input.tag ?? null,
        register: input.register ?? null,
        frequency: input.frequency,
        companions: input.companions,
      });
      await this.audit.record(tx, succeeded(actor, context, "visits.rule_created", { type: "visit_rule", id: created.id }));
      return created;
    });
    return toVisitRule(row);
  }

  /** Edits a rule (version-checked); tasks already planned keep their period and assignee. */
  async update(actor: Actor, id: string, input: UpdateVisitRule, context: RequestContext): Promise<VisitRule> {
    authorizeVisits(actor, "visits.plan");
    const row = await this.db.transaction(async (tx) => {
      const repository = new VisitRuleRepository(tx);
      const current = await repository.lock(id);
      if (!current || !covers(actor.scope, current.regionCode)) throw notFound();
      if (current.version !== input.version)
        throw new AppError("conflict", 409, [{ in: "body", field: "version", code: "stale_version" }]);
      const { version: _version, ...patch } = input;
      const updated = await repository.update(id, patch);
      await this.audit.record(tx, succeeded(actor, context, "visits.rule_updated", { type: "visit_rule", id }));
      return updated;
    });
    return toVisitRule(row);
  }
}
