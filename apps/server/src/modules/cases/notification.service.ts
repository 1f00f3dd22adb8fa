import type { NotificationList } from "@linli/contracts";
import { v7 as uuidv7 } from "uuid";
import type { Database } from "../../db/client.js";
import type { Actor } from "../../platform/auth/actor.js";
import { notFound } from "../../platform/errors/app-error.js";
import { NotificationRepository } from "./notification.repository.js";

/** A user's notifications (an escalated case, a case dispatched to them): the latest 50, and how many are unread. */
export class NotificationService {
  constructor(private readonly db: Database) {}

  async mine(actor: Actor): Promise<NotificationList> {
    const repository = new NotificationRepository(this.db);
    const [rows, unread] = await Promise.all([repository.latestOf(actor.userId, 50), repository.unreadCount(actor.userId)]);
    return {
      items: rows.map((row) => ({
        id: row.id,
        kind: row.kind as NotificationList["items"][number]["kind"],
        caseId: row.caseId,
        caseNumber: row.caseNumber,
        level: row.level,
        meetingId: row.meetingId,
        subject: row.subject,
        createdAt: row.createdAt.toISOString(),
        read: row.readAt !== null,
      })),
      unread,
    };
  }

  /** Sends notices to users in the caller's transaction (`db`): a meeting's notice to its invitees. */
  async send(
    db: Database,
    userIds: readonly string[],
    notice: { kind: "meeting_noticed"; meetingId: string; subject: string },
  ): Promise<void> {
    await new NotificationRepository(db).insertMany(
      [...new Set(userIds)].map((userId) => ({
        id: uuidv7(),
        userId,
        kind: notice.kind,
        meetingId: notice.meetingId,
        subject: notice.subject,
      })),
    );
  }

  async markRead(actor: Actor, id: string): Promise<void> {
    if (!(await new NotificationRepository(this.db).markRead(actor.userId, id))) throw notFound();
  }
}
