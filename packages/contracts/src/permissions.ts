/**
 * Named capabilities. A route declares the one it needs; roles grant them.
 * The identity issue makes the role → permission table editable; this is the default that ships.
 */
export const permissions = [
  "identity.users.read",
  "identity.users.manage",
  "identity.permissions.manage",
  "audit.read",
  "grids.read",
  "grids.manage",
  "people.read",
  "people.collect",
  "people.manage",
  "people.review",
  "people.reveal",
  "registers.manage",
  "registers.drug_rehabilitation.read",
  "registers.community_correction.read",
  "registers.released_prisoner.read",
  "registers.severe_mental_disorder.read",
  "registers.key_youth.read",
  "registers.child_in_difficulty.read",
  "registers.family_in_difficulty.read",
  "cases.read",
  "cases.report",
  "cases.dispatch",
  "cases.handle",
  "cases.configure",
  "open311.clients.manage",
  "visits.read",
  "visits.record",
  "visits.plan",
  "fraud.read",
  "fraud.manage",
  "disputes.read",
  "disputes.record",
  "integrity.visits",
  "deliberation.read",
  "deliberation.manage",
  "deliberation.vote",
  "insights.read",
  "services.read",
  "services.handle",
] as const;
export type Permission = (typeof permissions)[number];

export const roles = [
  "city_admin",
  "county_admin",
  "township_admin",
  "chief_grid_leader",
  "grid_leader",
  "grid_member",
  "property_staff",
  "committee_member",
  "social_worker",
  "police_liaison",
  "discipline_officer",
  "resident",
  "system_admin",
  "security_admin",
  "audit_admin",
] as const;
export type Role = (typeof roles)[number];

/** 等保 separation of duties: one account never holds two of these posts. */
export const separatedAdministratorRoles = ["system_admin", "security_admin", "audit_admin"] as const satisfies readonly Role[];

const careRegisters = ["registers.child_in_difficulty.read", "registers.family_in_difficulty.read"] as const;
const policeRegisters = [
  "registers.drug_rehabilitation.read",
  "registers.community_correction.read",
  "registers.released_prisoner.read",
  "registers.severe_mental_disorder.read",
  "registers.key_youth.read",
] as const;

export const defaultRolePermissions: Record<Role, readonly Permission[]> = {
  city_admin: [
    "identity.users.read",
    "identity.users.manage",
    "grids.read",
    "grids.manage",
    "people.read",
    "cases.read",
    "cases.configure",
    "visits.read",
    "fraud.read",
    "disputes.read",
    "deliberation.read",
    "insights.read",
    "services.read",
  ],
  county_admin: [
    "identity.users.read",
    "identity.users.manage",
    "grids.read",
    "grids.manage",
    "people.read",
    "cases.read",
    "cases.handle",
    "visits.read",
    "fraud.read",
    "disputes.read",
    "deliberation.read",
    "insights.read",
    "services.read",
  ],
  township_admin: [
    "identity.users.read",
    "identity.users.manage",
    "grids.read",
    "grids.manage",
    "people.read",
    "people.manage",
    "cases.read",
    "cases.report",
    "cases.dispatch",
    "cases.handle",
    "visits.read",
    "visits.plan",
    "fraud.read",
    "fraud.manage",
    "disputes.read",
    "deliberation.read",
    "deliberation.manage",
    "insights.read",
    "services.read",
  ],
  chief_grid_leader: [
    "grids.read",
    "grids.manage",
    "people.read",
    "people.manage",
    "people.review",
    "people.reveal",
    "registers.manage",
    ...careRegisters,
    "registers.severe_mental_disorder.read",
    "registers.key_youth.read",
    "cases.read",
    "cases.report",
    "cases.dispatch",
    "cases.handle",
    "visits.read",
    "visits.record",
    "visits.plan",
    "fraud.read",
    "disputes.read",
    "disputes.record",
    "deliberation.read",
    "deliberation.manage",
    "insights.read",
    "services.read",
    "services.handle",
  ],
  grid_leader: [
    "grids.read",
    "people.read",
    "people.manage",
    "people.review",
    ...careRegisters,
    "cases.read",
    "cases.report",
    "cases.dispatch",
    "cases.handle",
    "visits.read",
    "visits.record",
    "fraud.read",
    "disputes.read",
    "disputes.record",
    "deliberation.read",
    "deliberation.manage",
    "insights.read",
    "services.read",
    "services.handle",
  ],
  grid_member: ["grids.read", "people.read", "people.collect", "cases.read", "cases.report", "visits.record", "disputes.record"],
  property_staff: ["grids.read", "cases.read", "cases.report", "cases.handle", "deliberation.read"],
  committee_member: ["grids.read", "cases.read", "cases.report", "cases.handle", "deliberation.read", "deliberation.manage"],
  social_worker: [
    "grids.read",
    "people.read",
    "registers.manage",
    ...careRegisters,
    "registers.key_youth.read",
    "cases.report",
    "visits.record",
    "disputes.record",
    "services.read",
    "services.handle",
  ],
  police_liaison: [
    "grids.read",
    "people.read",
    "people.reveal",
    "registers.manage",
    ...policeRegisters,
    "cases.report",
    "visits.record",
    "fraud.read",
    "fraud.manage",
    "disputes.read",
    "disputes.record",
  ],
  /** 纪检监察干部: integrity visits to officials' families, seen by no other role. */
  discipline_officer: ["integrity.visits"],
  resident: ["cases.report", "deliberation.vote"],
  system_admin: ["identity.users.read", "identity.users.manage", "open311.clients.manage"],
  security_admin: ["identity.users.read", "identity.permissions.manage"],
  audit_admin: ["audit.read"],
};

/**
 * Grants that can never be revoked, so that the table cannot lock out the people who edit it or
 * read the audit trail.
 */
export const lockedGrants: readonly { role: Role; permission: Permission }[] = [
  { role: "security_admin", permission: "identity.permissions.manage" },
  { role: "audit_admin", permission: "audit.read" },
];

const communityRoles = [
  "chief_grid_leader",
  "grid_leader",
  "grid_member",
  "property_staff",
  "committee_member",
  "social_worker",
  "police_liaison",
  "resident",
] as const satisfies readonly Role[];

/**
 * Which roles an account manager holding a role may grant, and so which accounts they may
 * change: a township administrator manages the community's staff, never a peer or a superior;
 * only the system administrator grants the administrator posts and the city role.
 */
export const grantableRoles: Record<Role, readonly Role[]> = {
  city_admin: ["county_admin", "township_admin", "discipline_officer", ...communityRoles],
  county_admin: ["township_admin", "discipline_officer", ...communityRoles],
  township_admin: communityRoles,
  chief_grid_leader: [],
  grid_leader: [],
  grid_member: [],
  property_staff: [],
  committee_member: [],
  social_worker: [],
  police_liaison: [],
  discipline_officer: [],
  resident: [],
  system_admin: roles,
  security_admin: [],
  audit_admin: [],
};

/** The roles that any of `held` may grant. */
export function rolesGrantableBy(held: readonly Role[]): Role[] {
  const grantable = new Set(held.flatMap((role) => grantableRoles[role]));
  return roles.filter((role) => grantable.has(role));
}

/** 等保 level 3: the administrator posts and the city and county roles sign in with a second factor. */
export const twoFactorRoles = [
  "system_admin",
  "security_admin",
  "audit_admin",
  "city_admin",
  "county_admin",
] as const satisfies readonly Role[];
