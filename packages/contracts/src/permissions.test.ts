import { describe, expect, it } from "vitest";
import {
  defaultRolePermissions,
  grantableRoles,
  lockedGrants,
  permissions,
  roles,
  rolesGrantableBy,
  separatedAdministratorRoles,
} from "./permissions.js";

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

describe("integrity visits (廉政家访)", () => {
  it("are the discipline officer's alone, and only county and city administrators grant that post", () => {
    expect(roles.filter((role) => defaultRolePermissions[role].includes("integrity.visits"))).toEqual(["discipline_officer"]);
    expect(defaultRolePermissions.discipline_officer).toEqual(["integrity.visits"]);
    expect(roles.filter((role) => grantableRoles[role].includes("discipline_officer"))).toEqual([
      "city_admin",
      "county_admin",
      "system_admin",
    ]);
  });
});

describe("grantable roles", () => {
  it("never let a role grant itself, so that peers cannot take over each other's accounts", () => {
    for (const role of roles) {
      if (role === "system_admin") continue;
      expect(grantableRoles[role]).not.toContain(role);
    }
  });

  it("leave the administrator posts to the system administrator", () => {
    for (const post of separatedAdministratorRoles) {
      expect(roles.filter((role) => grantableRoles[role].includes(post))).toEqual(["system_admin"]);
    }
  });

  it("unite the grants of several roles", () => {
    expect(rolesGrantableBy(["township_admin", "resident"])).toContain("grid_member");
    expect(rolesGrantableBy(["township_admin"])).not.toContain("township_admin");
    expect(rolesGrantableBy([])).toEqual([]);
  });
});
