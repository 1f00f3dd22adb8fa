import { v7 as uuidv7 } from "uuid";
import type { Database } from "../../db/client.js";
import type { AuditService } from "../../platform/audit/audit.service.js";
import type { GridService } from "../grids/grid.service.js";
import type { AccountService } from "../identity/account.service.js";
import { CaseRepository, type CaseRow } from "./case.repository.js";
import { recordStep } from "./case-step.js";
import { NotificationRepository } from "./notification.repository.js";

const batchSize = 200;

/**
 * 督办: an overdue case escalates to the community director (level 1), and if still overdue by
 * the stage's limit again, to the township (level 2); each escalation is an event on the case and
 * a notification to each of them. Safe to run from every instance at once.
 */
export class CaseEscalationService {
  constructor(
    private readonly db: Database,
    private readonly grids: GridService,
    private readonly accounts: AccountService,
    private readonly audit: AuditService,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Escalates what is due, in batches until none is left; returns how many escalations were made. */
  async run(maxBatches = 50): Promise<number> {
    let total = 0;
    for (let batch = 0; batch < maxBatches; batch += 1) {
      const escalated = await this.db.transaction(async (tx) => {
        const now = this.now();
        const repository = new CaseRepository(tx);
        const due = await repository.claimOverdue(now, batchSize);
        for (const row of due) await this.escalate(tx, row, now);
        return due.length;
      });
      total += escalated;
      if (escalated < batchSize) break;
    }
    return total;
  }

  private async escalate(tx: Database, row: CaseRow, now: Date): Promise<void> {
    const level = row.escalationLevel + 1;
    const repository = new CaseRepository(tx);
    await repository.update(row.id, { escalationLevel: level, escalatedAt: now });
    await recordStep(tx, this.audit, {
      caseId: row.id,
      kind: "escalated",
      from: null,
      to: null,
      actorUserId: null,
      auditActor: { userId: null, username: "system", roles: [] },
      ip: null,
      details: { level, stage: row.stage, dueAt: row.dueAt?.toISOString() },
      at: now,
    });
    const recipients = await this.recipients(tx, row, level);
    await new NotificationRepository(tx).insertMany(
      recipients.map((userId) => ({
        id: uuidv7(),
        userId,
        kind: "case_escalated",
        caseId: row.id,
        caseNumber: row.number,
        level,
        createdAt: now,
      })),
    );
  }

  /** Level 1: the community's director(s) on a current term (or any chief grid leader covering it); level 2: the township's administrators. */
  private async recipients(tx: Database, row: CaseRow, level: number): Promise<string[]> {
    if (level === 1) {
      const community = row.regionCode.slice(0, 12);
      const onTerm = community.length === 12 ? await this.grids.currentStaff(community, "chief_grid_leader", undefined, tx) : [];
      if (onTerm.length > 0) return onTerm;
      return (await this.accounts.covering(row.regionCode, row.gridCode, ["chief_grid_leader"], tx)).map((account) => account.id);
    }
    const township = row.regionCode.slice(0, 9);
    return (await this.accounts.covering(township, null, ["township_admin"], tx)).map((account) => account.id);
  }
}
