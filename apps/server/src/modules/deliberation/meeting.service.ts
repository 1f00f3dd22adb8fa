import { randomInt } from "node:crypto";
import type {
  CreateMeeting,
  Locale,
  Meeting,
  MeetingList,
  MeetingListQuery,
  MeetingMinutes,
  MeetingSummary,
  RecordAttendance,
  Role,
} from "@linli/contracts";
import { v7 as uuidv7 } from "uuid";
import type { Database } from "../../db/client.js";
import { type AuditService, succeeded } from "../../platform/audit/audit.service.js";
import type { Actor, RequestContext } from "../../platform/auth/actor.js";
import { AppError, conflictOn, invalid, notFound, staleVersion } from "../../platform/errors/app-error.js";
import { covers } from "../../platform/scope/scope.js";
import { localDate, shanghaiDateTime } from "../../platform/time/local-date.js";
import type { NotificationService } from "../cases/notification.service.js";
import type { CompoundService } from "../grids/compound.service.js";
import type { AccountService } from "../identity/account.service.js";
import type { ResidentService } from "../people/resident.service.js";
import { authorizeDeliberation, organises } from "./deliberation.policy.js";
import { meetingsWorkbook } from "./deliberation-export.js";
import { type MeetingListRow, type MeetingReader, MeetingRepository, type MeetingRow } from "./meeting.repository.js";
import { OwnerRollRepository } from "./owner-roll.repository.js";

export interface MeetingDependencies {
  db: Database;
  notifications: NotificationService;
  audit: AuditService;
  accounts: AccountService;
  residents: ResidentService;
  compounds: CompoundService;
  now: () => Date;
}

const listLimit = 500;

/**
 * Meetings (屋场恳谈会, 业主大会, 三方联席会议): planned, noticed to the invitees, signed in,
 * minuted. Staff see the meetings of their area; a resident sees the noticed meetings of the
 * compounds where they live or own a dwelling.
 */
export class MeetingService {
  constructor(private readonly deps: MeetingDependencies) {}

  /** Who is reading: staff by their scope; a resident by their verified registry record's compounds. */
  async readerOf(actor: Actor): Promise<MeetingReader> {
    if (actor.permissions.includes("deliberation.read") || organises(actor)) return { scope: actor.scope };
    authorizeDeliberation(actor, "deliberation.vote");
    const residentId = await this.deps.accounts.linkedResident(actor.userId);
    return { compounds: residentId ? await new OwnerRollRepository(this.deps.db).compoundsOfResident(residentId) : [] };
  }

  async create(actor: Actor, input: CreateMeeting, context: RequestContext): Promise<Meeting> {
    authorizeDeliberation(actor, "deliberation.manage");
    if (!covers(actor.scope, input.regionCode)) throw invalid("regionCode", "outside_scope");
    if (input.compoundId) {
      const compound = await this.deps.compounds.get(actor, input.compoundId).catch(() => undefined);
      if (compound?.regionCode !== input.regionCode) throw invalid("compoundId", "not_in_community");
    } else if (input.kind === "owners_assembly" || input.invitees.includes("compound_residents"))
      throw invalid("compoundId", "required");
    const id = uuidv7();
    await this.deps.db.transaction(async (tx) => {
      await new MeetingRepository(tx).insert({
        id,
        ...input,
        compoundId: input.compoundId ?? null,
        startsAt: new Date(input.startsAt),
        signInCode: String(randomInt(0, 1_000_000)).padStart(6, "0"),
        createdBy: actor.userId,
      });
      await this.deps.audit.record(tx, succeeded(actor, context, "deliberation.meeting_created", { type: "meeting", id }));
    });
    return this.get(actor, id);
  }

  async list(actor: Actor, query: MeetingListQuery): Promise<MeetingList> {
    const reader = await this.readerOf(actor);
    const rows = await new MeetingRepository(this.deps.db).list(reader, query, listLimit);
    return { items: rows.map((row) => this.summary(row)) };
  }

  async exportList(actor: Actor, query: MeetingListQuery, locale: Locale): Promise<Buffer> {
    return meetingsWorkbook((await this.list(actor, query)).items, locale);
  }

