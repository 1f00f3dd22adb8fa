import type { MeetingFile } from "@linli/contracts";
import { v7 as uuidv7 } from "uuid";
import type { Database } from "../../db/client.js";
import { type AuditService, succeeded } from "../../platform/audit/audit.service.js";
import type { Actor, RequestContext } from "../../platform/auth/actor.js";
import { AppError, conflictOn, notFound } from "../../platform/errors/app-error.js";
import type { FileStore } from "../../platform/files/file-store.js";
import { storeChecked } from "../../platform/files/stored-file.js";
import { authorizeDeliberation } from "./deliberation.policy.js";
import { MeetingRepository } from "./meeting.repository.js";
import type { MeetingService } from "./meeting.service.js";

/** What minutes may carry, as the bytes (not the name or the declared type) say: photos and PDF. */
const fileTypes = new Set(["image/jpeg", "image/png", "image/webp", "application/pdf"]);

/** Files of a meeting's minutes, kept in the configured file store and shown to whoever may see the meeting. */
export class MeetingFileService {
  constructor(private readonly deps: { db: Database; audit: AuditService; files: FileStore; meetings: MeetingService }) {}

  async upload(actor: Actor, meetingId: string, bytes: Buffer, fileName: string, context: RequestContext): Promise<MeetingFile> {
    authorizeDeliberation(actor, "deliberation.manage");
    const meeting = await this.deps.meetings.find(actor, meetingId);
    if (meeting.cancelledAt) throw conflictOn("id", "cancelled");
    const id = uuidv7();
    const stored = await storeChecked(this.deps.files, bytes, { id, prefix: "meeting-files", allowed: fileTypes });
    if (!stored) throw new AppError("unsupported_media_type", 415, [{ in: "body", field: "file", code: "not_a_minutes_file" }]);
    const row = { id, meetingId, fileName, ...stored, uploadedBy: actor.userId };
    await this.deps.db.transaction(async (tx) => {
      await new MeetingRepository(tx).insertFile(row);
      await this.deps.audit.record(
        tx,
        succeeded(actor, context, "deliberation.minutes_file_added", { type: "meeting", id: meetingId }),
      );
    });
    return { id, fileName, contentType: row.contentType, byteSize: row.byteSize };
  }

  /** A file's bytes, for whoever may see its meeting. */
  async read(actor: Actor, id: string): Promise<{ fileName: string; contentType: string; bytes: Buffer }> {
    const row = await new MeetingRepository(this.deps.db).findFile(id);
    if (!row) throw notFound();
    await this.deps.meetings.find(actor, row.meetingId);
    const bytes = await this.deps.files.get(row.storageKey);
    if (!bytes) throw notFound();
    return { fileName: row.fileName, contentType: row.contentType, bytes };
  }
}
