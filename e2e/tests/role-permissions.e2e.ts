import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { createAccountAsAdmin, shots, signInThroughForm, useLinliInChromium } from "../harness.js";
import type { RunningServer } from "../linli-server.js";

describe("the security administrator edits what a role grants", () => {
  const session = useLinliInChromium();
  let server: RunningServer;
  let page: Page;
  beforeAll(() => {
    ({ server, page } = session);
  });

  it("grants grid leaders 'view accounts' with one tick, and cannot untick a locked grant", async () => {
    const password = await createAccountAsAdmin(session, {
      username: "anquan",
      displayName: "安全员",
      roles: ["security_admin"],
    });

    await page.goto(`${server.url}/permissions`);
    await signInThroughForm(page, "anquan", password);
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
