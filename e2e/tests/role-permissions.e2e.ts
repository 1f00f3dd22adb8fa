import { mkdirSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../chromium.js";
import { type RunningServer, startLinli } from "../linli-server.js";

const shots = ".test-results/e2e";

describe("the security administrator edits what a role grants", () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    server = await startLinli();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.setDefaultTimeout(15_000);
  });

  afterAll(async () => {
    await browser?.close();
    expect(await server?.stop()).toBe(0);
  });

  it("grants grid leaders 'view accounts' with one tick, and cannot untick a locked grant", async () => {
    await page.request.post(`${server.url}/api/auth/login`, { data: server.admin });
    const csrf = (await page.context().cookies()).find((cookie) => cookie.name === "linli_csrf")?.value ?? "";
    const created = await page.request.post(`${server.url}/api/users`, {
      data: { username: "anquan", displayName: "安全员", roles: ["security_admin"] },
      headers: { "x-csrf-token": csrf },
    });
    const { password } = (await created.json()) as { password: string };
    await page.request.post(`${server.url}/api/auth/logout`);

    await page.goto(`${server.url}/permissions`);
    await page.getByLabel("用户名").fill("anquan");
    await page.getByLabel("密码").fill(password);
    await page.getByRole("button", { name: "登录" }).click();
    const tick = page.getByRole("checkbox", { name: "网格长 · 查看账号", exact: true });
    expect(await tick.isChecked()).toBe(false);
    await tick.click(); // saved on the server first, then shown ticked
    await page.getByText("网格长 的权限已更新").waitFor();
    await page.reload();
    expect(await page.getByRole("checkbox", { name: "网格长 · 查看账号", exact: true }).isChecked()).toBe(true);
    expect(await page.getByRole("checkbox", { name: "安全管理员 · 管理角色权限", exact: true }).isDisabled()).toBe(true);
    await page.screenshot({ path: `${shots}/role-permissions.png` });
  });
});
