import { type Permission, registerPermission, registers } from "@linli/contracts";

export interface MenuEntry {
  path: string;
  labelKey: string;
  /** Shown only to users holding this permission (or one of these); absent means every signed-in user. */
  permission?: Permission | readonly Permission[];
}

/** The side menu, in order. Each module adds its entry here. */
export const menuEntries: MenuEntry[] = [
  { path: "/", labelKey: "menu.home" },
  { path: "/overview", labelKey: "menu.overview", permission: "insights.read" },
  { path: "/regions", labelKey: "menu.regions" },
  { path: "/people", labelKey: "menu.people", permission: "people.read" },
  { path: "/collection", labelKey: "menu.collection", permission: ["people.collect", "people.review"] },
  { path: "/cases", labelKey: "menu.cases", permission: ["cases.read", "cases.report", "cases.handle"] },
  { path: "/visits", labelKey: "menu.visits", permission: ["visits.record", "visits.read"] },
  { path: "/disputes", labelKey: "menu.disputes", permission: ["disputes.read", "disputes.record"] },
  { path: "/services", labelKey: "menu.services", permission: "services.read" },
  {
    path: "/deliberation",
    labelKey: "menu.deliberation",
    permission: ["deliberation.read", "deliberation.manage", "deliberation.vote"],
  },
  { path: "/fraud", labelKey: "menu.fraud", permission: ["fraud.read", "fraud.manage"] },
  { path: "/integrity", labelKey: "menu.integrity", permission: "integrity.visits" },
  { path: "/registers", labelKey: "menu.registers", permission: registers.map(registerPermission) },
  { path: "/case-settings", labelKey: "menu.caseSettings", permission: "cases.configure" },
  { path: "/open311-clients", labelKey: "menu.open311", permission: "open311.clients.manage" },
  { path: "/users", labelKey: "menu.users", permission: "identity.users.read" },
  { path: "/permissions", labelKey: "menu.permissions", permission: "identity.permissions.manage" },
  { path: "/audit", labelKey: "menu.audit", permission: "audit.read" },
];

/** The entries a user with these permissions may see. */
export function visibleMenu(permissions: readonly Permission[]): MenuEntry[] {
  return menuEntries.filter((entry) => {
    const needed =
      entry.permission === undefined ? [] : typeof entry.permission === "string" ? [entry.permission] : entry.permission;
    return needed.length === 0 || needed.some((permission) => permissions.includes(permission));
  });
}
