import { writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { shots, signInThroughForm, useLinliInChromium } from "../harness.js";
import type { RunningServer } from "../linli-server.js";

const demoPassword = "Linli-Demo-2026";

describe("anti-fraud warnings (反诈 上门预警劝阻)", () => {
  const session = useLinliInChromium({ env: { DEMO: "auto" } });
  let server: RunningServer;
  let page: Page;
  beforeAll(() => {
    ({ server, page } = session);
  });

  it("the grid member records a warning on the phone; the police liaison's list names its bad rows; the county reads the year on year", async () => {
    const browser = page.context().browser();
    if (!browser) throw new Error("no browser");
    const phone = await browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true });
    const member = await phone.newPage();
    member.setDefaultTimeout(30_000);

    // The grid member's warnings from the police's list, beside today's round.
    await member.goto(server.url);
    await signInThroughForm(member, "demo.member", demoPassword);
    await member.goto(`${server.url}/visits`);
    await member.getByRole("tab", { name: "反诈预警" }).click();
    const cards = member.getByTestId("fraud-warning");
    await cards.first().waitFor();
    expect(await cards.filter({ hasText: "待上门" }).count()).toBe(3);
    expect(await member.locator("html").evaluate((html) => html.scrollWidth)).toBeLessThanOrEqual(360);
    const card = cards.filter({ hasText: "待上门" }).first();
    await card.getByText("已预警", { exact: true }).click();
    await card.getByLabel("情况说明").fill("本人在家，已讲解冒充客服诈骗");
    await member.screenshot({ path: `${shots}/fraud-warning-phone.png`, fullPage: true });
    await card.getByRole("button", { name: "登记结果" }).click();
    await member.getByText("结果已登记").waitFor();
    await expect.poll(() => cards.filter({ hasText: "待上门" }).count()).toBe(2);
    await phone.close();

    // The community's police liaison starts a campaign and checks a list with a wrong ID and an unknown person.
    await page.goto(server.url);
    await signInThroughForm(page, "demo.police", demoPassword);
    await page.getByRole("menuitem", { name: "反诈预警" }).click();
    await page.getByRole("button", { name: "新建行动" }).click();
    await page.getByLabel("行动名称").fill("葵花里社区 养老诈骗预警");
    await page.getByLabel("劝阻期限").fill("2099-12-31");
    // Ant Design spaces a two-character button's label: 创 建.
    await page.getByRole("button", { name: /^创\s?建$/ }).click();
    const row = page.locator("tr.ant-table-row", { hasText: "葵花里社区 养老诈骗预警" });
    await row.waitFor();
    await row.click();
    await page.getByRole("tab", { name: "导入公安预警名单" }).click();
    const list = join(tmpdir(), `linli-fraud-${process.pid}.csv`);
    await writeFile(
      list,
      "姓名,身份证号,手机号,预警原因,劝阻期限\n错号,430405198001010018,,可疑来电,\n无此人,430405199003070018,,可疑来电,\n",
    );
    await page.locator("input[type=file]").setInputFiles(list);
    await page.getByText("只导入无误的行").click();
    await page.getByRole("button", { name: "检查（不写入）" }).click();
    await page.getByTestId("fraud-import-report").waitFor();
    expect(await page.getByTestId("fraud-import-report").textContent()).toContain("新增 0 人");
    await page.locator("tr.ant-table-row", { hasText: "身份证号校验位不正确" }).waitFor();
    await page.locator("tr.ant-table-row", { hasText: "本次行动范围内的实有人口中没有此人" }).waitFor();
    await page.screenshot({ path: `${shots}/fraud-import-refused.png` });

    // The county's administrator reads the police's figures with their change on the year before.
    await page.keyboard.press("Escape");
    await page.getByRole("button", { name: "退出登录" }).click();
    await signInThroughForm(page, "demo.county", demoPassword);
    await page.getByRole("menuitem", { name: "反诈预警" }).click();
    await page.getByRole("tab", { name: "年度战果" }).click();
    const year = page.locator("tr.ant-table-row", { hasText: "2026" });
    await year.waitFor();
    expect(await year.textContent()).toContain("+459.3%");
    expect(await year.textContent()).toContain("39,430,000.00");
    await page.screenshot({ path: `${shots}/fraud-years.png` });
  });
});
