/** A compound profile with nothing: no management, no guards or watch, no physical security, no owners' committee. */
export const bareProfile = {
  propertyManagement: "none",
  guards: false,
  watch24h: false,
  fence: false,
  gate: false,
  smartAccess: false,
  cameras: false,
  ownersCommittee: false,
} as const;
