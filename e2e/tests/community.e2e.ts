import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { shots, signInThroughForm, useLinliInChromium } from "../harness.js";
import type { RunningServer } from "../linli-server.js";

describe("the demo's 葵花里社区: compounds, history, grids on the map", () => {
  // As `npm start` on an empty embedded database: the demo is loaded.
  const session = useLinliInChromium({ env: { DEMO: "auto" } });
  let server: RunningServer;
  let page: Page;
  beforeAll(() => {
    ({ server, page } = session);
  });

  it("opens 葵花里社区 as its chief grid leader and sees its grids and compounds drawn on the map", async () => {
    expect(server.output()).toContain("Demo mode");
    await page.goto(server.url);
    await signInThroughForm(page, "demo.chief", "Linli-Demo-2026");
    await page.getByRole("menuitem", { name: "行政区划" }).click();
    await page.getByLabel("按名称查找区划，如“葵花里”").fill("葵花里");
    await page.getByText("葵花里社区 · 社区村 · 430405009009").click();
    const map = page.getByTestId("community-map");
    await map.getByText("新葵花苑小区网格").waitFor();
    const labels = await map.locator(".linli-map-label-grid").allTextContents();
    expect(labels.sort()).toEqual(["广东路铁路宿舍网格", "新葵花苑小区网格", "葵花里一区网格"].sort());
    expect(await map.locator(".linli-map-label-compound").allTextContents()).toContain("新葵花苑小区");
    // The community's outline, three grids, three compounds.
    expect(await map.locator("path.leaflet-interactive").count()).toBe(7);
    await page.waitForTimeout(400); // the map's zoom animation, for the screenshot only
    await page.screenshot({ path: `${shots}/community-map.png` });
  });

  it("finds 新葵花苑小区 and sees its history from 三无 to remediated, and its buildings", async () => {
    const row = page.getByTestId("compounds-table").locator("tr.ant-table-row", { hasText: "新葵花苑小区" });
    expect(await row.getByText("已有管理或防护").count()).toBe(1);
    await row.click();
    const history = page.getByTestId("profile-history");
    await history.getByText("2022-01-01").waitFor();
    expect(await history.locator(".ant-tag").allTextContents()).toEqual([
      "已有管理或防护",
      "已有管理或防护",
      "已有管理或防护",
      "三无小区",
    ]);
    await history
      .getByText("依据：新葵花苑小区业主大会决议（2021-05-22）：选聘衡阳市新葵花物业服务有限公司为小区物业服务企业")
      .waitFor();
    const drawer = page.getByRole("dialog");
    await drawer.getByText("3栋").waitFor();
    expect(await drawer.locator("tr.ant-table-row").allTextContents()).toEqual([
      expect.stringContaining("1栋"),
      expect.stringContaining("2栋"),
      expect.stringContaining("3栋"),
    ]);
    await page.waitForTimeout(400); // the drawer's animation, for the screenshot only
    await page.screenshot({ path: `${shots}/compound-remediated.png` });
    await page.keyboard.press("Escape");
    await page.getByRole("dialog").waitFor({ state: "hidden" });
  });

  it("opens a grid and sees who serves in it", async () => {
    await page.getByTestId("grids-table").locator("tr.ant-table-row", { hasText: "430405009009001" }).click();
    const drawer = page.getByRole("dialog");
    await drawer.getByText("陈志强").waitFor();
    const rows = await drawer.locator("tr.ant-table-row").allTextContents();
    expect(rows).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^网格长陈志强2021-06-01在任/),
        expect.stringMatching(/^网格员黄德明2021-06-01在任/),
      ]),
    );
  });

  it("places a grid member, is refused a second grid leader beside the field, and ends a term", async () => {
    const drawer = page.getByRole("dialog");
    await drawer.getByRole("button", { name: "安排人员" }).click();
    const dialog = page.getByRole("dialog", { name: "为新葵花苑小区网格安排人员" });
    await dialog.getByLabel("岗位").click();
    await page.locator(".ant-select-item-option[title='网格长']").click();
    // The list is long (and virtual): search it, as a user would.
    await dialog.getByLabel("姓名").fill("王建华");
    await page.locator(".ant-select-item-option", { hasText: "王建华（kuihuali.leader2）" }).click();
    await dialog.getByRole("button", { name: "保存" }).click();
    await dialog.getByText("该时段内此岗位已有人在任").waitFor();
    await dialog.getByLabel("岗位").click();
    await page.locator(".ant-select-item-option[title='网格员']").click();
    await dialog.getByRole("button", { name: "保存" }).click();
    await dialog.waitFor({ state: "hidden" });
    await drawer.locator("tr.ant-table-row", { hasText: "王建华" }).getByText("在任").waitFor();

    const leader = drawer.locator("tr.ant-table-row", { hasText: "陈志强" });
    await leader.getByRole("button", { name: "结束任期" }).click();
    await page
      .locator(".ant-popconfirm")
      .getByRole("button", { name: /确\s*定|OK/ })
      .click();
    // The term ends today: its end date shows, and it can no longer be ended.
    await leader.getByText(new Date().toISOString().slice(0, 10)).waitFor();
    expect(await leader.getByRole("button", { name: "结束任期" }).count()).toBe(0);
  });

  it("records 广东路铁路宿舍's remediation: a future date is refused beside the field, then it is no longer 三无", async () => {
    await page.keyboard.press("Escape");
    await page.getByRole("dialog").waitFor({ state: "hidden" });
    const row = page.getByTestId("compounds-table").locator("tr.ant-table-row", { hasText: "广东路铁路宿舍" });
    await row.getByText("三无小区").waitFor();
    await row.click();
    await page.getByRole("button", { name: "登记三化档案" }).click();
    const dialog = page.getByRole("dialog", { name: "登记三化档案：广东路铁路宿舍" });
    await dialog.getByLabel("生效日期").fill("2999-01-01");
    await dialog.getByLabel("物业管理").click();
    await page.locator(".ant-select-item-option[title='物业公司']").click();
    await dialog.getByLabel("物业公司名称").fill("衡阳市铁苑物业服务有限公司");
    await dialog.getByLabel("智能门禁").check();
    await dialog.getByLabel("24 小时值守").check();
    await dialog.getByLabel("依据").fill("2026年10月屋场恳谈会决议");
    await dialog.getByRole("button", { name: "保存" }).click();
    await dialog.getByText("不能晚于今天", { exact: true }).waitFor();
    await dialog.getByLabel("生效日期").fill("2026-11-01");
    await dialog.getByRole("button", { name: "保存" }).click();
    await dialog.waitFor({ state: "hidden" });
    const history = page.getByTestId("profile-history");
    await history.getByText("2026-11-01").waitFor();
    expect(await history.locator(".ant-tag").allTextContents()).toEqual(["已有管理或防护", "三无小区"]);
    await page.keyboard.press("Escape");
    await page.getByRole("dialog").waitFor({ state: "hidden" });
    await row.getByText("已有管理或防护").waitFor();
  });

  it("exports the community to Excel and imports it back unchanged; a bad file is refused row by row", async () => {
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "导出 Excel" }).click()]);
    expect(download.suggestedFilename()).toBe("430405009009.xlsx");
    // As the user would pick the saved file: by its name.
    await page.locator("input[type=file]").setInputFiles({
      name: download.suggestedFilename(),
      mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      buffer: readFileSync(await download.path()),
    });
    const report = page.locator("#import-report");
    await report.waitFor();
    expect(await report.textContent()).toContain("房屋新增 0、更新 0、未变 168");

    const unclosed = {
      type: "FeatureCollection",
      features: [
        {
          type: "Feature",
          properties: { kind: "grid", sequence: 4, name: "新网格" },
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
    await page.locator("input[type=file]").setInputFiles({
      name: "grids.geojson",
      mimeType: "application/geo+json",
      buffer: Buffer.from(JSON.stringify(unclosed)),
    });
    const errors = page.locator("#import-errors");
    await errors.waitFor();
    expect(await errors.locator("li").allTextContents()).toEqual([
      "features.0.geometry.coordinates.0: 边界环未闭合（首尾坐标须相同）",
    ]);
    await page.screenshot({ path: `${shots}/community-import-refused.png` });
  });
});
