import type { Permission } from "@linli/contracts";

export interface MenuEntry {
  path: string;
  labelKey: string;
  /** Shown only to users holding this permission; absent means every signed-in user. */
  permission?: Permission;
}

/** The side menu, in order. Each module adds its entry here. */
export const menuEntries: MenuEntry[] = [
  { path: "/", labelKey: "menu.home" },
  { path: "/regions", labelKey: "menu.regions" },
  { path: "/users", labelKey: "menu.users", permission: "identity.users.read" },
  { path: "/permissions", labelKey: "menu.permissions", permission: "identity.permissions.manage" },
  { path: "/audit", labelKey: "menu.audit", permission: "audit.read" },
];

/** The entries a user with these permissions may see. */
export function visibleMenu(permissions: readonly Permission[]): MenuEntry[] {
  return menuEntries.filter((entry) => !entry.permission || permissions.includes(entry.permission));
}
