import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { createAccountAsAdmin, shots, signInThroughForm, useLinliInChromium } from "../harness.js";
import type { RunningServer } from "../linli-server.js";

describe("the audit administrator reads the trail and the chain's state", () => {
  const session = useLinliInChromium();
  let server: RunningServer;
  let page: Page;
  beforeAll(() => {
    ({ server, page } = session);
  });

  it("shows sign-ins and account changes, sealed into an intact chain", async () => {
    const password = await createAccountAsAdmin(session, { username: "shenji", displayName: "审计员", roles: ["audit_admin"] });

    await page.goto(server.url);
    await signInThroughForm(page, "shenji", password);
    expect(await page.getByRole("navigation").getByRole("menuitem").allTextContents()).toEqual(["首页", "行政区划", "审计日志"]);
    await page.getByRole("menuitem", { name: "审计日志" }).click();
    await page.getByRole("cell", { name: "创建账号" }).first().waitFor();
    const rows = await page.getByRole("row").allInnerTexts();
    expect(rows.some((row) => row.includes("admin") && row.includes("创建账号") && row.includes("成功"))).toBe(true);
    expect(rows.some((row) => row.includes("shenji") && row.includes("登录"))).toBe(true);
    // The sealer runs every 2 s; reload until everything shown is sealed.
    await expect
      .poll(
        async () => {
          await page.reload();
          return page.getByTestId("chain-state").textContent();
        },
        { timeout: 15_000, interval: 1_000 },
      )
      .toMatch(/审计链完整：\d+ 条已封存，0 条待封存/);
    await page.screenshot({ path: `${shots}/audit-trail.png` });
  });

  it("filters by result", async () => {
    await page.locator(".ant-select", { hasText: "结果" }).click();
    await page.locator(".ant-select-item-option[title='用户名或密码错误']").click();
    await expect.poll(() => page.getByRole("row").count()).toBe(2); // header + the empty-state row
  });
});
