import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { shots, signInThroughForm, useLinliInChromium } from "../harness.js";
import type { RunningServer } from "../linli-server.js";

describe("an administrator creates an account; its owner signs in and changes the password", () => {
  const session = useLinliInChromium();
  let server: RunningServer;
  let page: Page;
  let issued = "";
  beforeAll(() => {
    ({ server, page } = session);
  });

  it("creates 李娜 as grid leader and shows her one-time password once", async () => {
    await page.goto(`${server.url}/users`);
    server.admin.password = await signInThroughForm(page, server.admin.username, server.admin.password);
    await page.getByRole("button", { name: "新建账号" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("用户名").fill("li.na");
    await dialog.getByLabel("姓名").fill("李娜");
    await dialog.getByLabel("角色").click();
    await page.locator(".ant-select-item-option[title='网格长']").click();
    // The choice shows as a tag in the field before the dialog is saved (a click during the
    // dropdown's opening animation can miss the option).
    await dialog.locator(".ant-select-selection-item", { hasText: "网格长" }).waitFor();
    await dialog.getByLabel("姓名").click(); // close the dropdown
    await dialog.getByRole("button", { name: "保存" }).click();
    await page.getByTestId("issued-password").waitFor();
    issued = (await page.getByTestId("issued-password").textContent()) ?? "";
    expect(issued).toMatch(/^[A-Za-z0-9]{20}$/);
    await page.getByRole("dialog", { name: "一次性密码" }).waitFor();
    await page.waitForTimeout(600); // let the dialogs' animations settle, for the screenshot only
    await page.screenshot({ path: `${shots}/account-issued.png` });
    await page.getByRole("button", { name: "我已记下" }).click();
    // The list refetches after the dialog closes: wait for the row with its role, then count.
    const row = page.getByRole("row", { name: /li\.na/ });
    await row.getByText("网格长", { exact: true }).waitFor();
    expect(await row.getByText("网格长", { exact: true }).count()).toBe(1);
  });

  it("refuses a duplicate username beside the field", async () => {
    await page.getByRole("button", { name: "新建账号" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("用户名").fill("li.na");
    await dialog.getByLabel("姓名").fill("另一个李娜");
    await dialog.getByRole("button", { name: "保存" }).click();
    await dialog.locator(".ant-form-item-explain-error").getByText("已被使用").waitFor();
    expect(await dialog.locator(".ant-alert").count()).toBe(0); // beside the field, not again in a banner
    await dialog.getByRole("button", { name: "取消" }).click();
  });

  it("has 李娜 choose her own password at her first sign-in, refusing a common one", async () => {
    await page.getByRole("button", { name: "退出登录" }).click();
    await signInThroughForm(page, "li.na", issued, { keepIssuedPassword: true });
    await page.getByLabel("当前密码").fill(issued);
    await page.getByLabel("新密码", { exact: true }).fill("woaini1314");
    await page.getByLabel("确认新密码").fill("woaini1314");
    await page.getByRole("button", { name: "修改密码" }).click();
    await page.getByText("过于常见，容易被猜中").waitFor();
    await page.getByLabel("新密码", { exact: true }).fill("雁城春水-绿-2026");
    await page.getByLabel("确认新密码").fill("雁城春水-绿-2026");
    await page.getByRole("button", { name: "修改密码" }).click();
    await page.getByTestId("current-user").waitFor();
    expect(await page.getByTestId("current-user").textContent()).toBe("李娜");
    // A grid leader's menu: the overview of their area, the registry, the collection queue, the cases, the visits, the disputes, the service requests, the meetings and votes, the anti-fraud campaigns, the care registers (困境儿童, 困难家庭).
    expect(await page.getByRole("navigation").getByRole("menuitem").allTextContents()).toEqual([
      "首页",
      "综合概览",
      "行政区划",
      "居民",
      "信息采集",
      "事件办理",
      "走访任务",
      "矛盾纠纷",
      "服务需求",
      "议事协商",
      "反诈预警",
      "专项人群",
    ]);
    await page.getByRole("button", { name: "退出登录" }).click();
    await signInThroughForm(page, "li.na", "雁城春水-绿-2026");
  });
});
