import { createHash } from "node:crypto";
import type { Database } from "../../db/client.js";
import { AppError } from "../errors/app-error.js";
import { IdempotencyRepository } from "./idempotency.repository.js";

/** An `Idempotency-Key` as a request sent it, with whom it belongs to and what was asked. */
export interface IdempotencyRequest {
  /** The caller's user id, or the API client's, or `public` for anonymous intake. */
  owner: string;
  key: string;
  /** Anything that tells one request from another under the same key (the body, as JSON). */
  request: unknown;
}

const keyPattern = /^[\w.:-]{8,128}$/;

/** The `Idempotency-Key` header, checked: 8–128 letters, digits and `_.:-` (a UUID fits). */
export function idempotencyKeyOf(headers: Record<string, string | string[] | undefined>): string | undefined {
  const value = headers["idempotency-key"];
  if (value === undefined) return undefined;
  if (typeof value !== "string" || !keyPattern.test(value))
    throw new AppError("validation_failed", 400, [{ in: "header", field: "idempotency-key", code: "invalid" }]);
  return value;
}

/**
 * Runs a creating write at most once per key, inside the caller's transaction `tx`: the key is
 * claimed, naming the record `id` about to be created, in the same transaction as the record, so
 * either both are committed or neither. A repeat returns the first record's id (`replayed`); the
 * same key with a different request is a 422 naming the header.
 */
export async function once(
  tx: Database,
  idempotency: IdempotencyRequest | undefined,
  id: string,
  create: () => Promise<void>,
): Promise<{ id: string; replayed: boolean }> {
  if (idempotency) {
    const { owner, key } = idempotency;
    const requestHash = createHash("sha256").update(JSON.stringify(idempotency.request)).digest("hex");
    const repository = new IdempotencyRepository(tx);
    if (!(await repository.claim(owner, key, requestHash, id))) {
      const first = await repository.find(owner, key);
      if (!first || first.requestHash !== requestHash || !first.resultId)
        throw new AppError("idempotency_key_reused", 422, [{ in: "header", field: "idempotency-key", code: "key_reused" }]);
      return { id: first.resultId, replayed: true };
    }
  }
  await create();
  return { id, replayed: false };
}

/** How long a key is remembered: a client retrying later than this gets a new record. */
export const idempotencyKeyDays = 7;

/** Forgets keys older than `idempotencyKeyDays`; idempotent, so every instance may run it. */
export async function forgetOldIdempotencyKeys(db: Database): Promise<number> {
  return new IdempotencyRepository(db).forgetOlderThan(idempotencyKeyDays);
}
