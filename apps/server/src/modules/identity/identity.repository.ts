import type { Scope } from "@linli/contracts";
import { and, asc, count, eq, inArray, like, lt, ne, or, type SQL, sql } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { escapeLike } from "../../db/like.js";
import { rowsOf } from "../../db/migrate.js";
import { rolePermissions, sessions, users } from "../../db/schema.js";
import { scopeWithin } from "../../platform/scope/scope.js";

export type UserRow = typeof users.$inferSelect;
export type NewUserRow = typeof users.$inferInsert;
export type SessionRow = typeof sessions.$inferSelect;

/** Byte-order username: the same order on every engine and server locale. */
const usernameC = sql`${users.username} collate "C"`;

/** The permissions that a role array grants, per the role_permissions table. */
const grantsOf = (rolesColumn: SQL | typeof users.roles) =>
  sql<
    string[]
  >`array(select distinct ${rolePermissions.permission} from ${rolePermissions} where ${rolePermissions.role} = any(${rolesColumn}) order by 1)`;

const accountsWithin = (scope: Scope) => scopeWithin(scope, { regions: users.regionScopes, grids: users.gridScopes });

/** A LIKE pattern for names starting with `text`, its wildcards taken literally. */
function likePrefix(text: string): string {
  return `${escapeLike(text)}%`;
}

/** SQL for users and their sessions; no rules, no policy. */
export class IdentityRepository {
  constructor(private readonly db: Database) {}

  async countUsers(): Promise<number> {
    const [row] = await this.db.select({ value: count() }).from(users);
    return row?.value ?? 0;
  }

  /** Serialises concurrent first starts on PostgreSQL (inside a transaction); harmless on PGlite. */
  async lockUsersForFirstAccount(): Promise<void> {
    await this.db.execute(sql`lock table ${users} in share row exclusive mode`);
  }

  async findUserByUsername(username: string): Promise<UserRow | undefined> {
    const [row] = await this.db.select().from(users).where(eq(users.username, username)).limit(1);
    return row;
  }

  async findUserById(id: string): Promise<UserRow | undefined> {
    const [row] = await this.db.select().from(users).where(eq(users.id, id)).limit(1);
    return row;
  }

  /** The account, when its own scope lies inside `scope` (accounts are scoped records too). */
  async displayNamesOf(ids: readonly string[]): Promise<{ id: string; displayName: string }[]> {
    if (ids.length === 0) return [];
    return this.db
      .select({ id: users.id, displayName: users.displayName })
      .from(users)
      .where(inArray(users.id, [...ids]));
  }

  async findUserInScope(id: string, scope: Scope): Promise<UserRow | undefined> {
    const [row] = await this.db
      .select()
      .from(users)
      .where(and(eq(users.id, id), accountsWithin(scope)))
      .limit(1);
    return row;
  }

  async updateUser(id: string, patch: Partial<Omit<NewUserRow, "id" | "createdAt">>): Promise<UserRow> {
    const [row] = await this.db
      .update(users)
      .set({ ...patch, updatedAt: sql`now()` })
      .where(eq(users.id, id))
      .returning();
    if (!row) throw new Error("update matched no row");
    return row;
  }

  /** Ends every session of the user, except the one with id `keep` when given. */
  async deleteSessionsOfUser(userId: string, keep?: string): Promise<void> {
    await this.db
      .delete(sessions)
      .where(and(eq(sessions.userId, userId), keep === undefined ? undefined : ne(sessions.id, keep)));
  }

  async insertUser(row: NewUserRow): Promise<UserRow> {
    const [inserted] = await this.db.insert(users).values(row).returning();
    if (!inserted) throw new Error("insert returned no row");
    return inserted;
  }

  /** One page of the users inside `scope` by username, after `afterUsername`, optionally filtered by a prefix. */
  /** Active accounts that work in the community: a region scope covering it, or a grid inside it. */
  async workingIn(regionCode: string): Promise<Pick<UserRow, "id" | "username" | "displayName" | "roles">[]> {
    return this.db
      .select({ id: users.id, username: users.username, displayName: users.displayName, roles: users.roles })
      .from(users)
      .where(
        and(
          sql`${users.disabledAt} is null`,
          or(
            sql`exists (select 1 from unnest(${users.regionScopes}) as prefix where prefix = '*' or ${regionCode} like prefix || '%')`,
            sql`exists (select 1 from unnest(${users.gridScopes}) as grid where grid like ${`${regionCode}%`})`,
          ),
        ),
      )
      .orderBy(asc(usernameC))
      .limit(500);
  }

