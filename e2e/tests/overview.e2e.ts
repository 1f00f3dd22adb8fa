import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { shots, signInThroughForm, useLinliInChromium } from "../harness.js";
import type { RunningServer } from "../linli-server.js";

const demoPassword = "Linli-Demo-2026";
const number = (text: string | null) => Number((text ?? "").replace(/[^\d]/g, ""));

describe("the overview (综合概览)", () => {
  // The rollups take in new rows every second here, so a dispute shows up while the test waits.
  const session = useLinliInChromium({ env: { DEMO: "auto", INSIGHTS_REFRESH_SECONDS: "1" } });
  let server: RunningServer;
  let page: Page;
  beforeAll(() => {
    ({ server, page } = session);
  });

  it("shows the street its communities, walks down to a community's grid and back, and exports the page", async () => {
    await page.goto(server.url);
    await signInThroughForm(page, "demo.street", demoPassword);
    await page.getByRole("menuitem", { name: "综合概览" }).click();
    const overview = page.getByTestId("overview");
    await overview.getByText("广东路街道").first().waitFor();
    const residents = overview.getByTestId("overview-people").locator(".ant-statistic-content").first();
    await residents.waitFor();
    expect(number(await residents.textContent())).toBeGreaterThan(0);
    const community = page.getByTestId("overview-children").locator("tr.ant-table-row", { hasText: "葵花里" });
    await community.waitFor();
    // The months of this year beside last year's, drawn by ECharts on a canvas.
    await page.getByTestId("overview-months").locator("canvas").waitFor();
    await page.screenshot({ path: `${shots}/overview-township.png`, fullPage: true });

    await community.getByRole("link").click();
    await page
      .getByRole("navigation", { name: "breadcrumb" })
      .or(page.locator(".ant-breadcrumb"))
      .getByText("广东路街道")
      .waitFor();
    const grids = page.getByTestId("overview-children").locator("tr.ant-table-row");
    await grids.first().waitFor();
    const firstGrid = grids.first();
    const gridName = (await firstGrid.getByRole("link").textContent()) ?? "";
    const gridResidents = number(await firstGrid.locator("td").nth(1).textContent());
    await firstGrid.getByRole("link").click();
    await page.locator(".ant-breadcrumb").getByText(gridName).waitFor();
    await page.locator(".ant-tag", { hasText: "网格" }).waitFor();
    expect(number(await page.getByTestId("overview-people").locator(".ant-statistic-content").first().textContent())).toBe(
      gridResidents,
    );
    await page.screenshot({ path: `${shots}/overview-grid.png`, fullPage: true });

    await page
      .locator(".ant-breadcrumb")
      .getByRole("link", { name: /葵花里/ })
      .click();
    await page.getByTestId("overview-children").locator("tr.ant-table-row").first().waitFor();
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "导出 Excel" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^linli-overview-430405009009-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync(await download.path()) as never);
    // Headings follow the browser's language (Accept-Language), as every export's do.
    const figures = new Map<string, unknown>();
    book.worksheets[0]?.eachRow((row) => figures.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(String(figures.get("区域") ?? figures.get("Place"))).toContain("葵花里");
    expect(figures.get("实有人口") ?? figures.get("Residents")).toBeGreaterThan(0);
  });

  it("counts a dispute the grid member registers, once the page is reloaded", async () => {
    await page.getByRole("button", { name: "退出登录" }).click();
    await signInThroughForm(page, "demo.chief", demoPassword);
    await page.getByRole("menuitem", { name: "综合概览" }).click();
    const open = page.getByTestId("overview-disputes").locator(".ant-statistic-content").first();
    await open.waitFor();
    const before = number(await open.textContent());

    await page.getByRole("button", { name: "退出登录" }).click();
    await signInThroughForm(page, "demo.member", demoPassword);
    await page.getByRole("menuitem", { name: "矛盾纠纷" }).click();
    await page.getByRole("button", { name: "登记纠纷" }).click();
    await page.getByLabel("纠纷概要").fill("停车位占用引发争执");
    await page.getByLabel("当事人姓名 1").fill("孙先生");
    await page.getByLabel("当事人姓名 2").fill("周女士");
    await page.getByRole("button", { name: /^保\s?存$/ }).click();
    await page.locator("tr.ant-table-row", { hasText: "孙先生、周女士" }).waitFor();

    await page.getByRole("button", { name: "退出登录" }).click();
    await signInThroughForm(page, "demo.chief", demoPassword);
    await page.getByRole("menuitem", { name: "综合概览" }).click();
    for (let attempt = 0; attempt < 20; attempt += 1) {
      await open.waitFor();
      if (number(await open.textContent()) === before + 1) break;
      await page.waitForTimeout(500);
      await page.reload();
    }
    expect(number(await open.textContent())).toBe(before + 1);
  });
});
