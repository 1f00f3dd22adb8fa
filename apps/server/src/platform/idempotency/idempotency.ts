import { createHash } from "node:crypto";
import type { Database } from "../../db/client.js";
import { uniqueViolationTable } from "../../db/errors.js";
import type { BoundStatement } from "../../db/prepared.js";
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
 * The claim of the key, naming the record `id` about to be created, as a statement of the transaction
 * that creates it (`inOneTrip`): both are committed or neither. A key already taken fails the
 * claim and with it the whole write, so nothing is written twice; `replayOf` then tells what to
 * answer.
 */
export function claimOf(idempotency: IdempotencyRequest, id: string): BoundStatement<void> {
  const { owner, key } = idempotency;
  return IdempotencyRepository.claim({ owner, key, requestHash: requestHashOf(idempotency), resultId: id });
}

/**
 * After a write that `claimOf` guarded failed with `error`: the first record's id when the key
 * was taken by the same request (a retry: answer with the first record), a 422 naming the header
 * when by another; undefined when the error is not about the key.
 */
export async function replayOf(db: Database, idempotency: IdempotencyRequest, error: unknown): Promise<string | undefined> {
  if (uniqueViolationTable(error) !== "idempotency_keys") return undefined;
  const first = await new IdempotencyRepository(db).find(idempotency.owner, idempotency.key);
  if (!first || first.requestHash !== requestHashOf(idempotency) || !first.resultId)
    throw new AppError("idempotency_key_reused", 422, [{ in: "header", field: "idempotency-key", code: "key_reused" }]);
  return first.resultId;
}

const requestHashOf = (idempotency: IdempotencyRequest) =>
  createHash("sha256").update(JSON.stringify(idempotency.request)).digest("hex");

/** How long a key is remembered: a client retrying later than this gets a new record. */
export const idempotencyKeyDays = 7;

/** Forgets keys older than `idempotencyKeyDays`; idempotent, so every instance may run it. */
export async function forgetOldIdempotencyKeys(db: Database): Promise<number> {
  return new IdempotencyRepository(db).forgetOlderThan(idempotencyKeyDays);
}
