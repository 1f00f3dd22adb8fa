import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { shots, signInThroughForm, useLinliInChromium } from "../harness.js";
import type { RunningServer } from "../linli-server.js";

const demoPassword = "Linli-Demo-2026";

/** Opens the case with this description from the inbox tab, and waits for its drawer. */
async function openCase(page: Page, tab: string, description: string) {
  await page.getByRole("menuitem", { name: "事件办理" }).click();
  await page.getByRole("tab", { name: tab }).click();
  await page.locator("tr.ant-table-row", { hasText: description }).first().click();
  await page.getByTestId("case-actions").waitFor();
}

/** A 1 × 1 PNG, as a phone's photo would arrive. */
const photo = {
  name: "lamp.png",
  mimeType: "image/png",
  buffer: Buffer.from(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
    "base64",
  ),
};

/** Takes a step from the open case's drawer, writing `note` and attaching a photo when asked, and waits for the new status. */
async function takeStep(page: Page, step: string, status: string, note?: string, withPhoto = false) {
  await page.getByTestId("case-actions").getByRole("button", { name: step }).click();
  const dialog = page.getByRole("dialog").filter({ has: page.getByTestId("transition-form") });
  if (note) await dialog.getByLabel("说明").fill(note);
  if (withPhoto) {
    await dialog.locator("input[type=file]").setInputFiles(photo);
    await dialog.locator(".ant-upload-list-item-done").waitFor();
  }
  await dialog.locator(".ant-modal-footer").getByRole("button", { name: step }).click();
  await dialog.waitFor({ state: "hidden" });
  await expect.poll(() => page.getByTestId("case-status").textContent()).toBe(status);
}

async function signOut(page: Page) {
  await page.keyboard.press("Escape");
  await page.getByRole("button", { name: "退出登录" }).click();
  await page.getByLabel("用户名").waitFor();
}

describe("cases (事件工单) from the phone form to the reporter's rating", () => {
  const session = useLinliInChromium({ env: { DEMO: "auto" } });
  let server: RunningServer;
  let page: Page;
  beforeAll(() => {
    ({ server, page } = session);
  });

  it("a resident reports a broken street lamp in 天嘉翰廷小区; the grid leader dispatches, the property company handles, the leader verifies and closes, the resident rates", async () => {
    const description = "天嘉翰廷小区2栋旁路灯坏了，晚上一片黑";
    const browser = page.context().browser();
    if (!browser) throw new Error("no browser");
    const phone = await browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true });
    const resident = await phone.newPage();
    resident.setDefaultTimeout(30_000);

    // The resident, without an account, on a 360-px phone.
    await resident.goto(`${server.url}/report`);
    await resident.getByLabel("事件类别").click();
    await resident.locator(".ant-cascader-menu-item", { hasText: "公共设施" }).click();
    await resident.locator(".ant-cascader-menu-item", { hasText: "路灯" }).click();
    await resident.getByLabel("灯杆编号").fill("TJ-0207");
    await resident.getByLabel("问题描述").fill(description);
    await resident.getByLabel("所在小区").fill("天嘉");
    await resident.locator(".ant-select-item-option", { hasText: "天嘉翰廷小区" }).click();
    await resident.getByLabel("详细地址").fill("2栋东侧");
    expect(await resident.locator("html").evaluate((html) => html.scrollWidth)).toBeLessThanOrEqual(360);
    await resident.screenshot({ path: `${shots}/cases-report-phone.png`, fullPage: true });
    await resident.getByRole("button", { name: "提交" }).click();
    const trackingCode = ((await resident.getByTestId("tracking-code").textContent()) ?? "").trim();
    expect(trackingCode).toMatch(/^[0-9A-Z]{12}$/);

    // The grid leader of the grid covering 天嘉翰廷小区 dispatches it to the compound's property company.
    await page.goto(server.url);
    const leaderPassword = await signInThroughForm(page, "yuanlin.leader1", demoPassword);
    await openCase(page, "本网格", description);
    await expect.poll(() => page.getByText("衡阳天嘉物业管理有限公司").count()).toBeGreaterThan(0);
    await takeStep(page, "派遣", "已派遣", "请物业今天修复");
    await signOut(page);

    // The property company's staff start and report the handling.
    await signInThroughForm(page, "yuanlin.property1", demoPassword);
    await openCase(page, "我的", description);
    await takeStep(page, "开始处置", "处置中");
    await takeStep(page, "反馈处置结果", "已处置", "已更换灯泡并检查线路", true);
    await page.getByTestId("case-timeline").locator("img").first().waitFor();
    await signOut(page);

    // The grid leader verifies and closes it.
    await signInThroughForm(page, "yuanlin.leader1", leaderPassword);
    await openCase(page, "本网格", description);
    await takeStep(page, "核查通过", "已核查", "现场查看路灯已亮");
    await takeStep(page, "结案", "已结案");
    await expect.poll(() => page.getByTestId("case-timeline").locator(".ant-timeline-item").count()).toBe(6);
    await page.screenshot({ path: `${shots}/cases-closed.png` });

    // The resident follows the case with the tracking code and rates it.
    await resident.goto(`${server.url}/track/${trackingCode}`);
    await expect.poll(() => resident.getByTestId("tracked-status").textContent()).toBe("已结案");
    await resident.getByTestId("rate-case").locator(".ant-rate-star").nth(4).click();
    await resident.getByRole("button", { name: "提交评价" }).click();
    await expect.poll(() => resident.getByTestId("tracked-status").textContent()).toBe("已评价");
    await resident.screenshot({ path: `${shots}/cases-rated-phone.png`, fullPage: true });
    await phone.close();
  });
});

describe("case settings and Open311 clients", () => {
  const session = useLinliInChromium({ env: { DEMO: "auto" } });
  let server: RunningServer;
  let page: Page;
  beforeAll(() => {
    ({ server, page } = session);
  });

  it("the city administrator gives 路灯 a shorter handling limit and marks a holiday", async () => {
    await page.goto(server.url);
    await signInThroughForm(page, "demo.city", demoPassword);
    await page.getByRole("menuitem", { name: "事件设置" }).click();
    await page.locator("tr.ant-table-row", { hasText: "路灯" }).getByRole("button", { name: "修改" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("处置(小时)").fill("24");
    await dialog.getByRole("button", { name: "确定" }).click();
    await dialog.waitFor({ state: "hidden" });
    await expect.poll(() => page.locator("tr.ant-table-row", { hasText: "路灯" }).first().textContent()).toContain("24");

    await page.getByPlaceholder("请选择日期").click();
    await page.getByPlaceholder("请选择日期").fill("2027-01-01");
    await page.keyboard.press("Enter");
    await page.getByPlaceholder("名称").fill("元旦");
    await page.getByRole("button", { name: "添加" }).click();
    await page.getByRole("cell", { name: "元旦" }).waitFor();
  });
});
