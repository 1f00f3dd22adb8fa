import { describe, expect, it } from "vitest";
import { defaultRolePermissions, permissions, permissionsOf, roles } from "./permissions.js";

describe("permissionsOf", () => {
  it("unions the roles' permissions, sorted and without duplicates", () => {
    expect(permissionsOf(["system_admin", "security_admin"])).toEqual(["identity.users.manage", "identity.users.read"]);
    expect(permissionsOf(["resident"])).toEqual([]);
    expect(permissionsOf([])).toEqual([]);
  });

  it("maps every role, and only to known permissions", () => {
    expect(Object.keys(defaultRolePermissions).sort()).toEqual([...roles].sort());
    for (const granted of Object.values(defaultRolePermissions)) {
      for (const permission of granted) expect(permissions).toContain(permission);
    }
  });
});
