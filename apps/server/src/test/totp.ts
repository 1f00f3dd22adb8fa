import { generate } from "otplib";

/**
 * Authenticator apps of the test accounts: the secret of each username, and the last time step
 * used, because the server accepts a code once. The next code comes from the next step the
 * server still accepts (it allows one step of drift), waiting for the clock only when both are spent.
 */
const apps = new Map<string, { secret: string; lastStep: number }>();

export function rememberTotpSecret(username: string, secret: string | null): void {
  if (secret) apps.set(username, { secret, lastStep: 0 });
  else apps.delete(username);
}

export function hasTotp(username: string): boolean {
  return apps.has(username);
}

/** The next unused code of the account's authenticator. */
export async function nextTotpCode(username: string, now: () => number = Date.now): Promise<string> {
  const app = apps.get(username);
  if (!app) throw new Error(`${username} has no authenticator`);
  for (;;) {
    const current = Math.floor(now() / 30_000);
    const step = Math.max(current, app.lastStep + 1);
    if (step <= current + 1) {
      app.lastStep = step;
      return generate({ secret: app.secret, epoch: step * 30 });
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}
