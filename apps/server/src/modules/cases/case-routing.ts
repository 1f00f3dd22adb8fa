import type { Party, PartyKind, Role } from "@linli/contracts";

/** Where a report landed: the community (or a pool's region), its grid and compound when known. */
export interface CaseSite {
  regionCode: string;
  regionName: string;
  gridCode: string | null;
  compound: { id: string; name: string; propertyCompany: string | null; ownersCommittee: boolean } | null;
}

/**
 * The responsible party for a sub-category at a site (issue 6, "Routing"): a facility inside a
 * compound goes to its property company (to the owners' committee where the compound has none,
 * and to the community where it has neither); public space goes to the community; a department's
 * matter goes to the department the category names, wherever it is.
 */
export function partyFor(category: { party: PartyKind; department: string | null }, site: CaseSite): Party {
  const community: Party = { kind: "community", name: site.regionName };
  const compound = site.compound;
  switch (category.party) {
    case "property_company":
      if (compound?.propertyCompany) return { kind: "property_company", name: compound.propertyCompany };
      if (compound?.ownersCommittee) return { kind: "owners_committee", name: `${compound.name}业主委员会` };
      return community;
    case "owners_committee":
      return compound?.ownersCommittee ? { kind: "owners_committee", name: `${compound.name}业主委员会` } : community;
    case "community":
      return community;
    case "township":
      return { kind: "township", name: site.regionName };
    case "department":
      return { kind: "department", name: category.department ?? "" };
  }
}

/** The roles whose accounts act for a party (a property company's staff handle its cases, and so on). */
export const handlerRoles: Record<PartyKind, readonly Role[]> = {
  property_company: ["property_staff"],
  owners_committee: ["committee_member"],
  community: ["grid_leader", "chief_grid_leader"],
  township: ["township_admin"],
  department: ["township_admin", "county_admin"],
};
