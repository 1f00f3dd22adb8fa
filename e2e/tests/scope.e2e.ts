import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { createAccountAsAdmin, shots, signInThroughForm, useLinliInChromium } from "../harness.js";
import type { RunningServer } from "../linli-server.js";

describe("a township administrator manages the staff of the township, and no one else", () => {
  const session = useLinliInChromium();
  let server: RunningServer;
  let page: Page;
  beforeAll(async () => {
    ({ server, page } = session);
    await createAccountAsAdmin(session, {
      username: "jiefang.admin",
      displayName: "解放街道管理员",
      roles: ["township_admin"],
      scope: { regions: ["430405001"], grids: [] },
    });
    await createAccountAsAdmin(session, {
      username: "neighbour.gm",
      displayName: "雁峰网格员",
      roles: ["grid_member"],
      scope: { regions: ["430406001001"], grids: [] },
    });
  });

  it("sees only the accounts inside the township", async () => {
    await createAccountAsAdmin(session, {
      username: "own.gm",
      displayName: "解放网格员",
      roles: ["grid_member"],
      scope: { regions: ["430405001001"], grids: [] },
    });
    const admin = await createAccountAsAdmin(session, {
      username: "jiefang.boss",
      displayName: "解放街道主任",
      roles: ["township_admin"],
      scope: { regions: ["430405001"], grids: [] },
    });
    await page.goto(`${server.url}/users`);
    await signInThroughForm(page, "jiefang.boss", admin);
    await page.getByRole("cell", { name: "own.gm", exact: true }).waitFor();
    const usernames = await page.locator("tbody tr.ant-table-row td:first-child").allTextContents();
    expect(usernames.sort()).toEqual(["jiefang.admin", "jiefang.boss", "own.gm"]);
    // A peer administrator is listed but cannot be changed; staff can.
    expect(
      await page
        .getByRole("row", { name: /jiefang\.admin/ })
        .getByRole("button")
        .count(),
    ).toBe(0);
    expect(
      await page
        .getByRole("row", { name: /own\.gm/ })
        .getByRole("button", { name: "编辑范围" })
        .count(),
    ).toBe(1);
  });

  it("creates a grid member in one grid of the township, and is refused a scope beyond its own", async () => {
    await page.getByRole("button", { name: "新建账号" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("用户名").fill("zhou.gm");
    await dialog.getByLabel("姓名").fill("周网格员");
    // The township's own scope is offered; a wider one is refused beside the field.
    expect(await dialog.locator(".ant-select-selection-item").allTextContents()).toContain("430405001");
    await dialog.getByLabel("区域").fill("4304");
    await dialog.getByLabel("区域").press("Enter");
    await dialog.getByLabel("角色").click();
    await page.locator(".ant-select-item-option[title='网格员']").click();
    // Only the roles below a township administrator are offered.
    expect(await page.locator(".ant-select-item-option[title='区县管理员']").count()).toBe(0);
    await dialog.getByLabel("姓名").click();
    await dialog.getByRole("button", { name: "保存" }).click();
    await dialog.locator(".ant-form-item-explain-error").getByText("超出您自己的管辖范围", { exact: false }).waitFor();

    // Backspace removes the region tags, leaving only the grid below.
    await dialog.getByLabel("区域").press("Backspace");
    await dialog.getByLabel("区域").press("Backspace");
    await dialog.getByLabel("网格", { exact: true }).fill("430405001001003");
    await dialog.getByLabel("网格", { exact: true }).press("Enter");
    await dialog.getByRole("button", { name: "保存" }).click();
    await page.getByRole("button", { name: "我已记下" }).click();
    const row = page.getByRole("row", { name: /zhou\.gm/ });
    await row.getByText("网格 430405001001003").waitFor();
    await page.getByRole("dialog", { name: "一次性密码" }).waitFor({ state: "hidden" });
    await page.screenshot({ path: `${shots}/users-township.png` });
  });
});
