import { mkdirSync } from "node:fs";
import { type APIRequestContext, type APIResponse, type Browser, type Page, request } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";
import { hasTotp, nextTotpCode, rememberTotpSecret } from "../apps/server/src/test/totp.js";
import { launchChromium } from "./chromium.js";
import { type RunningServer, startLinli } from "./linli-server.js";

export const shots = ".test-results/e2e";

export interface Session {
  server: RunningServer;
  page: Page;
  adminApi?: ApiSession;
}

/**
 * One fresh Linli (new data directory, first administrator) and one Chromium page per test file;
 * the server must stop cleanly (exit 0) when the file is done.
 */
export function useLinliInChromium(options: { importRegionsOf?: string; env?: Record<string, string> } = {}): Session {
  const session = {} as Session;
  let browser: Browser | undefined;
  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    session.server = await startLinli(options.env ?? {}, options);
    browser = await launchChromium();
    session.page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    // Generous: the first page of a file loads the app cold on a shared 2-core machine.
    session.page.setDefaultTimeout(30_000);
  });
  afterAll(async () => {
    await session.adminApi?.api.dispose();
    await browser?.close();
    expect(await session.server?.stop()).toBe(0);
  });
  return session;
}

/** A password of the holder's own choosing (not containing any test username). */
export const chosenPassword = (_username: string) => "衡阳-回雁峰-2026";

/**
 * Signs in through the login form and waits for the shell, taking the steps a first sign-in
 * asks for as the account's holder would: replacing an issued password (unless
 * `keepIssuedPassword`, for a test that does it by hand), enrolling an authenticator, or
 * entering its next code. Returns the password in effect afterwards.
 */
export async function signInThroughForm(
  page: Page,
  username: string,
  password: string,
  { keepIssuedPassword = false } = {},
): Promise<string> {
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: "登录" }).click();
  const shell = page.getByTestId("current-user");
  const passwordChange = page.getByTestId("password-change-required");
  const enrolment = page.getByTestId("totp-secret");
  const loginButton = page.getByRole("button", { name: "登录", exact: true });
  const codePrompt = page.getByLabel("动态验证码");
  let current = password;
  // Each step replaces the page; between two, the old one may linger for a moment.
  for (let step = 0; step < 40; step++) {
    await shell.or(passwordChange).or(enrolment).or(codePrompt).first().waitFor();
    if (await shell.isVisible()) return current;
    if (await passwordChange.isVisible()) {
      if (keepIssuedPassword) return current;
      current = await changePasswordOnPage(page, current, chosenPassword(username));
      await passwordChange.waitFor({ state: "hidden" });
    } else if (await enrolment.isVisible()) {
      await enrolThroughPage(page, username);
    } else if ((await codePrompt.isVisible()) && (await loginButton.isVisible())) {
      await codePrompt.fill(await nextTotpCode(username));
      await loginButton.click();
      await codePrompt.waitFor({ state: "hidden" });
    } else {
      await page.waitForTimeout(250);
    }
  }
  await shell.waitFor();
  return current;
}

/** Fills the change-password form and waits for it to be accepted. */
export async function changePasswordOnPage(page: Page, current: string, next: string): Promise<string> {
  await page.getByLabel("当前密码").fill(current);
  await page.getByLabel("新密码", { exact: true }).fill(next);
  await page.getByLabel("确认新密码").fill(next);
  await page.getByRole("main").or(page.locator("form")).getByRole("button", { name: "修改密码" }).first().click();
  await page.getByText("密码已修改，其他设备上的登录已退出").waitFor();
  return next;
}

/** On the enrolment page: reads the key as a person would type it, confirms a code, keeps the recovery codes. */
export async function enrolThroughPage(page: Page, username: string): Promise<string[]> {
  const secret = ((await page.getByTestId("totp-secret").textContent()) ?? "").trim();
  rememberTotpSecret(username, secret);
  await page.getByLabel("动态验证码").fill(await nextTotpCode(username));
  await page.getByRole("button", { name: "确认绑定" }).click();
  await page.getByTestId("recovery-codes").waitFor();
  const codes = await page.getByTestId("recovery-codes").locator("code").allTextContents();
  await page.getByRole("button", { name: "我已保存恢复码，继续" }).click();
  await page.getByTestId("recovery-codes").waitFor({ state: "hidden" });
  return codes;
}

/** An API session of its own (not the page's), with the CSRF token its state changes carry. */
export interface ApiSession {
  api: APIRequestContext;
  csrf: string;
  post(path: string, data: object): Promise<APIResponse>;
}

/**
 * Signs `account` in through the API as its holder would the first time: replaces an issued
 * password with `chosenPassword` (updating `account.password`), enrols an authenticator when the
 * roles require one, or sends the next code. Signed in once per file: a TOTP code is accepted once.
 */
export async function apiSessionAs(url: string, account: { username: string; password: string }): Promise<ApiSession> {
  const api = await request.newContext({ baseURL: url });
  const totpCode = hasTotp(account.username) ? await nextTotpCode(account.username) : undefined;
  const login = await api.post("/api/auth/login", { data: { ...account, totpCode } });
  expect(login.status()).toBe(200);
  const csrf = (await api.storageState()).cookies.find((cookie) => cookie.name === "linli_csrf")?.value ?? "";
  const post = (path: string, data: object) => api.post(path, { data, headers: { "x-csrf-token": csrf } });
  const me = (await login.json()) as { twoFactor: { enabled: boolean; required: boolean }; mustChangePassword: boolean };
  if (me.mustChangePassword) {
    const next = chosenPassword(account.username);
    expect((await post("/api/me/password", { currentPassword: account.password, newPassword: next })).status()).toBe(204);
    account.password = next;
  }
  if (me.twoFactor.required && !me.twoFactor.enabled) {
    const { secret } = (await (await post("/api/me/two-factor/setup", {})).json()) as { secret: string };
    rememberTotpSecret(account.username, secret);
    expect((await post("/api/me/two-factor/confirm", { code: await nextTotpCode(account.username) })).status()).toBe(200);
  }
  return { api, csrf, post };
}

async function adminApi(session: Session): Promise<ApiSession> {
  session.adminApi ??= await apiSessionAs(session.server.url, session.server.admin);
  return session.adminApi;
}

/** The first administrator creates an account through the API; returns its one-time password. */
export async function createAccountAsAdmin(
  session: Session,
  account: { username: string; displayName: string; roles: string[]; scope?: { regions: string[]; grids: string[] } },
) {
  const created = await (await adminApi(session)).post("/api/users", account);
  expect(created.status()).toBe(201);
  return ((await created.json()) as { password: string }).password;
}
