/** The parts of a "三化" profile that decide whether a compound is "三无". */
export interface ProtectionFacts {
  propertyManagement: string;
  guards: boolean;
  watch24h: boolean;
  fence: boolean;
  gate: boolean;
  smartAccess: boolean;
  cameras: boolean;
}

/**
 * "三无" (the seed's "无物业、无门卫、无物防"): no property management (neither a company nor
 * the owners managing it), no 人防 (guards or a 24-hour watch) and no 物防 (fence, gate, smart
 * access control or cameras). Derived, never stored; a compound without a profile counts as one.
 */
export function isThreeNo(profile: ProtectionFacts | null | undefined): boolean {
  if (!profile) return true;
  const managed = profile.propertyManagement !== "none";
  const staffed = profile.guards || profile.watch24h;
  const physical = profile.fence || profile.gate || profile.smartAccess || profile.cameras;
  return !managed && !staffed && !physical;
}
