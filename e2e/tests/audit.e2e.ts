import { mkdirSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../chromium.js";
import { type RunningServer, startLinli } from "../linli-server.js";

const shots = ".test-results/e2e";

describe("the audit administrator reads the trail and the chain's state", () => {
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

  it("shows sign-ins and account changes, sealed into an intact chain", async () => {
    // The system administrator creates the audit administrator through the API.
    const login = await page.request.post(`${server.url}/api/auth/login`, { data: server.admin });
    expect(login.status()).toBe(200);
    const csrf = (await page.context().cookies()).find((cookie) => cookie.name === "linli_csrf")?.value ?? "";
    const created = await page.request.post(`${server.url}/api/users`, {
      data: { username: "shenji", displayName: "审计员", roles: ["audit_admin"] },
      headers: { "x-csrf-token": csrf },
    });
    expect(created.status()).toBe(201);
    const { password } = (await created.json()) as { password: string };
    await page.request.post(`${server.url}/api/auth/logout`);

    await page.goto(server.url);
    await page.getByLabel("用户名").fill("shenji");
    await page.getByLabel("密码").fill(password);
    await page.getByRole("button", { name: "登录" }).click();
    await page.getByTestId("current-user").waitFor();
    expect(await page.getByRole("navigation").getByRole("menuitem").allTextContents()).toEqual(["首页", "审计日志"]);
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
