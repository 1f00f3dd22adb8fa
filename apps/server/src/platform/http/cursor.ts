import { AppError } from "../errors/app-error.js";

/** Encodes a keyset position as an opaque URL-safe cursor. */
export function encodeCursor(position: Record<string, string>): string {
  return Buffer.from(JSON.stringify(position), "utf8").toString("base64url");
}

/** Decodes a cursor made by `encodeCursor`; anything else is a 400 naming `cursor`. */
export function decodeCursor<K extends string>(cursor: string, keys: readonly K[]): Record<K, string> {
  try {
    const value = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown;
    if (value && typeof value === "object" && keys.every((key) => typeof (value as Record<string, unknown>)[key] === "string")) {
      return value as Record<K, string>;
    }
  } catch {
    // fall through to the 400 below
  }
  throw new AppError("validation_failed", 400, [{ in: "query", field: "cursor", code: "malformed" }]);
}
