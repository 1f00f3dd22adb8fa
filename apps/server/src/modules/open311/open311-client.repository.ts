import { and, desc, eq, isNull } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { open311Clients } from "../../db/schema.js";

export type Open311ClientRow = typeof open311Clients.$inferSelect;

/** SQL for Open311 API clients. */
export class Open311ClientRepository {
  constructor(private readonly db: Database) {}

  async insert(row: typeof open311Clients.$inferInsert): Promise<Open311ClientRow> {
    const [inserted] = await this.db.insert(open311Clients).values(row).returning();
    if (!inserted) throw new Error("insert returned no row");
    return inserted;
  }

  async all(): Promise<Open311ClientRow[]> {
    return this.db.select().from(open311Clients).orderBy(desc(open311Clients.createdAt));
  }

  async find(id: string): Promise<Open311ClientRow | undefined> {
    const [row] = await this.db.select().from(open311Clients).where(eq(open311Clients.id, id));
    return row;
  }

  async activeByKeyHash(keyHash: string): Promise<Open311ClientRow | undefined> {
    const [row] = await this.db
      .select()
      .from(open311Clients)
      .where(and(eq(open311Clients.keyHash, keyHash), isNull(open311Clients.revokedAt)));
    return row;
  }

  async revoke(id: string): Promise<Open311ClientRow> {
    const [row] = await this.db
      .update(open311Clients)
      .set({ revokedAt: new Date() })
      .where(eq(open311Clients.id, id))
      .returning();
    if (!row) throw new Error("the client to revoke is missing");
    return row;
  }
}
