import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { shots, signInThroughForm, useLinliInChromium } from "../harness.js";
import type { RunningServer } from "../linli-server.js";

const demoPassword = "Linli-Demo-2026";

describe("integrity visits (廉政家访)", () => {
  const session = useLinliInChromium({ env: { DEMO: "auto" } });
  let server: RunningServer;
  let page: Page;
  beforeAll(() => {
    ({ server, page } = session);
  });

  it("the discipline officer records a visit to an official's family; the county administrator has no such page", async () => {
    await page.goto(server.url);
    await signInThroughForm(page, "demo.discipline", demoPassword);
    expect(await page.getByRole("navigation").getByRole("menuitem").allTextContents()).toEqual(["首页", "行政区划", "廉政家访"]);
    await page.getByRole("menuitem", { name: "廉政家访" }).click();
    await page.locator("tr.ant-table-row", { hasText: "（演示）赵某" }).waitFor();
    await page.getByRole("button", { name: "登记廉政家访" }).click();
    await page.getByLabel("领导干部姓名").fill("（演示）孙某");
    await page.getByLabel("职务").fill("某镇党委书记（新任）");
    await page.getByLabel("见到的家属").fill("配偶");
    await page.getByLabel("谈话内容").fill("送上廉政家书，谈家风家教");
    await page.getByRole("button", { name: /^保\s?存$/ }).click();
    await page.locator("tr.ant-table-row", { hasText: "（演示）孙某" }).waitFor();
    await page.screenshot({ path: `${shots}/integrity-visits.png` });

    await page.getByRole("button", { name: "退出登录" }).click();
    await signInThroughForm(page, "demo.street", demoPassword);
    expect(await page.getByRole("navigation").getByRole("menuitem").allTextContents()).not.toContain("廉政家访");
    await page.goto(`${server.url}/integrity`);
    expect(await page.locator("tr.ant-table-row").count()).toBe(0);
  });
});
