import { type AuditService, unsealedAlarmSeconds } from "./audit.service.js";

/** Verifies the chain and writes a verdict a person can act on; returns the process exit code. */
export async function runAuditVerify(audit: AuditService, write: (line: string) => void): Promise<number> {
  const report = await audit.verify();
  if (report.firstBroken) {
    const { chainSeq, id, problem } = report.firstBroken;
    const what = problem === "content_hash" ? "its content does not match its hash" : "its link to the previous row is broken";
    write(`Audit chain BROKEN at chain_seq ${chainSeq} (id ${id}): ${what}. ${report.sealed} row(s) before it verify.`);
    return 1;
  }
  write(`Audit chain intact: ${report.sealed} sealed rows; ${report.unsealed} waiting to be sealed.`);
  if (report.oldestUnsealedSeconds !== null && report.oldestUnsealedSeconds > unsealedAlarmSeconds) {
    write(
      `ALARM: a row has waited ${report.oldestUnsealedSeconds} s to be sealed (limit ${unsealedAlarmSeconds} s); is the sealer running?`,
    );
    return 1;
  }
  return 0;
}
