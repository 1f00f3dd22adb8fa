import { v7 as uuidv7 } from "uuid";
import type { Database } from "../../db/client.js";
import type { Actor } from "../../platform/auth/actor.js";
import { AppError, notFound } from "../../platform/errors/app-error.js";
import type { FileStore } from "../../platform/files/file-store.js";
import { storeChecked } from "../../platform/files/stored-file.js";
import { CasePhotoRepository } from "./case-photo.repository.js";

/** How long an uploaded photo waits to be attached to a report or a step before it is forgotten. */
export const unattachedPhotoHours = 24;

/** The image types a case photo may be, as its bytes (not its name or declared type) say. */
const imageTypes = new Set(["image/jpeg", "image/png", "image/webp"]);

/** Photos of cases: checked by content, stored in the file store, attached to a case by its report or a step. */
export class CasePhotoService {
  constructor(
    private readonly db: Database,
    private readonly store: FileStore,
  ) {}

  /** Stores an uploaded photo; anything but JPEG, PNG or WebP by its magic bytes is refused. */
  async upload(uploader: Actor | null, bytes: Buffer): Promise<{ id: string; contentType: string; byteSize: number }> {
    const id = uuidv7();
    const stored = await storeChecked(this.store, bytes, { id, prefix: "case-photos", allowed: imageTypes });
    if (!stored) throw new AppError("unsupported_media_type", 415, [{ in: "body", field: "photo", code: "not_an_image" }]);
    const row = await new CasePhotoRepository(this.db).insert({ id, ...stored, uploadedBy: uploader?.userId ?? null });
    return { id: row.id, contentType: row.contentType, byteSize: row.byteSize };
  }

  /** Attaches the photos to the case in the caller's transaction; an unknown or foreign id is a 400 naming it. */
  async attach(tx: Database, ids: readonly string[], caseId: string, field: string): Promise<void> {
    const attached = new Set(await new CasePhotoRepository(tx).attach(ids, caseId));
    const missing = ids.findIndex((id) => !attached.has(id));
    if (missing >= 0)
      throw new AppError("validation_failed", 400, [{ in: "body", field: `${field}.${missing}`, code: "unknown_photo" }]);
  }

  /**
   * Forgets photos uploaded more than `hours` ago and never attached to a case (a report not sent,
   * a step not taken): their records, then their bytes. Returns how many.
   */
  async forgetUnattached(now: Date, hours = unattachedPhotoHours): Promise<number> {
    const before = new Date(now.getTime() - hours * 3_600_000);
    let total = 0;
    for (;;) {
      const keys = await this.db.transaction((tx) => new CasePhotoRepository(tx).deleteUnattached(before, 500));
      // Records first: bytes without a record are only unused space, a record without bytes a broken link.
      for (const key of keys) await this.store.delete(key);
      total += keys.length;
      if (keys.length < 500) return total;
    }
  }

  /** A photo's bytes, for someone who may see its case (`maySeeCase` decides) or who uploaded it. */
  async read(
    actor: Actor,
    id: string,
    maySeeCase: (caseId: string) => Promise<boolean>,
  ): Promise<{ contentType: string; bytes: Buffer }> {
    const row = await new CasePhotoRepository(this.db).find(id);
    if (!row) throw notFound();
    const allowed = row.caseId ? await maySeeCase(row.caseId) : row.uploadedBy === actor.userId;
    if (!allowed) throw notFound();
    const bytes = await this.store.get(row.storageKey);
    if (!bytes) throw notFound();
    return { contentType: row.contentType, bytes };
  }
}
