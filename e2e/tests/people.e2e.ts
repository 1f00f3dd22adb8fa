import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { shots, signInThroughForm, useLinliInChromium } from "../harness.js";
import type { RunningServer } from "../linli-server.js";

// Fictitious people of 衡阳县 (430421), which the demo does not use: valid check characters.
const good = { name: "测试导入甲", idNumber: "430421199001010775" };
const bad = { name: "测试导入乙", idNumber: "430421198512120665", fixed: "430421198512120664" };

/** The template as downloaded, its example row replaced by `rows` (by header). */
async function fillTemplate(template: string, rows: Record<string, string>[], directory: string, name: string) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(template);
  const sheet = workbook.getWorksheet("居民") as ExcelJS.Worksheet;
  const headers = (sheet.getRow(1).values as string[]).slice(1);
  sheet.spliceRows(2, sheet.rowCount);
  for (const row of rows) sheet.addRow(headers.map((header) => row[header] ?? null));
  const path = join(directory, name);
  await workbook.xlsx.writeFile(path);
  return path;
}

const row = (household: string, person: { name: string; idNumber: string }, number: string) => ({
  户编号: household,
  与户主关系: "户主",
  姓名: person.name,
  身份证号: person.idNumber,
  小区: "新葵花苑小区",
  楼栋: "1栋",
  单元: "1单元",
  房号: number,
});

describe("the population registry (实有人口)", () => {
  const session = useLinliInChromium({ env: { DEMO: "auto" } });
  let server: RunningServer;
  let page: Page;
  beforeAll(() => {
    ({ server, page } = session);
  });

  it("imports the template with one bad row, sees the row named, fixes it and imports", async () => {
    await page.goto(server.url);
    await signInThroughForm(page, "demo.chief", "Linli-Demo-2026");
    await page.getByRole("menuitem", { name: "居民" }).click();
    await page.getByTestId("residents-table").locator("tr.ant-table-row").first().waitFor();

    const directory = mkdtempSync(join(tmpdir(), "linli-e2e-import-"));
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByText("下载导入模板").click()]);
    const template = join(directory, "template.xlsx");
    await download.saveAs(template);
    const wrong = await fillTemplate(template, [row("甲", good, "101"), row("乙", bad, "102")], directory, "wrong.xlsx");

    await page.getByRole("button", { name: "导入" }).click();
    const wizard = page.getByRole("dialog", { name: "导入居民" });
    await wizard.getByText("葵花里社区居委会（430405009009）").waitFor();
    await wizard.locator("input[type=file]").setInputFiles(wrong);
    const refused = page.locator("#import-refused");
    await refused.getByText("以下单元格有误，未写入任何数据").waitFor();
    expect(await refused.locator("tr.ant-table-row").allTextContents()).toEqual(["3身份证号身份证号校验位不正确"]);
    await page.screenshot({ path: `${shots}/people-import-refused.png` });

    const fixed = await fillTemplate(
      template,
      [row("甲", good, "101"), row("乙", { name: bad.name, idNumber: bad.fixed }, "102")],
      directory,
      "fixed.xlsx",
    );
    await wizard.locator("input[type=file]").setInputFiles(fixed);
    await page.locator("#import-checked").getByText("将新增 2 人").waitFor();
    await wizard.getByRole("button", { name: "确认导入" }).click();
    await page.locator("#import-done").getByText("导入完成：新增 2 人").waitFor();
    await page.keyboard.press("Escape");
    await wizard.waitFor({ state: "hidden" });

    await page.getByLabel("姓名、完整身份证号或手机号").fill(bad.name);
    await page.getByLabel("姓名、完整身份证号或手机号").press("Enter");
    const imported = page.getByTestId("residents-table").locator("tr.ant-table-row", { hasText: bad.name });
    await imported.waitFor();
    // Masked on the server: the region and the last four, never the birth date.
    expect(await imported.textContent()).toContain("430421********0664");
    expect(await page.content()).not.toContain(bad.fixed);
  });

  it("lets the grid member collect at the door on a phone, and the grid leader accept it", async () => {
    const phone = await page
      .context()
      .browser()
      ?.newPage({ viewport: { width: 360, height: 740 } });
    if (!phone) throw new Error("no browser");
    phone.setDefaultTimeout(30_000);
    await phone.goto(server.url);
    await signInThroughForm(phone, "demo.member", "Linli-Demo-2026");
    await phone.goto(`${server.url}/collection`);
    await phone.getByRole("tab", { name: "采集新居民" }).click();
    await phone.getByLabel("房屋").fill("1栋1单元601");
    await phone.locator(".ant-select-item-option", { hasText: "1栋1单元601" }).click();
    await phone.getByLabel("姓名").fill("测试采集丙");
    await phone.getByLabel("身份证号").fill("430421197005050556");
    await phone.getByLabel("手机号").fill("13900001234");
    await phone.getByRole("button", { name: "提交" }).click();
    await phone.getByText("已提交，等待网格长审核").waitFor();
    // Nothing on the 360-px screen is wider than the screen.
    expect(await phone.evaluate<number>("document.documentElement.scrollWidth")).toBeLessThanOrEqual(360);
    await phone.screenshot({ path: `${shots}/people-collect-phone.png`, fullPage: true });
    await phone.close();

    await page.getByRole("button", { name: "退出登录" }).click();
    await signInThroughForm(page, "demo.leader", "Linli-Demo-2026");
    await page.getByRole("menuitem", { name: "信息采集" }).click();
    const queue = page.getByTestId("collection-queue");
    const item = queue.locator(".ant-list-item", { hasText: "测试采集丙" });
    await item.getByText("手机号：— → 139****1234").waitFor();
    await item.getByRole("button", { name: "通过" }).click();
    await page.getByText("已通过并写入").waitFor();
    await page.getByRole("menuitem", { name: "居民" }).click();
    await page.getByLabel("姓名、完整身份证号或手机号").fill("测试采集丙");
    await page.getByLabel("姓名、完整身份证号或手机号").press("Enter");
    await page.getByTestId("residents-table").locator("tr.ant-table-row", { hasText: "测试采集丙" }).click();
    await page.getByRole("dialog").getByText("黄德明 采集，陈志强 审核").waitFor();
  });
});
