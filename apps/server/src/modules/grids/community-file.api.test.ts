import type { ImportReport, Problem } from "@linli/contracts";
import ExcelJS from "exceljs";
import { beforeEach, describe, expect, it } from "vitest";
import { compounds, dwellings, grids } from "../../db/schema.js";
import { box } from "../../test/geometry.js";
import { startAsStreetAdmin } from "../../test/regions.js";
import { sessionHeaders, signInNewUser, useTestApp } from "../../test/test-app.js";

const context = useTestApp();
const kuihuali = "430405009009";
const xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
let manager: string;

beforeEach(async () => {
  manager = await startAsStreetAdmin(context);
});

const download = (url: string) => context.app.inject({ url, headers: sessionHeaders(manager) });
const upload = (payload: Buffer | string, contentType = xlsx) =>
  context.app.inject({
    method: "POST",
    url: `/api/communities/${kuihuali}/file`,
    headers: { ...sessionHeaders(manager), "content-type": contentType },
    payload,
  });
const errorsOf = (response: { json: () => unknown }) =>
  (response.json() as Problem).errors?.map(({ field, code }) => ({ field, code }));

/** The template, downloaded as a user would, with rows typed into its sheets. */
async function filledTemplate(rows: Record<string, unknown[][]>): Promise<Buffer> {
  const template = await download("/api/community-files/template");
  expect(template.headers["content-type"]).toBe(xlsx);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(template.rawPayload as unknown as ExcelJS.Buffer);
  for (const [title, values] of Object.entries(rows)) {
    const sheet = workbook.getWorksheet(title);
    if (!sheet) throw new Error(`the template has no sheet ${title}`);
    for (const row of values) sheet.addRow(row);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const kuihua = JSON.stringify(box(112.629, 26.891, 112.631, 26.897));
const gridOne = JSON.stringify(box(112.628, 26.89, 112.632, 26.898));
const community = {
  小区: [["新葵花苑小区", "珠晖区广东路街道葵花里", 1998, 72, kuihua]],
  楼栋: [["新葵花苑小区", "1栋", 6, "1单元、2单元"]],
  房屋: [
    ["新葵花苑小区", "1栋", "1单元", "101", 1, 89.5, ""],
    ["新葵花苑小区", "1栋", "2单元", 101, 1, 120.25, ""],
  ],
  网格: [[1, "新葵花苑小区网格", "新葵花苑小区", gridOne]],
};
const added = (compounds: number, buildings: number, dwellingsAdded: number, gridsAdded: number) => ({
  compounds: { added: compounds, updated: 0, unchanged: 0 },
  buildings: { added: buildings, updated: 0, unchanged: 0 },
  dwellings: { added: dwellingsAdded, updated: 0, unchanged: 0 },
  grids: { added: gridsAdded, updated: 0, unchanged: 0 },
});

describe("community files", () => {
  it("import a filled-in template; the same file again, or the community's own export, changes nothing", async () => {
    await context.app.inject({
      method: "PUT",
      url: `/api/regions/${kuihuali}/boundary`,
      headers: sessionHeaders(manager),
      payload: { boundary: box(112.628, 26.89, 112.64, 26.898) },
    });
    const file = await filledTemplate(community);
    const first = await upload(file);
    expect(first.statusCode).toBe(200);
    expect(first.json<ImportReport>()).toEqual(added(1, 1, 2, 1));
    const unchanged = {
      compounds: { added: 0, updated: 0, unchanged: 1 },
      buildings: { added: 0, updated: 0, unchanged: 1 },
      dwellings: { added: 0, updated: 0, unchanged: 2 },
      grids: { added: 0, updated: 0, unchanged: 1 },
    };
    expect((await upload(file)).json()).toEqual(unchanged);

    const exported = await download(`/api/communities/${kuihuali}/file?format=xlsx`);
    expect(exported.headers["content-disposition"]).toBe(`attachment; filename="${kuihuali}.xlsx"`);
    expect((await upload(exported.rawPayload)).json()).toEqual(unchanged);
    const geojson = await download(`/api/communities/${kuihuali}/file?format=geojson`);
    expect(geojson.headers["content-type"]).toContain("application/geo+json");
    expect(geojson.json().features.map((feature: { properties: { kind: string } }) => feature.properties.kind)).toEqual([
      "community",
      "compound",
      "grid",
      "building",
      "dwelling",
      "dwelling",
    ]);
    expect((await upload(geojson.body, "application/geo+json")).json()).toEqual(unchanged);
  });

  it("update what changed: a corrected floor area and a redrawn compound", async () => {
    await upload(await filledTemplate(community));
    const corrected = await filledTemplate({
      ...community,
      小区: [["新葵花苑小区", "珠晖区广东路街道葵花里", 1998, 72, JSON.stringify(box(112.6292, 26.891, 112.631, 26.897))]],
      房屋: [["新葵花苑小区", "1栋", "1单元", "101", 1, 91, ""]],
      网格: [[1, "葵花网格", "", gridOne]],
    });
    const report = (await upload(corrected)).json<ImportReport>();
    expect(report.compounds).toEqual({ added: 0, updated: 1, unchanged: 0 });
    expect(report.dwellings).toEqual({ added: 0, updated: 1, unchanged: 0 });
    expect(report.grids).toEqual({ added: 0, updated: 1, unchanged: 0 });
    const grid = (await download(`/api/grids/${kuihuali}001`)).json();
    expect(grid).toMatchObject({ name: "葵花网格", compoundIds: [] });
    const areas = (await context.database.handle.db.select().from(dwellings)).map((row) => Number(row.floorArea)).sort();
    expect(areas).toEqual([120.25, 91].sort());
  });

  it("refuse a file with bad rows, naming every row and field, and write nothing", async () => {
    const file = await filledTemplate({
      小区: [
        ["新葵花苑小区", "", 3000, 72, kuihua],
        ["葵花里一区", "", 1992, 40, "{not json"],
      ],
      楼栋: [["新葵花苑小区", "1栋", 6, "1单元"]],
      房屋: [["新葵花苑小区", "9栋", "1单元", "101", 1, 80, ""]],
      网格: [
        [1, "第一网格", "", gridOne],
        [2, "第二网格", "无此小区", JSON.stringify(box(112.631, 26.89, 112.635, 26.898))],
        [3, "第三网格", "", JSON.stringify(box(112.63, 26.89, 112.636, 26.898))],
      ],
    });
    const response = await upload(file);
    expect(response.statusCode).toBe(400);
    expect(errorsOf(response)).toEqual([
      { field: "compounds.2.yearBuilt", code: "too_big_number" },
      { field: "compounds.3.boundary", code: "malformed" },
    ]);

    const rowsRefused = await filledTemplate({
      小区: [["新葵花苑小区", "", 1998, 72, kuihua]],
      楼栋: [["新葵花苑小区", "1栋", 6, "1单元"]],
      房屋: [["新葵花苑小区", "9栋", "1单元", "101", 1, 80, ""]],
      网格: [
        [1, "第一网格", "", gridOne],
        [2, "第二网格", "无此小区", JSON.stringify(box(112.632, 26.89, 112.635, 26.898))],
        [3, "第三网格", "", JSON.stringify(box(112.63, 26.89, 112.636, 26.898))],
      ],
    });
    const refused = await upload(rowsRefused);
    expect(refused.statusCode).toBe(400);
    expect(errorsOf(refused)).toEqual([
      { field: "dwellings.2.building", code: "unknown_building" },
      { field: "grids.3.compounds.0", code: "unknown_compound" },
      { field: "grids.4.boundary", code: "overlaps" },
    ]);
    expect((refused.json() as Problem).detail).toContain("与本社区的网格 430405009009001（第一网格）重叠");
    expect(await context.database.handle.db.select().from(compounds)).toEqual([]);
    expect(await context.database.handle.db.select().from(grids)).toEqual([]);
  });

  it("draw the community's area from a GeoJSON feature, and hold the compounds in the same file to it", async () => {
    const collection = {
      type: "FeatureCollection",
      features: [
        { type: "Feature", properties: { kind: "community" }, geometry: box(112.628, 26.89, 112.64, 26.898) },
        { type: "Feature", properties: { kind: "compound", name: "界外小区" }, geometry: box(112.62, 26.89, 112.63, 26.895) },
      ],
    };
    const refused = await upload(JSON.stringify(collection), "application/geo+json");
    expect(errorsOf(refused)).toEqual([{ field: "features.1.geometry", code: "outside_community_area" }]);
    const region = await download(`/api/regions/${kuihuali}`);
    expect(region.json().boundary).toBeNull();
    collection.features.pop();
    expect((await upload(JSON.stringify(collection), "application/geo+json")).statusCode).toBe(200);
    expect((await download(`/api/regions/${kuihuali}`)).json().boundary).toEqual(box(112.628, 26.89, 112.64, 26.898));
  });

  it("refuse what is not a workbook or a FeatureCollection, and GeoJSON whose ring does not close", async () => {
    expect(errorsOf(await upload(Buffer.from("PK not really a workbook")))).toEqual([{ field: "body", code: "not_a_workbook" }]);
    const renamed = new ExcelJS.Workbook();
    renamed.addWorksheet("房屋").addRows([
      ["小区", "楼栋", "单元", "室号", "楼层", "面积"],
      ["新葵花苑小区", "1栋", "1单元", "101", 1, 80],
    ]);
    const wrongHeader = await upload(Buffer.from(await renamed.xlsx.writeBuffer()));
    expect(errorsOf(wrongHeader)).toEqual([
      { field: "dwellings.1.compound", code: "missing_column" },
      { field: "dwellings.1.number", code: "missing_column" },
    ]);
    expect((wrongHeader.json() as Problem).detail).toContain("缺少表头“房号”");
    expect(errorsOf(await upload(JSON.stringify({ type: "Feature" }), "application/json"))).toEqual([
      { field: "type", code: "not_a_feature_collection" },
    ]);
    expect((await upload("name,boundary", "text/csv")).statusCode).toBe(415);
    const open = {
      type: "FeatureCollection",
      features: [
        {
          type: "Feature",
          properties: { kind: "compound", name: "新葵花苑小区", yearBuilt: "1998" },
          geometry: {
            type: "Polygon",
            coordinates: [
              [
                [112.63, 26.89],
                [112.64, 26.89],
                [112.64, 26.9],
                [112.63, 26.9],
              ],
            ],
          },
        },
      ],
    };
    expect(errorsOf(await upload(JSON.stringify(open), "application/geo+json"))).toEqual([
      { field: "features.0.properties.yearBuilt", code: "invalid_type" },
      { field: "features.0.geometry.coordinates.0", code: "ring_not_closed" },
    ]);
  });

  it("stay inside the importer's scope", async () => {
    const neighbour = await signInNewUser(context, {
      username: "xinmin.chief",
      roles: ["chief_grid_leader"],
      scope: { regions: ["430405009010"], grids: [] },
    });
    const response = await context.app.inject({
      method: "POST",
      url: `/api/communities/${kuihuali}/file`,
      headers: { ...sessionHeaders(neighbour), "content-type": xlsx },
      payload: await filledTemplate(community),
    });
    expect(response.statusCode).toBe(403);
    const exported = await context.app.inject({ url: `/api/communities/${kuihuali}/file`, headers: sessionHeaders(neighbour) });
    expect(exported.statusCode).toBe(403);
  });
});
