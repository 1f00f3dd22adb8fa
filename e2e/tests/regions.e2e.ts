import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { shots, signInThroughForm, useLinliInChromium } from "../harness.js";
import type { RunningServer } from "../linli-server.js";

describe("the division tree of Hunan, imported with npm run regions:import", () => {
  const session = useLinliInChromium({ importRegionsOf: "43" });
  let server: RunningServer;
  let page: Page;
  beforeAll(() => {
    ({ server, page } = session);
  });

  it("finds 葵花里社区 by name and shows where it lies", async () => {
    await page.goto(`${server.url}/regions`);
    server.admin.password = await signInThroughForm(page, server.admin.username, server.admin.password);
    await page.getByLabel("按名称查找区划，如“葵花里”").fill("葵花里");
    await page.getByText("葵花里社区 · 社区村 · 430405009009").click();
    const breadcrumb = page.locator(".ant-breadcrumb");
    await breadcrumb.getByText("广东路街道").waitFor();
    expect(await breadcrumb.getByRole("button").allTextContents()).toEqual([
      "湖南省",
      "衡阳市",
      "珠晖区",
      "广东路街道",
      "葵花里社区",
    ]);
    await page.getByText("葵花里社区居委会").waitFor();
    expect(await page.getByLabel("按名称查找区划，如“葵花里”").inputValue()).toBe("葵花里社区");
  });

  it("opens the tree a level at a time", async () => {
    await page.getByRole("tree").getByText("湖南省").waitFor();
    await page.locator(".ant-tree-treenode", { hasText: "湖南省" }).locator(".ant-tree-switcher").click();
    await page.getByRole("tree").getByText("衡阳市").waitFor();
    await page.locator(".ant-tree-treenode", { hasText: "衡阳市" }).locator(".ant-tree-switcher").click();
    await page.getByRole("tree").getByText("珠晖区").waitFor();
    await page.screenshot({ path: `${shots}/regions.png` });
  });
});
