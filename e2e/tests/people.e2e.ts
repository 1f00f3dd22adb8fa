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

/** Closes every open drawer and dialog with Escape, top one first, as a user would. */
async function closeDialogs(page: Page) {
  for (let tries = 0; tries < 4 && (await page.getByRole("dialog").count()) > 0; tries += 1) {
    await page.keyboard.press("Escape");
    await page.waitForTimeout(400);
  }
  expect(await page.getByRole("dialog").count()).toBe(0);
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

    // 合户: 乙's household joins 甲's; both households keep the record of it.
    await imported.click();
    const drawer = page.getByRole("dialog");
    await drawer.getByRole("button", { name: "查看本户" }).click();
    await page.getByRole("button", { name: "合户" }).click();
    const merge = page.getByRole("dialog", { name: "合户" });
    await merge.getByLabel("并入（输入该户成员姓名查找）").fill(good.name);
    await page.locator(".ant-select-item-option", { hasText: good.name }).click();
    await merge.getByRole("button", { name: "保存" }).click();
    await merge.waitFor({ state: "hidden" });
    const household = page.getByTestId("household-members");
    await household.getByText(good.name, { exact: false }).waitFor();
    expect(await household.locator("li").allTextContents()).toEqual([
      expect.stringContaining(good.name),
      expect.stringContaining(bad.name),
    ]);
    // Close the household's drawer, then the resident's, as a user would with Escape.
    await closeDialogs(page);
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
    const drawer = page.getByRole("dialog");
    await drawer.getByText("黄德明 采集，陈志强 审核").waitFor();

    // The grid leader corrects the record directly: only the changed field is sent and kept in the history.
    await drawer.getByRole("button", { name: "更正信息" }).click();
    const correction = page.getByRole("dialog", { name: "更正信息" });
    await correction.getByLabel("民族").fill("瑶族");
    await correction.getByRole("button", { name: "保存" }).click();
    await correction.waitFor({ state: "hidden" });
    await drawer.getByText("民族：— → 瑶族").waitFor();
    await page.screenshot({ path: `${shots}/people-resident-history.png` });
  });

  it("lets the police liaison put someone on the drug-rehabilitation register and open it with a stated purpose", async () => {
    await closeDialogs(page);
    await page.getByRole("button", { name: "退出登录" }).click();
    await signInThroughForm(page, "demo.police", "Linli-Demo-2026");
    await page.getByRole("menuitem", { name: "居民" }).click();
    await page.getByLabel("姓名、完整身份证号或手机号").fill(good.name);
    await page.getByLabel("姓名、完整身份证号或手机号").press("Enter");
    await page.getByTestId("residents-table").locator("tr.ant-table-row", { hasText: good.name }).click();
    await page.getByRole("dialog").getByRole("button", { name: "登记专项人群" }).click();
    const record = page.getByRole("dialog", { name: "登记专项人群" });
    await record.getByLabel("开始日期").fill("2025-01-01");
    await record.getByLabel("开始日期").press("Enter");
    await record.getByLabel("责任人").fill("禁毒民警 刘警官");
    await record.getByLabel("阶段").click();
    await page.locator(".ant-select-item-option", { hasText: "社区康复" }).click();
    await record.getByRole("button", { name: "保存" }).click();
    await record.waitFor({ state: "hidden" });
    await closeDialogs(page);

    await page.getByRole("menuitem", { name: "专项人群" }).click();
    await page.getByLabel("用途").fill("季度走访前核对名单");
    await page.getByRole("button", { name: "打开名册" }).click();
    await page.locator("tr.ant-table-row", { hasText: good.name }).getByText("禁毒民警 刘警官").waitFor();
  });
});
