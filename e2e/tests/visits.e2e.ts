import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { shots, signInThroughForm, useLinliInChromium } from "../harness.js";
import type { RunningServer } from "../linli-server.js";

const demoPassword = "Linli-Demo-2026";

describe("door-to-door visits (主动敲门)", () => {
  const session = useLinliInChromium({ env: { DEMO: "auto" } });
  let server: RunningServer;
  let page: Page;
  beforeAll(() => {
    ({ server, page } = session);
  });

  it("the grid member sees today's round on the phone, records a visit that raises a need, and the grid leader finds the case in the inbox", async () => {
    const need = "独居老人腿脚不便，希望社区提供助餐服务";
    const browser = page.context().browser();
    if (!browser) throw new Error("no browser");
    const phone = await browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true });
    const member = await phone.newPage();
    member.setDefaultTimeout(30_000);

    // 葵花里社区's grid member, on a 360-px phone: today's round, planned when the demo was loaded.
    await member.goto(server.url);
    await signInThroughForm(member, "demo.member", demoPassword);
    await member.goto(`${server.url}/visits`);
    const tasks = member.getByTestId("visit-task");
    await tasks.first().waitFor();
    expect(await tasks.count()).toBeGreaterThan(0);
    expect(await member.getByText("每户每季度走访").count()).toBeGreaterThan(0);
    expect(await member.locator("html").evaluate((html) => html.scrollWidth)).toBeLessThanOrEqual(360);
    await member.screenshot({ path: `${shots}/visits-round-phone.png`, fullPage: true });

    const before = await tasks.filter({ hasText: "待走访" }).count();
    await tasks.filter({ hasText: "待走访" }).first().getByRole("button", { name: "登记走访" }).click();
    const form = member.getByTestId("visit-form");
    await form.getByLabel("见到的人").fill("户主本人");
    await form.getByLabel("走访情况").fill("老人独居，身体尚可，做饭困难");
    await form.getByTestId("visit-raise-need").click();
    await form.getByLabel("事件类别").click();
    // The class opens its column once the dropdown has settled: click it until it has.
    const elderlyCare = member.locator(".ant-cascader-menu-item", { hasText: "养老服务" });
    await expect
      .poll(async () => {
        await member.locator(".ant-cascader-menu-item", { hasText: "民生诉求" }).click();
        return elderlyCare.isVisible();
      })
      .toBe(true);
    await elderlyCare.click();
    await form.getByLabel("诉求内容").fill(need);
    await member.screenshot({ path: `${shots}/visits-record-phone.png`, fullPage: true });
    await form.getByRole("button", { name: "保存走访记录" }).click();
    await member.getByText("已转为 1 件事件，网格长将派遣办理").waitFor();
    await member.getByRole("button", { name: "返回" }).click();
    await expect.poll(() => tasks.filter({ hasText: "待走访" }).count()).toBeLessThan(before);
    await phone.close();

    // The grid leader sees the need as a case of the grid, reported by the grid member.
    await page.goto(server.url);
    await signInThroughForm(page, "demo.leader", demoPassword);
    await page.getByRole("menuitem", { name: "事件办理" }).click();
    await page.getByRole("tab", { name: "本网格" }).click();
    const row = page.locator("tr.ant-table-row", { hasText: need });
    await row.waitFor();
    expect(await row.textContent()).toContain("已上报");
    await page.getByRole("menuitem", { name: "走访任务" }).click();
    await page.getByRole("tab", { name: "覆盖情况" }).click();
    await page.locator("tr.ant-table-row", { hasText: "430405009009001" }).waitFor();
    // The map colours each compound by the share of its households reached, labelled reached/due.
    await page.getByTestId("community-map").waitFor();
    await page.locator(".linli-map-label", { hasText: /新葵花苑小区 \d+\/\d+/ }).waitFor();
    // A click on a compound lists its households not reached yet.
    await page.locator(".linli-map path").first().click({ force: true });
    const notReached = page.getByTestId("not-reached");
    await notReached.waitFor();
    expect(await notReached.textContent()).toMatch(/未走访的户（\d+）/);
    await page.screenshot({ path: `${shots}/visits-coverage.png`, fullPage: true });

    // The community's chief keeps the rules and plans again: nothing is made twice.
    await page.getByRole("button", { name: "退出登录" }).click();
    await signInThroughForm(page, "demo.chief", demoPassword);
    await page.getByRole("menuitem", { name: "走访任务" }).click();
    await page.getByRole("tab", { name: "走访规则" }).click();
    await page.locator("tr.ant-table-row", { hasText: "社区康复人员每月家访" }).waitFor();
    expect(await page.locator("tr.ant-table-row").count()).toBe(3);
    await page.getByRole("button", { name: "生成本期走访计划" }).click();
    await page.getByText("已生成：新增 0 项，改派 0 项，未分配 0 项").waitFor();
    await page.screenshot({ path: `${shots}/visits-rules.png` });
  });

  it("a need for a social service becomes a service request that the social worker takes up and closes", async () => {
    const need = "老人希望每周有人上门助浴";
    await page.getByRole("button", { name: "退出登录" }).click();
    await signInThroughForm(page, "demo.member", demoPassword);
    await page.goto(`${server.url}/visits`);
    const tasks = page.getByTestId("visit-task");
    await tasks.filter({ hasText: "待走访" }).first().getByRole("button", { name: "登记走访" }).click();
    const form = page.getByTestId("visit-form");
    await form.getByLabel("见到的人").fill("老人的女儿");
    await form.getByTestId("visit-raise-service").click();
    // The option is clicked once the dropdown has settled: try until the choice shows in the field.
    const kindField = form.locator(".ant-form-item", { hasText: "服务类别" });
    await expect
      .poll(
        async () => {
          if ((await page.locator(".ant-select-dropdown:visible").count()) === 0) await form.getByLabel("服务类别").click();
          await page
            .locator(".ant-select-item-option[title='养老服务']")
            .click({ timeout: 1_000 })
            .catch(() => undefined);
          return (await kindField.textContent())?.includes("养老服务");
        },
        { timeout: 15_000, interval: 300 },
      )
      .toBe(true);
    await form.getByLabel("需求描述").fill(need);
    await form.getByRole("button", { name: "保存走访记录" }).click();
    await page.getByText("已转为 1 条服务需求，社工将受理").waitFor();
    await page.getByRole("button", { name: "返回" }).click();

    await page.getByRole("button", { name: "退出登录" }).click();
    await signInThroughForm(page, "demo.social", demoPassword);
    await page.getByRole("menuitem", { name: "服务需求" }).click();
    const row = page.getByTestId("service-requests").locator("tr.ant-table-row", { hasText: need });
    await row.waitFor();
    expect(await row.textContent()).toContain("待受理");
    await row.getByRole("button", { name: "受理", exact: true }).click();
    await page.getByRole("dialog").getByLabel("办理说明").fill("已联系助浴志愿服务队，每周三上门");
    await page
      .getByRole("dialog")
      .getByRole("button", { name: /^(OK|确\s?定)$/ })
      .click();
    await page.getByRole("dialog").waitFor({ state: "hidden" });
    await page.locator(".ant-segmented-item", { hasText: "已受理" }).click();
    const accepted = page.getByTestId("service-requests").locator("tr.ant-table-row", { hasText: need });
    await accepted.getByText("演示·社工").waitFor();
    expect(await accepted.textContent()).toContain("已联系助浴志愿服务队");
    await page.screenshot({ path: `${shots}/service-requests.png`, fullPage: true });
  });
});
