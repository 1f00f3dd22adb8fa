import type { CompoundDetail, Problem } from "@linli/contracts";
import { beforeEach, describe, expect, it } from "vitest";
import { auditEvents, compounds } from "../../db/schema.js";
import { buildUser } from "../../test/builders.js";
import { bareProfile } from "../../test/compounds.js";
import { buildRegions } from "../../test/regions.js";
import { sessionHeaders, signIn, signInNewUser, useTestApp } from "../../test/test-app.js";

const context = useTestApp();
let director: string;
const kuihuali = "430405009009";

beforeEach(async () => {
  await context.database.reset();
  await buildRegions(context.database.handle.db);
  director = await signInNewUser(context, {
    username: "kuihuali.director",
    roles: ["chief_grid_leader"],
    scope: { regions: [kuihuali], grids: [] },
  });
});

const create = (body: object, cookie = director) =>
  context.app.inject({ method: "POST", url: "/api/compounds", headers: sessionHeaders(cookie), payload: body });
const record = (id: string, body: object) =>
  context.app.inject({ method: "POST", url: `/api/compounds/${id}/profile`, headers: sessionHeaders(director), payload: body });
const fieldErrors = (response: { json: () => unknown }) =>
  (response.json() as Problem).errors?.map(({ field, code }) => ({ field, code }));

const bare = bareProfile;
const remediated = {
  ...bare,
  propertyManagement: "property_company",
  propertyCompany: "衡阳市新葵花物业服务有限公司",
  contractFrom: "2021-06-01",
  contractTo: "2024-05-31",
  watch24h: true,
  smartAccess: true,
  ownersCommittee: true,
  decisionRef: "2021年5月屋场恳谈会决议",
};

describe("a compound and its 三化 history", () => {
  it("starts as 三无, then keeps each dated profile; the current one decides", async () => {
    const created = await create({
      regionCode: kuihuali,
      name: "新葵花苑小区",
      address: "广东路 12 号",
      dwellingsCount: 320,
      yearBuilt: 1996,
    });
    expect(created.statusCode).toBe(201);
    const { id } = created.json<CompoundDetail>();
    expect(created.json()).toMatchObject({ name: "新葵花苑小区", profile: null, threeNo: true, history: [] });

    expect((await record(id, { ...bare, effectiveFrom: "2019-01-01" })).json()).toMatchObject({ threeNo: true });
    const after = (await record(id, { ...remediated, effectiveFrom: "2021-06-01" })).json<CompoundDetail>();
    expect(after.threeNo).toBe(false);
    expect(after.profile).toMatchObject({ effectiveFrom: "2021-06-01", propertyCompany: "衡阳市新葵花物业服务有限公司" });
    expect(after.history.map((entry) => [entry.effectiveFrom, entry.threeNo])).toEqual([
      ["2021-06-01", false],
      ["2019-01-01", true],
    ]);
    const audit = await context.database.handle.db.select().from(auditEvents);
    expect(audit.filter((row) => row.entityId === id).map((row) => row.action)).toEqual([
      "grids.compound_created",
      "grids.compound_profile_recorded",
      "grids.compound_profile_recorded",
    ]);
  });

  it.each([
    [{ regionCode: "430405009099", name: "无此社区小区" }, "regionCode", "unknown_region"],
    [{ regionCode: "430405009", name: "街道不是社区" }, "regionCode", "invalid_format"],
    [{ regionCode: "430405009010", name: "邻社区小区" }, "regionCode", "outside_scope"],
  ])("refuses to create %j, naming the field, and writes nothing", async (body, field, code) => {
    const response = await create(body);
    expect(response.statusCode).toBe(400);
    expect(fieldErrors(response)).toEqual([{ field, code }]);
    expect(await context.database.handle.db.select().from(compounds)).toEqual([]);
  });

  it("refuses a second compound of the same name in the community", async () => {
    await create({ regionCode: kuihuali, name: "新葵花苑小区" });
    const again = await create({ regionCode: kuihuali, name: "新葵花苑小区" });
    expect(again.statusCode).toBe(409);
    expect(fieldErrors(again)).toEqual([{ field: "name", code: "taken" }]);
  });

  it.each([
    [{ ...remediated, propertyCompany: undefined, effectiveFrom: "2021-06-01" }, "propertyCompany"],
    [{ ...bare, propertyCompany: "多余的公司", effectiveFrom: "2021-06-01" }, "propertyCompany"],
    [{ ...remediated, contractTo: "2020-01-01", effectiveFrom: "2021-06-01" }, "contractTo"],
    [{ ...bare, effectiveFrom: "2999-01-01" }, "effectiveFrom"],
    [{ ...bare, effectiveFrom: "2021-02-30" }, "effectiveFrom"],
  ])("refuses the profile %j naming %s, and keeps the history as it was", async (body, field) => {
    const { id } = (await create({ regionCode: kuihuali, name: "新葵花苑小区" })).json<CompoundDetail>();
    const response = await record(id, body);
    expect(response.statusCode).toBe(400);
    expect(fieldErrors(response)?.map((error) => error.field)).toEqual([field]);
    const detail = await context.app.inject({ url: `/api/compounds/${id}`, headers: { cookie: director } });
    expect(detail.json<CompoundDetail>().history).toEqual([]);
  });

  it("lets a grid member read the community's compounds but not change them", async () => {
    const { id } = (await create({ regionCode: kuihuali, name: "新葵花苑小区" })).json<CompoundDetail>();
    const { password } = await buildUser(context.database.handle.db, {
      username: "gm",
      roles: ["grid_member"],
      scope: { regions: [kuihuali], grids: [] },
    });
    const member = await signIn(context.app, "gm", password);
    const list = await context.app.inject({ url: "/api/compounds", headers: { cookie: member } });
    expect(list.json().items.map((c: { name: string }) => c.name)).toEqual(["新葵花苑小区"]);
    const change = await context.app.inject({
      method: "POST",
      url: `/api/compounds/${id}/profile`,
      headers: sessionHeaders(member),
      payload: { ...bare, effectiveFrom: "2021-01-01" },
    });
    expect(change.statusCode).toBe(403);
  });
});
