import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { shots, signInThroughForm, useLinliInChromium } from "../harness.js";
import type { RunningServer } from "../linli-server.js";

const demoPassword = "Linli-Demo-2026";

describe("disputes (矛盾纠纷)", () => {
  const session = useLinliInChromium({ env: { DEMO: "auto" } });
  let server: RunningServer;
  let page: Page;
  beforeAll(() => {
    ({ server, page } = session);
  });

  it("the grid member registers a quarrel, mediates it to an agreement, and the chief reads the success rate", async () => {
    const summary = "1栋楼道堆放杂物，邻居之间发生争执";
    await page.goto(server.url);
    await signInThroughForm(page, "demo.member", demoPassword);
    await page.getByRole("menuitem", { name: "矛盾纠纷" }).click();
    await page.getByRole("button", { name: "登记纠纷" }).click();
    await page.getByLabel("纠纷概要").fill(summary);
    await page.getByLabel("当事人姓名 1").fill("赵阿姨");
    await page.getByLabel("当事人姓名 2").fill("钱先生");
    await page.getByRole("button", { name: /^保\s?存$/ }).click();
    const row = page.locator("tr.ant-table-row", { hasText: "赵阿姨、钱先生" });
    await row.waitFor();
    expect(await row.textContent()).toContain("调解中");

    await row.click();
    const detail = page.getByTestId("dispute-detail");
    await detail.getByLabel("调解记录").fill("双方同意三日内清理杂物，楼道保持畅通");
    await detail.getByRole("button", { name: "记录本次调解" }).click();
    await detail.getByText("双方同意三日内清理杂物，楼道保持畅通").waitFor();
    // An agreement needs a follow-up date: the form says so before anything is sent.
    await detail.getByLabel("调解结果").click();
    await page.locator(".ant-select-item-option", { hasText: "调解成功" }).click();
    await detail.getByRole("button", { name: /^结\s?案$/ }).click();
    await detail.getByText("请输入回访日期").or(detail.locator(".ant-form-item-explain-error")).first().waitFor();
    await detail.getByLabel("回访日期").fill("2099-01-15");
    await detail.getByRole("button", { name: /^结\s?案$/ }).click();
    await detail.getByText("回访日期 2099-01-15").waitFor();
    await page.screenshot({ path: `${shots}/disputes-closed.png` });
    await page.keyboard.press("Escape");

    await page.getByRole("button", { name: "退出登录" }).click();
    await signInThroughForm(page, "demo.chief", demoPassword);
    await page.getByRole("menuitem", { name: "矛盾纠纷" }).click();
    await page.getByRole("tab", { name: "调解成功率" }).click();
    // A period of at most a year: from 300 days ago.
    await page.getByLabel("开始日期").fill(new Date(Date.now() - 300 * 86_400_000).toISOString().slice(0, 10));
    const stats = page.locator("tr.ant-table-row", { hasText: "葵花里" });
    await stats.waitFor();
    expect(await stats.textContent()).toMatch(/\d+(\.\d)?%/);
    await page.screenshot({ path: `${shots}/disputes-stats.png` });
  });
});