  /** The meeting as the reader may see it; 404 when they may not. */
  async find(actor: Actor, id: string): Promise<MeetingRow> {
    const row = await new MeetingRepository(this.deps.db).find(id, await this.readerOf(actor));
    if (!row) throw notFound();
    return row;
  }

  /** The meeting's page without its motions (the motion service adds them). */
  async get(actor: Actor, id: string): Promise<Omit<Meeting, "motionList"> & { motionList: [] }> {
    const repository = new MeetingRepository(this.deps.db);
    const row = await this.find(actor, id);
    const attendees = await repository.attendanceOf(id);
    const files = await repository.filesOf(id);
    const organiser = organises(actor) || actor.permissions.includes("deliberation.read");
    return {
      ...this.summary({ ...row, compoundName: null, motions: 0, attendance: attendees.length }),
      // The reader already sees the meeting, and with it where it is held.
      compoundName: row.compoundId ? ((await this.deps.compounds.siteOf(row.compoundId))?.name ?? null) : null,
      agenda: row.agenda,
      minutes: row.minutes,
      files: files.map((file) => ({
        id: file.id,
        fileName: file.fileName,
        contentType: file.contentType,
        byteSize: file.byteSize,
      })),
      signInCode: organises(actor) ? row.signInCode : null,
      attendees: organiser
        ? attendees.map((attendee) => ({
            id: attendee.id,
            name: attendee.name,
            party: attendee.party as Meeting["attendees"][number]["party"],
            residentId: attendee.residentId,
            method: attendee.method as "staff" | "code",
            signedInAt: attendee.signedInAt.toISOString(),
          }))
        : [],
      motionList: [],
    };
  }

  /**
   * Sends the notice: from now on the compound's residents see the meeting and its agenda, and
   * every invited party's accounts are notified in the same transaction — the residents' verified
   * accounts, the owners' committee, the property company's staff, the community's chief.
   */
  async notice(actor: Actor, id: string, version: number, context: RequestContext): Promise<void> {
    await this.change(actor, id, version, context, "deliberation.meeting_noticed", async (meeting, tx) => {
      if (meeting.noticedAt) throw conflictOn("id", "already_noticed");
      const recipients = await this.inviteesOf(meeting, tx);
      await this.deps.notifications.send(
        tx,
        recipients.filter((userId) => userId !== actor.userId),
        {
          kind: "meeting_noticed",
          meetingId: meeting.id,
          subject: `${meeting.title}（${shanghaiDateTime(meeting.startsAt.toISOString())}）`,
        },
      );
      return { noticedAt: this.deps.now() };
    });
  }

  /** The accounts a meeting's invitees hold. */
  private async inviteesOf(meeting: MeetingRow, tx: Database): Promise<string[]> {
    const roles: Role[] = [];
    if (meeting.invitees.includes("owners_committee")) roles.push("committee_member");
    if (meeting.invitees.includes("property_company")) roles.push("property_staff");
    if (meeting.invitees.includes("community")) roles.push("chief_grid_leader");
    const staff = await this.deps.accounts.covering(meeting.regionCode, null, roles, tx);
    const residents =
      meeting.invitees.includes("compound_residents") && meeting.compoundId
        ? await this.deps.accounts.ofResidents(await new OwnerRollRepository(tx).residentsOfCompound(meeting.compoundId), tx)
        : [];
    return [...staff.map((account) => account.id), ...residents];
  }

  async cancel(actor: Actor, id: string, version: number, context: RequestContext): Promise<void> {
    await this.change(actor, id, version, context, "deliberation.meeting_cancelled", (meeting) => {
      if (meeting.minutes) throw conflictOn("id", "already_held");
      return { cancelledAt: this.deps.now() };
    });
  }

  async recordMinutes(actor: Actor, id: string, input: MeetingMinutes, context: RequestContext): Promise<void> {
    await this.change(actor, id, input.version, context, "deliberation.minutes_recorded", (meeting) => {
      if (meeting.startsAt > this.deps.now()) throw conflictOn("id", "not_started");
      return { minutes: input.minutes };
    });
  }

