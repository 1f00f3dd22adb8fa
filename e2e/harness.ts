import { mkdirSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";
import { launchChromium } from "./chromium.js";
import { type RunningServer, startLinli } from "./linli-server.js";

export const shots = ".test-results/e2e";

export interface Session {
  server: RunningServer;
  page: Page;
}

/**
 * One fresh Linli (new data directory, first administrator) and one Chromium page per test file;
 * the server must stop cleanly (exit 0) when the file is done.
 */
export function useLinliInChromium(): Session {
  const session = {} as Session;
  let browser: Browser | undefined;
  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    session.server = await startLinli();
    browser = await launchChromium();
    session.page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    session.page.setDefaultTimeout(15_000);
  });
  afterAll(async () => {
    await browser?.close();
    expect(await session.server?.stop()).toBe(0);
  });
  return session;
}

/** Signs in through the login form and waits for the shell. */
export async function signInThroughForm(page: Page, username: string, password: string) {
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: "登录" }).click();
  await page.getByTestId("current-user").waitFor();
}

/** The first administrator creates an account through the API; returns its one-time password. */
export async function createAccountAsAdmin(
  { server, page }: Session,
  account: { username: string; displayName: string; roles: string[]; scope?: { regions: string[]; grids: string[] } },
) {
  await page.request.post(`${server.url}/api/auth/login`, { data: server.admin });
  const csrf = (await page.context().cookies()).find((cookie) => cookie.name === "linli_csrf")?.value ?? "";
  const created = await page.request.post(`${server.url}/api/users`, { data: account, headers: { "x-csrf-token": csrf } });
  expect(created.status()).toBe(201);
  await page.request.post(`${server.url}/api/auth/logout`);
  return ((await created.json()) as { password: string }).password;
}
