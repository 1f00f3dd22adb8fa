import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { shots, signInThroughForm, useLinliInChromium } from "../harness.js";
import type { RunningServer } from "../linli-server.js";

const demoPassword = "Linli-Demo-2026";

describe("patrols (治安巡逻)", () => {
  const session = useLinliInChromium({ env: { DEMO: "auto" } });
  let server: RunningServer;
  let page: Page;
  beforeAll(() => {
    ({ server, page } = session);
  });

  it("the grid member patrols on the phone, marks the route, reports a hazard as a case, and the grid leader reads the log", async () => {
    const browser = page.context().browser();
    if (!browser) throw new Error("no browser");
    const phone = await browser.newContext({
      viewport: { width: 360, height: 740 },
      deviceScaleFactor: 2,
      isMobile: true,
    });
    // The phone's GPS: this Chromium build answers no position even under Playwright's geolocation
    // emulation (the request times out), so the page gets a stand-in that reports where we say.
    await phone.addInitScript(`
      window.gps = { longitude: 112.6237, latitude: 26.8968 };
      const position = () => ({ coords: { ...window.gps, accuracy: 5 }, timestamp: Date.now() });
      Object.defineProperty(navigator, "geolocation", {
        value: {
          getCurrentPosition: (success) => setTimeout(() => success(position()), 10),
          watchPosition: () => 1,
          clearWatch: () => undefined,
        },
      });
    `);
    const moveTo = (longitude: number, latitude: number) =>
      member.evaluate(`window.gps = { longitude: ${longitude}, latitude: ${latitude} }`);
    const member = await phone.newPage();
    member.setDefaultTimeout(30_000);
    await member.goto(server.url);
    await signInThroughForm(member, "demo.member", demoPassword);
    await member.goto(`${server.url}/visits`);
    await member.getByRole("tab", { name: "治安巡逻" }).click();
    await member.getByLabel("同行人员（可选）").fill("志愿者 李阿姨");
    await member.getByRole("button", { name: "开始巡逻" }).click();
    const open = member.getByTestId("open-patrol");
    await open.waitFor();

    const statistic = (index: number) =>
      open
        .locator(".ant-statistic-content-value")
        .nth(index)
        .textContent()
        .then((text) => Number(text?.replace(/,/g, "")));
    await member.getByRole("button", { name: "记录当前位置" }).click();
    await expect.poll(() => statistic(1)).toBe(1);
    await moveTo(112.6237, 26.8978);
    await member.getByRole("button", { name: "记录当前位置" }).click();
    await expect.poll(() => statistic(1)).toBe(2);
    // Two points about 111 m apart.
    expect(await statistic(0)).toBeGreaterThan(100);

    await member.getByLabel("发现的隐患").fill("3栋楼道内电动车飞线充电");
    await member.getByTestId("hazard-as-case").click();
    await open.locator(".ant-cascader").click();
    const charging = member.locator(".ant-cascader-menu-item", { hasText: "电动车违规充电" });
    await expect
      .poll(async () => {
        await member.locator(".ant-cascader-menu-item", { hasText: "安全隐患" }).click();
        return charging.isVisible();
      })
      .toBe(true);
    await charging.click();
    await member.getByRole("button", { name: "记录隐患" }).click();
    await member.getByText("3栋楼道内电动车飞线充电 · 已转为事件").waitFor();
    expect(await member.locator("html").evaluate((html) => html.scrollWidth)).toBeLessThanOrEqual(360);
    await member.screenshot({ path: `${shots}/patrol-phone.png`, fullPage: true });
    await member.getByRole("button", { name: "结束巡逻" }).click();
    await member.getByRole("button", { name: "开始巡逻" }).waitFor();
    await phone.close();

    await page.goto(server.url);
    await signInThroughForm(page, "demo.leader", demoPassword);
    await page.getByRole("menuitem", { name: "走访任务" }).click();
    await page.getByRole("tab", { name: "巡逻记录" }).click();
    const row = page.locator("tr.ant-table-row", { hasText: "黄德明" });
    await row.waitFor();
    expect(await row.textContent()).toContain("已结束");
    await page.getByRole("menuitem", { name: "事件办理" }).click();
    await page.getByRole("tab", { name: "本网格" }).click();
    await page.locator("tr.ant-table-row", { hasText: "3栋楼道内电动车飞线充电" }).waitFor();
  });
});
