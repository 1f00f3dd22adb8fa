import { createHash, randomBytes } from "node:crypto";
import { generateSecret, generateURI, verify } from "otplib";

/** Issuer shown in the authenticator app beside the username. */
const issuer = "Linli 邻里";

export function newTotpSecret(): string {
  return generateSecret();
}

export function otpauthUri(username: string, secret: string): string {
  return generateURI({ issuer, label: username, secret });
}

/**
 * The time step of `code` when it is valid at `now` (±30 s for clock drift) and later than
 * `lastStep`, so that a code is accepted once; otherwise null.
 */
export async function acceptedStep(secret: string, code: string, lastStep: number | null, now: Date): Promise<number | null> {
  const result = await verify({
    secret,
    token: code,
    epoch: Math.floor(now.getTime() / 1000),
    epochTolerance: 30,
    ...(lastStep === null ? {} : { afterTimeStep: lastStep }),
  });
  return result.valid && "timeStep" in result ? result.timeStep : null;
}

const base32 = "abcdefghijklmnopqrstuvwxyz234567";

/** Ten recovery codes such as `k3j7q-x2mfa` (50 random bits each). */
export function newRecoveryCodes(count = 10): string[] {
  return Array.from({ length: count }, () => {
    const chars = [...randomBytes(10)].map((byte) => base32[byte % 32]).join("");
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

/** Stored form of a recovery code: case and the hyphen do not matter to the person typing it. */
export function recoveryCodeHash(code: string): string {
  return createHash("sha256").update(code.toLowerCase().replace(/-/g, "")).digest("hex");
}
