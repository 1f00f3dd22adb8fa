import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { apiSessionAs, createAccountAsAdmin, shots, signInThroughForm, useLinliInChromium } from "../harness.js";
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

  it("shows 新葵花苑小区 of 葵花里社区 going from 三无 to remediated, to the community's director", async () => {
    const director = {
      username: "kuihuali.director",
      password: await createAccountAsAdmin(session, {
        username: "kuihuali.director",
        displayName: "葵花里社区主任",
        roles: ["chief_grid_leader"],
        scope: { regions: ["430405009009"], grids: [] },
      }),
    };
    const api = await apiSessionAs(server.url, director);
    const created = await api.post("/api/compounds", { regionCode: "430405009009", name: "新葵花苑小区", dwellingsCount: 320 });
    expect(created.status()).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const none = { guards: false, watch24h: false, fence: false, gate: false, cameras: false, ownersCommittee: false };
    await api.post(`/api/compounds/${id}/profile`, {
      ...none,
      effectiveFrom: "2019-01-01",
      propertyManagement: "none",
      smartAccess: false,
    });
    await api.post(`/api/compounds/${id}/profile`, {
      ...none,
      effectiveFrom: "2021-06-01",
      propertyManagement: "property_company",
      propertyCompany: "衡阳市新葵花物业服务有限公司",
      smartAccess: true,
      watch24h: true,
      decisionRef: "2021年5月屋场恳谈会决议",
    });
    await api.api.dispose();

    await page.getByRole("button", { name: "退出登录" }).click();
    await signInThroughForm(page, director.username, director.password);
    await page.getByRole("menuitem", { name: "行政区划" }).click();
    await page.getByLabel("按名称查找区划，如“葵花里”").fill("葵花里");
    await page.getByText("葵花里社区 · 社区村 · 430405009009").click();
    const row = page.getByRole("row", { name: /新葵花苑小区/ });
    await row.getByText("已有管理或防护").waitFor();
    await row.click();
    const history = page.getByTestId("profile-history");
    await history.getByText("2021-06-01").waitFor();
    expect(await history.locator(".ant-tag").allTextContents()).toEqual(["已有管理或防护", "三无小区"]);
    await history.getByText("依据：2021年5月屋场恳谈会决议").waitFor();
    await page.waitForTimeout(400); // the drawer's animation, for the screenshot only
    await page.screenshot({ path: `${shots}/compound-history.png` });
  });
});