  /** Active accounts holding one of `roles` whose scope covers the place (a region code, and its grid when known). */
  /** Active resident accounts verified against any of these registry records. */
  async ofResidents(residentIds: readonly string[]): Promise<{ id: string }[]> {
    if (residentIds.length === 0) return [];
    return this.db
      .select({ id: users.id })
      .from(users)
      .where(and(sql`${users.disabledAt} is null`, inArray(users.residentId, [...residentIds])));
  }

  async covering(regionCode: string, gridCode: string | null, roles: readonly string[]) {
    return this.db
      .select({ id: users.id, displayName: users.displayName, roles: users.roles })
      .from(users)
      .where(
        and(
          sql`${users.disabledAt} is null`,
          sql`${users.roles} && array[${sql.join(
            roles.map((role) => sql`${role}`),
            sql`, `,
          )}]::text[]`,
          or(
            sql`exists (select 1 from unnest(${users.regionScopes}) as prefix where prefix = '*' or ${regionCode} like prefix || '%')`,
            gridCode ? sql`${gridCode} = any(${users.gridScopes})` : undefined,
          ),
        ),
      )
      .orderBy(asc(usernameC))
      .limit(200);
  }

  async listUsers(options: { scope: Scope; limit: number; afterUsername?: string; prefix?: string }): Promise<UserRow[]> {
    const conditions: (SQL | undefined)[] = [accountsWithin(options.scope)];
    if (options.afterUsername !== undefined) conditions.push(sql`${usernameC} > ${options.afterUsername}`);
    if (options.prefix) {
      const pattern = likePrefix(options.prefix);
      conditions.push(or(sql`${usernameC} like ${pattern}`, like(users.displayName, pattern)));
    }
    return this.db
      .select()
      .from(users)
      .where(and(...conditions))
      .orderBy(asc(usernameC))
      .limit(options.limit);
  }

  /**
   * Counts a failed sign-in in one atomic update: the count restarts when the last run of
   * failures began before `windowStart`; reaching `lockAt` failures locks until `lockUntil`.
   */
  async recordFailedSignIn(userId: string, now: Date, windowStart: Date, lockAt: number, lockUntil: Date): Promise<void> {
    const restart = sql`(${users.failedSignInsSince} is null or ${users.failedSignInsSince} < ${windowStart})`;
    const count = sql`case when ${restart} then 1 else ${users.failedSignIns} + 1 end`;
    await this.db
      .update(users)
      .set({
        failedSignIns: count,
        failedSignInsSince: sql`case when ${restart} then ${now}::timestamptz else ${users.failedSignInsSince} end`,
        lockedUntil: sql`case when ${count} >= ${lockAt} then ${lockUntil}::timestamptz else ${users.lockedUntil} end`,
      })
      .where(eq(users.id, userId));
  }

  async clearFailedSignIns(userId: string): Promise<void> {
    await this.db
      .update(users)
      .set({ failedSignIns: 0, failedSignInsSince: null, lockedUntil: null })
      .where(eq(users.id, userId));
  }

  async insertSession(row: typeof sessions.$inferInsert): Promise<void> {
    await this.db.insert(sessions).values(row);
  }

  /** The session, its user, and what the user's roles grant now (one query: this runs on every request). */
  async findSession(id: string): Promise<{ session: SessionRow; user: UserRow; permissions: string[] } | undefined> {
    const [row] = await this.db
      .select({ session: sessions, user: users, permissions: grantsOf(users.roles) })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(eq(sessions.id, id))
      .limit(1);
    return row;
  }

  async permissionsOfRoles(roles: readonly string[]): Promise<string[]> {
    // One parameter per role: a JS array inside sql`` is expanded as a list, not bound as an array.
    const array = sql`array[${sql.join(
      roles.map((role) => sql`${role}`),
      sql`, `,
    )}]::text[]`;
    const result = await this.db.execute(sql`select ${grantsOf(array)} as permissions`);
    return rowsOf<{ permissions: string[] }>(result)[0]?.permissions ?? [];
  }

  async touchSession(id: string, at: Date): Promise<void> {
    await this.db.update(sessions).set({ lastSeenAt: at }).where(eq(sessions.id, id));
  }

  async deleteSession(id: string): Promise<void> {
    await this.db.delete(sessions).where(eq(sessions.id, id));
  }

  /** Removes sessions past their absolute expiry or idle longer than `idleBefore`. */
  async deleteStaleSessions(now: Date, idleBefore: Date): Promise<number> {
    const deleted = await this.db
      .delete(sessions)
      .where(or(lt(sessions.expiresAt, now), lt(sessions.lastSeenAt, idleBefore)))
      .returning({ id: sessions.id });
    return deleted.length;
  }
}
