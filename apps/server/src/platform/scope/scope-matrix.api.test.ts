import { defaultRolePermissions, type Role, roles, type Scope } from "@linli/contracts";
import type { FastifyInstance } from "fastify";
import { v7 as uuidv7 } from "uuid";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildUser } from "../../test/builders.js";
import { type ScopedRecord, scopedOperations } from "../../test/scoped-operations.js";
import { buildTestApp, sessionHeaders, signIn } from "../../test/test-app.js";
import { openTestDatabase, type TestDatabase } from "../../test/test-database.js";

/**
 * The role × scope matrix: for every scoped operation, every role, two kinds of scope (a county
 * prefix, a single grid) and a record inside and outside it, the status a user would see. The
 * expectation comes from the shipped role table, not from the code under test. Outside its
 * scope a call never returns the record's data.
 */
const holdings: { kind: string; actor: Scope; inside: Scope; outside: Scope }[] = [
  {
    kind: "county prefix",
    actor: { regions: ["430405"], grids: [] },
    inside: { regions: ["430405001001"], grids: [] },
    outside: { regions: ["430406001001"], grids: [] },
  },
  {
    kind: "one grid",
    actor: { regions: [], grids: ["430405001001001"] },
    inside: { regions: [], grids: ["430405001001001"] },
    outside: { regions: [], grids: ["430405001001002"] },
  },
];

let database: TestDatabase;
let app: FastifyInstance;
const sessions = new Map<string, string>();
const records = new Map<string, ScopedRecord>();
const key = (...parts: string[]) => parts.join("|");

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildTestApp(database.handle);
  for (const [h, holding] of holdings.entries()) {
    for (const role of roles) {
      const username = `actor.${h}.${role}`;
      const { password } = await buildUser(database.handle.db, { username, roles: [role], scope: holding.actor });
      sessions.set(key(holding.kind, role), await signIn(app, username, password));
    }
    for (const operation of scopedOperations) {
      records.set(key(holding.kind, operation.name, "inside"), await operation.arrange(database.handle.db, holding.inside));
      records.set(key(holding.kind, operation.name, "outside"), await operation.arrange(database.handle.db, holding.outside));
    }
  }
}, 120_000);
afterAll(async () => {
  await app?.close();
  await database?.close();
});

const cases = scopedOperations.flatMap((operation) =>
  holdings.flatMap((holding) =>
    roles.flatMap((role) => (["inside", "outside"] as const).map((where) => ({ operation, holding, role, where }))),
  ),
);

function expectedStatus(
  role: Role,
  permission: string,
  where: "inside" | "outside",
  success: number,
  kind: string,
  refusal: 403 | 404 = 403,
) {
  if (!(defaultRolePermissions[role] as readonly string[]).includes(permission)) return refusal;
  if (where === "outside" && kind === "record") return 404;
  return success;
}

/** A problem body with the record's id replaced, to compare with the body for a missing record. */
const withoutId = (body: string, id: string) => body.replaceAll(id, "ID").replace(/"requestId":"[^"]*"/, "");

describe("role × scope matrix", () => {
  it.each(cases.map((c) => [c.operation.name, c.role, c.holding.kind, c.where, c] as const))(
    "%s as %s holding a %s, record %s",
    async (_name, role, _kind, where, { operation, holding }) => {
      const record = records.get(key(holding.kind, operation.name, where));
      if (!record) throw new Error("record not arranged");
      const headers = sessionHeaders(sessions.get(key(holding.kind, role)) ?? "");
      const response = await app.inject({ ...operation.request(record.id, holding.inside), headers });
      // A record placed by region only is outside an account that holds just a grid.
      const seen = where === "inside" && !(operation.coveredByGrid === false && holding.actor.regions.length === 0);
      const expected = expectedStatus(
        role,
        operation.permission,
        seen ? "inside" : "outside",
        operation.success,
        operation.kind,
        operation.refusal,
      );
      expect(response.statusCode).toBe(expected);

      if (!seen || expected === 404) {
        expect(response.body).not.toContain(record.marker);
        if (expected === 404) {
          const missing = operation.missingId ?? uuidv7();
          const absent = await app.inject({ ...operation.request(missing, holding.inside), headers });
          expect(withoutId(response.body, record.id)).toBe(withoutId(absent.body, missing));
        }
      } else if (expected === operation.success) {
        if (operation.kind === "list") expect(response.body).toContain(record.marker);
        else expect(response.body).toContain(record.id);
      }
    },
  );

  it("covers every role and both kinds of scope for each operation", () => {
    expect(cases).toHaveLength(scopedOperations.length * roles.length * holdings.length * 2);
  });
});
