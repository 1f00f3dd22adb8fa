import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { nextTotpCode } from "../../apps/server/src/test/totp.js";
import { changePasswordOnPage, chosenPassword, enrolThroughPage, shots, useLinliInChromium } from "../harness.js";
import type { RunningServer } from "../linli-server.js";

describe("sign in, the shell, language, sign out", () => {
  const session = useLinliInChromium();
  let server: RunningServer;
  let page: Page;
  const policyViolations: string[] = [];
  let recoveryCodes: string[] = [];

  beforeAll(() => {
    ({ server, page } = session);
    page.on("console", (message) => {
      if (/Content Security Policy/i.test(message.text())) policyViolations.push(message.text());
    });
  });

  it("shows the login page in Chinese and refuses a wrong password", async () => {
    await page.goto(server.url);
    await page.getByRole("heading", { name: "登录邻里" }).waitFor();
    await page.getByLabel("用户名").fill(server.admin.username);
    await page.getByLabel("密码").fill("not-the-password");
    await page.getByRole("button", { name: "登录" }).click();
    await page.getByText("用户名或密码错误").waitFor();
    await page.screenshot({ path: `${shots}/login-refused.png` });
  });

  it("has the first administrator replace the printed password, then bind an authenticator", async () => {
    await page.getByLabel("密码").fill(server.admin.password);
    await page.getByRole("button", { name: "登录" }).click();
    await page.getByTestId("password-change-required").waitFor();
    await page.screenshot({ path: `${shots}/password-change-required.png` });
    server.admin.password = await changePasswordOnPage(page, server.admin.password, chosenPassword("admin"));
    await page.getByText("按等保要求，您的角色须先绑定身份验证器", { exact: false }).waitFor();
    await page.locator("canvas").first().waitFor(); // the QR code
    await page.screenshot({ path: `${shots}/two-factor-enrolment.png` });
    recoveryCodes = await enrolThroughPage(page, server.admin.username);
    expect(recoveryCodes).toHaveLength(10);
  });

  it("then shows the shell built from the administrator's permissions", async () => {
    await page.getByTestId("current-user").waitFor();
    expect(await page.getByTestId("current-user").textContent()).toBe("系统管理员");
    const menu = page.getByRole("navigation").getByRole("menuitem");
    expect(await menu.allTextContents()).toEqual(["首页", "行政区划", "Open311 接口", "用户管理"]);
    await page.getByRole("heading", { name: "欢迎，系统管理员" }).waitFor();
    await page.screenshot({ path: `${shots}/shell-zh.png` });
  });

  it("lists accounts on the users page", async () => {
    await page.getByRole("menuitem", { name: "用户管理" }).click();
    await page.getByRole("cell", { name: "admin", exact: true }).waitFor();
    expect(page.url()).toBe(`${server.url}/users`);
    expect(await page.getByRole("columnheader").allTextContents()).toEqual([
      "用户名",
      "姓名",
      "角色",
      "管辖范围",
      "双因素",
      "状态",
      "创建时间",
      "操作",
    ]);
  });

  it("switches every visible string to English, and keeps the choice after reload", async () => {
    await page.getByText("English", { exact: true }).click();
    await page.getByRole("button", { name: "Sign out" }).waitFor();
    const menu = page.getByRole("navigation").getByRole("menuitem");
    expect(await menu.allTextContents()).toEqual(["Home", "Regions", "Open311 API", "Users"]);
    expect(await page.getByRole("columnheader").allTextContents()).toEqual([
      "Username",
      "Name",
      "Roles",
      "Scope",
      "Two-factor",
      "Status",
      "Created",
      "Actions",
    ]);
    await page.screenshot({ path: `${shots}/users-en.png` });
    await page.reload();
    await page.getByRole("button", { name: "Sign out" }).waitFor();
    // Only data stays Chinese (the account's name) and the switch's own "中文" label.
    // biome-ignore lint/performance/useDomNodeTextContent: the test is about what is rendered visibly
    const interfaceText = (await page.locator("body").innerText()).replaceAll("系统管理员", "").replace("中文", "");
    expect(interfaceText).not.toMatch(/\p{Script=Han}/u);
  });

  it("signs out back to the login page, and the old session is gone", async () => {
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("heading", { name: "Sign in to Linli" }).waitFor();
    const me = await page.request.get(`${server.url}/api/me`);
    expect(me.status()).toBe(401);
  });

  it("asks for the authenticator's code at the next sign-in, and takes a recovery code instead once", async () => {
    await page.getByText("中文", { exact: true }).click();
    await page.getByLabel("用户名").fill(server.admin.username);
    await page.getByLabel("密码").fill(server.admin.password);
    await page.getByRole("button", { name: "登录" }).click();
    await page.getByLabel("动态验证码").fill(await nextTotpCode(server.admin.username));
    await page.screenshot({ path: `${shots}/two-factor-code.png` });
    await page.getByRole("button", { name: "登录" }).click();
    await page.getByTestId("current-user").waitFor();
    await page.getByRole("button", { name: "退出登录" }).click();

    await page.getByLabel("用户名").fill(server.admin.username);
    await page.getByLabel("密码").fill(server.admin.password);
    await page.getByRole("button", { name: "登录" }).click();
    await page.getByRole("button", { name: "手机不在身边？使用恢复码" }).click();
    await page.getByLabel("恢复码").fill(recoveryCodes[0] ?? "");
    await page.getByRole("button", { name: "登录" }).click();
    await page.getByTestId("current-user").waitFor();
    await page.getByRole("button", { name: "退出登录" }).click();
  });

  it("serves the API browser at /api/docs", async () => {
    await page.goto(`${server.url}/api/docs`);
    await page.getByText("Linli (邻里) API").first().waitFor();
    await page.screenshot({ path: `${shots}/api-docs.png` });
  });

  it("runs every page above under the Content Security Policy without a violation", () => {
    expect(policyViolations).toEqual([]);
  });
});
