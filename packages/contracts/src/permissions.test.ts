import { describe, expect, it } from "vitest";
import { defaultRolePermissions, lockedGrants, permissions, roles } from "./permissions.js";

describe("default role permissions", () => {
  it("map every role, and only to known permissions", () => {
    expect(Object.keys(defaultRolePermissions).sort()).toEqual([...roles].sort());
    for (const granted of Object.values(defaultRolePermissions)) {
      for (const permission of granted) expect(permissions).toContain(permission);
    }
  });

  it("include every locked grant", () => {
    for (const { role, permission } of lockedGrants) expect(defaultRolePermissions[role]).toContain(permission);
  });
});