  /** A version-checked change of a meeting that is not cancelled, in one transaction with its audit row. */
  private async change(
    actor: Actor,
    id: string,
    version: number,
    context: RequestContext,
    action: string,
    patchOf: (meeting: MeetingRow, tx: Database) => Partial<MeetingRow> | Promise<Partial<MeetingRow>>,
  ): Promise<void> {
    authorizeDeliberation(actor, "deliberation.manage");
    await this.deps.db.transaction(async (tx) => {
      const repository = new MeetingRepository(tx);
      const meeting = await repository.lock(id, actor.scope);
      if (!meeting) throw notFound();
      if (meeting.cancelledAt) throw conflictOn("id", "cancelled");
      if (meeting.version !== version) throw staleVersion();
      await repository.update(id, await patchOf(meeting, tx));
      await this.deps.audit.record(tx, succeeded(actor, context, action, { type: "meeting", id }));
    });
  }

  /** Staff sign someone in: a resident from the registry (their name as registered) or a party's delegate by name. */
  async recordAttendance(actor: Actor, id: string, input: RecordAttendance, context: RequestContext): Promise<void> {
    authorizeDeliberation(actor, "deliberation.manage");
    const meeting = await this.find(actor, id);
    if (meeting.cancelledAt) throw conflictOn("id", "cancelled");
    let name = input.name ?? "";
    if (input.residentId) {
      const names = await this.deps.residents.namesOf(actor, [input.residentId]);
      name = names.get(input.residentId) ?? "";
      if (!name) throw invalid("residentId", "unknown_resident");
    }
    await this.deps.db.transaction(async (tx) => {
      const added = await new MeetingRepository(tx).signIn({
        id: uuidv7(),
        meetingId: id,
        residentId: input.residentId ?? null,
        name,
        party: input.party,
        method: "staff",
        recordedBy: actor.userId,
      });
      if (!added) throw new AppError("conflict", 409, [{ in: "body", field: "residentId", code: "already_signed_in" }]);
      await this.deps.audit.record(tx, succeeded(actor, context, "deliberation.attendance_recorded", { type: "meeting", id }));
    });
  }

  /** A resident signs themself in with the code shown at the meeting, on the meeting's day. */
  async signIn(actor: Actor, id: string, code: string, context: RequestContext): Promise<void> {
    authorizeDeliberation(actor, "deliberation.vote");
    const residentId = await this.deps.accounts.linkedResident(actor.userId);
    if (!residentId) throw new AppError("forbidden", 403, [{ in: "body", field: "code", code: "not_verified" }]);
    const meeting = await this.find(actor, id);
    if (meeting.cancelledAt) throw conflictOn("id", "cancelled");
    if (localDate(meeting.startsAt) !== localDate(this.deps.now())) throw conflictOn("id", "not_today");
    if (code !== meeting.signInCode) throw invalid("code", "wrong_code");
    // Signed in under their own registered name: a verified account speaks for its holder only.
    const name = await this.deps.residents.ownName(residentId);
    await this.deps.db.transaction(async (tx) => {
      await new MeetingRepository(tx).signIn({
        id: uuidv7(),
        meetingId: id,
        residentId,
        name: name ?? actor.displayName,
        party: "resident",
        method: "code",
        recordedBy: actor.userId,
      });
      await this.deps.audit.record(tx, succeeded(actor, context, "deliberation.signed_in", { type: "meeting", id }));
    });
  }

  private summary(row: MeetingListRow): MeetingSummary {
    const now = this.deps.now();
    // Held once it was noticed and has begun (or has minutes); never noticed, it is still being planned.
    const status = row.cancelledAt
      ? "cancelled"
      : !row.noticedAt
        ? "planned"
        : row.minutes || row.startsAt <= now
          ? "held"
          : "noticed";
    return {
      id: row.id,
      regionCode: row.regionCode,
      compoundId: row.compoundId,
      compoundName: row.compoundName,
      kind: row.kind as MeetingSummary["kind"],
      title: row.title,
      host: row.host,
      startsAt: row.startsAt.toISOString(),
      place: row.place,
      invitees: row.invitees as MeetingSummary["invitees"],
      status,
      noticedAt: row.noticedAt?.toISOString() ?? null,
      motions: row.motions,
      attendance: row.attendance,
      version: row.version,
    };
  }
}
