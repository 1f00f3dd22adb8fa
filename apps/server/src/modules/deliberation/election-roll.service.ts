import type { AddElectionVoters, ElectionRoll, Locale } from "@linli/contracts";
import { v7 as uuidv7 } from "uuid";
import type { Database } from "../../db/client.js";
import { type AuditService, succeeded } from "../../platform/audit/audit.service.js";
import type { Actor, RequestContext } from "../../platform/auth/actor.js";
import { AppError, conflictOn, type FieldErrorInput, invalid } from "../../platform/errors/app-error.js";
import { readSheetRows } from "../../platform/files/spreadsheet.js";
import type { ResidentService } from "../people/resident.service.js";
import { authorizeDeliberation } from "./deliberation.policy.js";
import { rollColumns, rollSheetTitle, rollWorkbook } from "./deliberation-export.js";
import { ElectionRepository, type ElectionRow } from "./election.repository.js";
import type { ElectionService } from "./election.service.js";

export interface ElectionRollDependencies {
  db: Database;
  audit: AuditService;
  residents: ResidentService;
  elections: ElectionService;
}

/**
 * An election's roll (选民名册) before the poll: registry residents, members by number (typed or
 * from a file), or the adults living in the community or compound. An owners' committee's roll is
 * not made here: it is the owners' register, frozen when the poll opens.
 */
export class ElectionRollService {
  constructor(private readonly deps: ElectionRollDependencies) {}

  async roll(actor: Actor, id: string): Promise<ElectionRoll> {
    authorizeDeliberation(actor, "deliberation.read", "deliberation.manage");
    await this.deps.elections.find(actor, id);
    const rows = await new ElectionRepository(this.deps.db).roll(id);
    return {
      items: rows.map((row) => ({
        id: row.id,
        rollNumber: row.rollNumber,
        name: row.name,
        residentId: row.residentId,
        voted: row.votedAt !== null,
        channel: row.channel as "phone" | "paper" | null,
      })),
    };
  }

  async exportRoll(actor: Actor, id: string, locale: Locale): Promise<Buffer> {
    return rollWorkbook((await this.roll(actor, id)).items, locale);
  }

  /**
   * Adds members from a file (Excel sheet 选民名册, or CSV) with the columns 编号 and 姓名: every
   * row is checked first and, if any is wrong, nothing is added and each bad row is named.
   */
  async importRoll(actor: Actor, id: string, content: Buffer, context: RequestContext) {
    authorizeDeliberation(actor, "deliberation.manage");
    const { rows, errors } = await readSheetRows(content, {
      sheetTitle: rollSheetTitle,
      columns: rollColumns,
      maxRows: 5_000,
      csv: true,
    });
    const seen = new Map<string, number>();
    for (const { row, cells } of rows) {
      if (!cells.rollNumber) errors.push({ in: "body", field: `rows.${row}.rollNumber`, code: "required" });
      else if (cells.rollNumber.length > 32)
        errors.push({ in: "body", field: `rows.${row}.rollNumber`, code: "too_big_string", params: { maximum: 32 } });
      else if (seen.has(cells.rollNumber))
        errors.push({
          in: "body",
          field: `rows.${row}.rollNumber`,
          code: "same_person_as_row",
          params: { row: seen.get(cells.rollNumber) },
        });
      else seen.set(cells.rollNumber, row);
      if (!cells.name) errors.push({ in: "body", field: `rows.${row}.name`, code: "required" });
      else if (cells.name.length > 50)
        errors.push({ in: "body", field: `rows.${row}.name`, code: "too_big_string", params: { maximum: 50 } });
    }
    if (errors.length > 0) throw new AppError("validation_failed", 400, errors);
    const members = rows.map(({ cells }) => ({ rollNumber: cells.rollNumber as string, name: cells.name as string }));
    return this.addVoters(actor, id, { residentIds: [], members }, context);
  }

  /** Adds voters before the poll opens: registry residents, members by number, or the adults living here. */
  async addVoters(actor: Actor, id: string, input: AddElectionVoters, context: RequestContext) {
    authorizeDeliberation(actor, "deliberation.manage");
    const election = await this.deps.elections.find(actor, id);
    assertOwnRoll(election);
    if (election.status !== "draft") throw conflictOn("id", "already_opened");
    const names = await this.deps.residents.namesOf(actor, input.residentIds);
    const errors: FieldErrorInput[] = input.residentIds.flatMap((residentId, index) =>
      names.has(residentId) ? [] : [{ in: "body" as const, field: `residentIds.${index}`, code: "unknown_resident" }],
    );
    if (errors.length > 0) throw new AppError("validation_failed", 400, errors);
    if (input.drawAdultsOf === "compound" && !election.compoundId) throw invalid("drawAdultsOf", "needs_a_compound");
    const drawn = input.drawAdultsOf
      ? await this.deps.residents.adultsLiving(
          actor,
          election.regionCode,
          input.drawAdultsOf === "compound" ? (election.compoundId ?? undefined) : undefined,
        )
      : [];
    const people = [...input.residentIds.map((residentId) => ({ id: residentId, name: names.get(residentId) ?? "" })), ...drawn];
    return this.deps.db.transaction(async (tx) => {
      const repository = new ElectionRepository(tx);
      if ((await repository.lock(id, "update"))?.status !== "draft") throw conflictOn("id", "already_opened");
      let next = await repository.nextRollNumber(id);
      const rows = [
        ...people.map((person) => ({
          id: uuidv7(),
          electionId: id,
          rollNumber: `R${String(next++).padStart(5, "0")}`,
          name: person.name,
          residentId: person.id,
        })),
        ...input.members.map((member) => ({
          id: uuidv7(),
          electionId: id,
          rollNumber: member.rollNumber,
          name: member.name,
          residentId: null,
        })),
      ];
      const added = await repository.addVoters(rows);
      await this.deps.audit.record(tx, succeeded(actor, context, "deliberation.roll_changed", { type: "election", id }));
      return { added, alreadyOnRoll: rows.length - added, roll: (await repository.rollCounts(id)).roll };
    });
  }
}

/** An owners' committee's roll is the owners' register (art. 278), never a list typed in or drawn from residents. */
function assertOwnRoll(election: ElectionRow): void {
  if (election.counting === "owners") throw conflictOn("id", "owners_roll");
}
