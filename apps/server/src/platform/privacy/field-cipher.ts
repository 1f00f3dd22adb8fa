import { createCipheriv, createDecipheriv, createHmac, randomBytes } from "node:crypto";

/**
 * Keys for sensitive fields, kept outside the database (an environment variable or a file):
 * lines or comma-separated entries `id:base64-of-32-bytes`. The first is current — new values
 * are sealed with it — the others still open older values until they are re-sealed (rotation).
 */
export interface FieldKeys {
  current: string;
  keys: Map<string, Buffer>;
}

export function parseFieldKeys(text: string): FieldKeys {
  const entries = text
    .split(/[\n,]/)
    .map((entry) => entry.trim())
    .filter((entry) => entry && !entry.startsWith("#"));
  const keys = new Map<string, Buffer>();
  for (const entry of entries) {
    const match = /^([A-Za-z0-9_-]{1,32}):([A-Za-z0-9+/=_-]+)$/.exec(entry);
    const key = match?.[2] ? Buffer.from(match[2], "base64") : undefined;
    // The key itself never appears in the message: only which entry is wrong.
    if (!match?.[1] || key?.length !== 32) throw new Error(`field key entry ${keys.size + 1} is not "id:<32 bytes in base64>"`);
    if (keys.has(match[1])) throw new Error(`field key id ${match[1]} appears twice`);
    keys.set(match[1], key);
  }
  const current = keys.keys().next().value;
  if (!current) throw new Error("no field key is configured");
  return { current, keys };
}

const version = "f1";

/**
 * AES-256-GCM per field value: `f1.<key id>.<iv>.<ciphertext+tag>` (base64url), with the field's
 * name as associated data, so a value copied into another column does not open.
 */
export class FieldCipher {
  constructor(private readonly keys: FieldKeys) {}

  /** The id of the key new values are sealed with. */
  get currentKeyId(): string {
    return this.keys.current;
  }

  seal(plain: string, field: string): string {
    const key = this.keys.keys.get(this.keys.current);
    if (!key) throw new Error("the current field key is missing");
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", key, iv);
    cipher.setAAD(Buffer.from(field, "utf8"));
    const sealed = Buffer.concat([cipher.update(plain, "utf8"), cipher.final(), cipher.getAuthTag()]);
    return [version, this.keys.current, iv.toString("base64url"), sealed.toString("base64url")].join(".");
  }

  open(token: string, field: string): string {
    const [tokenVersion, keyId, iv, sealed] = token.split(".");
    const key = keyId ? this.keys.keys.get(keyId) : undefined;
    if (tokenVersion !== version || !key || !iv || !sealed) throw new Error("the sealed value is malformed or its key is gone");
    const bytes = Buffer.from(sealed, "base64url");
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(field, "utf8"));
    decipher.setAuthTag(bytes.subarray(bytes.length - 16));
    return Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - 16)), decipher.final()]).toString("utf8");
  }

  /** True when the value was sealed with an older key and should be re-sealed with the current one. */
  isStale(token: string): boolean {
    return token.split(".")[1] !== this.keys.current;
  }

  /** Opens with whichever key sealed it, seals again with the current key. */
  reseal(token: string, field: string): string {
    return this.isStale(token) ? this.seal(this.open(token, field), field) : token;
  }
}

/**
 * A keyed hash for exact lookup of a sealed field (the blind index): HMAC-SHA256 under a key of
 * its own, with the field's name mixed in, so equal ID numbers match and nothing else can be read
 * from it. Values are normalised by the caller (the contracts' schemas) before they get here.
 */
export function blindIndex(key: Buffer, field: string, value: string): string {
  return createHmac("sha256", key).update(`${field}\u0000${value}`, "utf8").digest("base64url");
}
