import { defaultRolePermissions, roles } from "@linli/contracts";
import { beforeEach, describe, expect, it } from "vitest";
import { buildUser } from "../../test/builders.js";
import { sessionHeaders, signIn, signInNewUser, useTestApp } from "../../test/test-app.js";

let security: string;

const context = useTestApp();
beforeEach(async () => {
  await context.database.reset();
  security = await signInNewUser(context, { username: "security", roles: ["security_admin"] });
});

const put = (role: string, permissions: string[], cookie = security) =>
  context.app.inject({
    method: "PUT",
    url: `/api/role-permissions/${role}`,
    headers: sessionHeaders(cookie),
    payload: { permissions },
  });

describe("the role → permission table", () => {
  it("starts with the defaults that ship with the code", async () => {
    const table = (await context.app.inject({ url: "/api/role-permissions", headers: { cookie: security } })).json();
    expect(table.items.find((item: { role: string }) => item.role === "system_admin").permissions).toEqual([
      "identity.users.manage",
      "identity.users.read",
      "open311.clients.manage",
    ]);
    // Every role, each with exactly the defaults of packages/contracts: the migrations' seeds match the code.
    expect(
      Object.fromEntries(
        table.items.map((item: { role: string; permissions: string[] }) => [item.role, [...item.permissions].sort()]),
      ),
    ).toEqual(Object.fromEntries(roles.map((role) => [role, [...defaultRolePermissions[role]].sort()])));
  });

  it("changes take effect on the holder's next request, and are audited", async () => {
    const { password } = await buildUser(context.database.handle.db, { username: "leader", roles: ["grid_leader"] });
    const leader = await signIn(context.app, "leader", password);
    expect((await context.app.inject({ url: "/api/users", headers: { cookie: leader } })).statusCode).toBe(403);
    expect((await put("grid_leader", ["identity.users.read"])).statusCode).toBe(200);
    expect((await context.app.inject({ url: "/api/users", headers: { cookie: leader } })).statusCode).toBe(200);
    expect((await context.app.inject({ url: "/api/me", headers: { cookie: leader } })).json().permissions).toEqual([
      "identity.users.read",
    ]);
    await put("grid_leader", []);
    expect((await context.app.inject({ url: "/api/users", headers: { cookie: leader } })).statusCode).toBe(403);
  });

  it("keeps the locked grants, and refuses unknown permissions", async () => {
    const locked = await put("security_admin", ["identity.users.read"]);
    expect(locked.statusCode).toBe(400);
    expect(locked.json().errors).toEqual([expect.objectContaining({ field: "permissions", code: "locked_grant" })]);
    const unknown = await put("resident", ["people.reveal_everything"]);
    expect(unknown.json().errors).toEqual([expect.objectContaining({ field: "permissions.0", code: "invalid_value" })]);
  });

  it("is edited by the security administrator only", async () => {
    const { password } = await buildUser(context.database.handle.db, { username: "sys", roles: ["system_admin"] });
    const sys = await signIn(context.app, "sys", password);
    expect((await put("resident", [], sys)).statusCode).toBe(403);
    expect((await context.app.inject({ url: "/api/role-permissions", headers: { cookie: sys } })).statusCode).toBe(403);
  });
});
