import { asc, eq } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { rolePermissions } from "../../db/schema.js";

/** SQL for the role → permission table. */
export class RolePermissionRepository {
  constructor(private readonly db: Database) {}

  async all(): Promise<{ role: string; permission: string }[]> {
    return this.db.select().from(rolePermissions).orderBy(asc(rolePermissions.role), asc(rolePermissions.permission));
  }

  async ofRole(role: string): Promise<string[]> {
    const rows = await this.db.select().from(rolePermissions).where(eq(rolePermissions.role, role));
    return rows.map((row) => row.permission).sort();
  }

  async replace(role: string, permissions: readonly string[]): Promise<void> {
    await this.db.delete(rolePermissions).where(eq(rolePermissions.role, role));
    if (permissions.length > 0)
      await this.db.insert(rolePermissions).values(permissions.map((permission) => ({ role, permission })));
  }
}
