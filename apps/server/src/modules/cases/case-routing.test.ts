import { describe, expect, it } from "vitest";
import { type CaseSite, partyFor } from "./case-routing.js";

const community = { regionCode: "430406005003", regionName: "园林社区", gridCode: "430406005003001" };
const managed: CaseSite = {
  ...community,
  compound: { id: "c", name: "天嘉翰廷小区", propertyCompany: "衡阳天嘉物业服务有限公司", ownersCommittee: true },
};
const selfManaged: CaseSite = {
  ...community,
  compound: { id: "c", name: "老街小区", propertyCompany: null, ownersCommittee: true },
};
const unmanaged: CaseSite = {
  ...community,
  compound: { id: "c", name: "三无小区", propertyCompany: null, ownersCommittee: false },
};
const street: CaseSite = { ...community, compound: null };
const lamp = { party: "property_company", department: null } as const;

describe("routing a case to its responsible party", () => {
  it("sends an in-compound facility to the compound's property company", () => {
    expect(partyFor(lamp, managed)).toEqual({ kind: "property_company", name: "衡阳天嘉物业服务有限公司" });
  });

  it("falls back to the owners' committee, then the community, where a compound has no property company", () => {
    expect(partyFor(lamp, selfManaged)).toEqual({ kind: "owners_committee", name: "老街小区业主委员会" });
    expect(partyFor(lamp, unmanaged)).toEqual({ kind: "community", name: "园林社区" });
  });

  it("sends public space to the community and a department's matter to that department wherever it is", () => {
    expect(partyFor(lamp, street)).toEqual({ kind: "community", name: "园林社区" });
    const hydrant = { party: "department", department: "消防救援站" } as const;
    expect(partyFor(hydrant, managed)).toEqual({ kind: "department", name: "消防救援站" });
  });
});
