import type { CaseDetail, IssuedOpen311Client } from "@linli/contracts";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { XMLParser } from "fast-xml-parser";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { buildUser } from "../../test/builders.js";
import { buildCaseWorld, type CaseWorld, clearCases, points } from "../../test/cases.js";
import { open311Schemas } from "../../test/open311-schemas.js";
import { kuihuali } from "../../test/people.js";
import { sessionHeaders, signIn, useTestApp } from "../../test/test-app.js";

const context = useTestApp();
let world: CaseWorld;
let sysadmin: string;
let apiKey: string;

const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats.default(ajv);
function expectValid(schema: keyof typeof open311Schemas, body: unknown) {
  const validate = ajv.compile(open311Schemas[schema]);
  expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
}

const issue = async (regions: string[], ratePerMinute = 120) => {
  const response = await context.app.inject({
    method: "POST",
    url: "/api/open311-clients",
    headers: sessionHeaders(sysadmin),
    payload: { name: `衡阳12345热线-${ratePerMinute}`, regions, ratePerMinute },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<IssuedOpen311Client>().apiKey;
};

beforeAll(async () => {
  world = await buildCaseWorld(context);
  const { password } = await buildUser(context.database.handle.db, { username: "sysadmin.o311", roles: ["system_admin"] });
  sysadmin = await signIn(context.app, "sysadmin.o311", password);
  apiKey = await issue(["430405"]);
});
beforeEach(() => clearCases(context.database));

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const post = (format: "json" | "xml", fields: Record<string, string>, headers: Record<string, string> = {}) =>
  context.app.inject({
    method: "POST",
    url: `/open311/v2/requests.${format}`,
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    payload: form(fields),
  });
const get = (url: string) => context.app.inject({ method: "GET", url });
const lamp = (extra: Record<string, string> = {}) => ({
  api_key: apiKey,
  service_code: "component.public_facilities.street_lamp",
  lat: String(points.inManaged.latitude),
  long: String(points.inManaged.longitude),
  description: "路灯不亮",
  "attribute[pole_number]": "KH-12",
  first_name: "先生",
  last_name: "王",
  ...extra,
});
const xml = new XMLParser();

describe("Open311 GeoReport v2", () => {
  it("describes itself and its services in JSON and XML, as the spec's schemas require", async () => {
    // The schemas can fail: a service without `metadata` and `type` is not one.
    expect(ajv.validate(open311Schemas.services, [{ service_code: "x", service_name: "x" }])).toBe(false);
    const discovery = await get("/open311/v2/discovery.json");
    expectValid("discovery", discovery.json());
    const services = await get("/open311/v2/services.json");
    expect(services.headers["content-type"]).toContain("application/json");
    expectValid("services", services.json());
    expect(services.json()).toContainEqual(
      expect.objectContaining({ service_code: "component.public_facilities.manhole_cover", metadata: true, group: "公共设施" }),
    );
    const definition = await get("/open311/v2/services/component.public_facilities.manhole_cover.json");
    expectValid("serviceDefinition", definition.json());
    expect(definition.json().attributes[0]).toMatchObject({ code: "cover_state", datatype: "singlevaluelist", required: true });
    const asXml = xml.parse((await get("/open311/v2/services.xml")).body);
    expect(asXml.services.service.length).toBe(services.json().length);
    const definitionXml = xml.parse((await get("/open311/v2/services/component.public_facilities.manhole_cover.xml")).body);
    expect(definitionXml.service_definition.attributes.attribute.values.value.map((value: { key: string }) => value.key)).toEqual(
      ["missing", "broken", "displaced"],
    );
    const unknown = await get("/open311/v2/services/no.such.service.json");
    expect(unknown.statusCode).toBe(404);
    expectValid("errors", unknown.json());
  });

  it("creates a request from a form, routes it like any case, and reports it open, then closed", async () => {
    const created = await post("json", lamp());
    expect(created.statusCode, created.body).toBe(201);
    expectValid("createdRequest", created.json());
    const [{ service_request_id: id, token }] = created.json();

    const inbox = (
      await context.app.inject({ url: "/api/cases?view=grid", headers: sessionHeaders(world.sessions.leader) })
    ).json();
    const detail = (
      await context.app.inject({ url: `/api/cases/${inbox.items[0].id}`, headers: sessionHeaders(world.sessions.leader) })
    ).json<CaseDetail>();
    expect(detail).toMatchObject({
      number: id,
      channel: "open311",
      reporterName: "王先生",
      party: { kind: "property_company" },
      answers: { pole_number: "KH-12" },
    });

    const one = await get(`/open311/v2/requests/${id}.json?api_key=${apiKey}`);
    expectValid("serviceRequests", one.json());
    expect(one.json()[0]).toMatchObject({
      service_request_id: id,
      status: "open",
      agency_responsible: "衡阳葵花物业管理有限公司",
    });
    const viaToken = await get(`/open311/v2/tokens/${token}.json?api_key=${apiKey}`);
    expectValid("tokens", viaToken.json());
    expect(viaToken.json()).toEqual([{ service_request_id: id, token }]);

    for (const [session, body] of [
      [world.sessions.leader, { transition: "dispatch" }],
      [world.sessions.property, { transition: "handle", note: "已修" }],
      [world.sessions.leader, { transition: "verify" }],
      [world.sessions.leader, { transition: "close" }],
    ] as const) {
      const current = (
        await context.app.inject({ url: `/api/cases/${detail.id}`, headers: sessionHeaders(session) })
      ).json<CaseDetail>();
      const step = await context.app.inject({
        method: "POST",
        url: `/api/cases/${detail.id}/transitions`,
        headers: sessionHeaders(session),
        payload: { ...body, version: current.version },
      });
      expect(step.statusCode, step.body).toBe(200);
    }
    const closed = await get(`/open311/v2/requests.xml?api_key=${apiKey}&service_request_id=${id}`);
    expect(closed.headers["content-type"]).toContain("text/xml");
    expect(xml.parse(closed.body).service_requests.request).toMatchObject({ service_request_id: id, status: "closed" });
    const openOnly = await get(`/open311/v2/requests.json?api_key=${apiKey}&status=open`);
    expect(openOnly.json()).toEqual([]);
    const closedOnly = await get(
      `/open311/v2/requests.json?api_key=${apiKey}&status=closed&service_code=component.public_facilities.street_lamp`,
    );
    expectValid("serviceRequests", closedOnly.json());
    expect(closedOnly.json().map((request: { service_request_id: string }) => request.service_request_id)).toEqual([id]);
  });

  it("refuses bad requests in the spec's error shape, writing nothing", async () => {
    const cases = async () =>
      (await context.app.inject({ url: "/api/cases?view=all", headers: sessionHeaders(world.sessions.chief) })).json().items
        .length;
    const noKey = await post("json", { ...lamp(), api_key: "" });
    expect(noKey.statusCode).toBe(400);
    expectValid("errors", noKey.json());
    const wrongKey = await post("xml", lamp({ api_key: "o311_not-a-key" }));
    expect(wrongKey.statusCode).toBe(403);
    expect(xml.parse(wrongKey.body).errors.error).toMatchObject({ code: 403 });
    const long = await post("json", lamp({ description: "灯".repeat(4_001) }));
    expect(long.statusCode).toBe(400);
    expect(long.json()).toEqual([{ code: 400, description: "description is longer than 4000 characters" }]);
    const unknown = await post("json", lamp({ service_code: "no.such" }));
    expect(unknown.statusCode).toBe(404);
    const badAnswer = await post("json", {
      ...lamp({ service_code: "component.public_facilities.manhole_cover" }),
      "attribute[cover_state]": "stolen",
    });
    expect(badAnswer.statusCode).toBe(400);
    expect(badAnswer.json()[0].description).toContain("answers.cover_state");
    const nowhere = await post("json", lamp({ lat: "0", long: "0" }));
    expect(nowhere.statusCode).toBe(400);
    const range = await get(
      `/open311/v2/requests.json?api_key=${apiKey}&start_date=2026-01-01T00:00:00Z&end_date=2026-05-01T00:00:00Z`,
    );
    expect(range.statusCode).toBe(400);
    expectValid("errors", range.json());
    expect(range.json()[0].description).toContain("90 days");
    expect(await cases()).toBe(0);
  });

  it("keeps each client to its regions and its rate, and a repeated Idempotency-Key to one request", async () => {
    const first = await post("json", lamp(), { "idempotency-key": "o311-0001-abcdef" });
    const again = await post("json", lamp(), { "idempotency-key": "o311-0001-abcdef" });
    expect(again.json()[0].service_request_id).toBe(first.json()[0].service_request_id);

    const elsewhere = await issue(["430406"]);
    const id = first.json()[0].service_request_id;
    expect((await get(`/open311/v2/requests/${id}.json?api_key=${elsewhere}`)).statusCode).toBe(404);
    expect((await get(`/open311/v2/requests.json?api_key=${elsewhere}`)).json()).toEqual([]);
    // A point outside every grid lands in the client's one community, flagged.
    const community = await issue([kuihuali]);
    const pooled = await post("json", lamp({ api_key: community, lat: "27.5", long: "113.5" }));
    expect(pooled.statusCode, pooled.body).toBe(201);

    const slow = await issue(["430405"], 3);
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 4; attempt += 1)
      statuses.push((await get(`/open311/v2/requests.json?api_key=${slow}`)).statusCode);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await get(`/open311/v2/requests.json?api_key=${slow}`);
    expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
    expectValid("errors", limited.json());

    const list = await context.app.inject({ url: "/api/open311-clients", headers: sessionHeaders(sysadmin) });
    expect(JSON.stringify(list.json())).not.toContain(apiKey);
    expect(
      (await context.app.inject({ url: "/api/open311-clients", headers: sessionHeaders(world.sessions.chief) })).statusCode,
    ).toBe(403);
    const client = list.json().items.find((item: { ratePerMinute: number }) => item.ratePerMinute === 3);
    const revoked = await context.app.inject({
      method: "POST",
      url: `/api/open311-clients/${client.id}/revoke`,
      headers: sessionHeaders(sysadmin),
    });
    expect(revoked.json().revokedAt).not.toBeNull();
  });
});
