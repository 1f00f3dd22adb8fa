import { createHash } from "node:crypto";
import { fileTypeFromBuffer } from "file-type";
import type { FileStore } from "./file-store.js";

/** A file put in the store: what its bytes are, and where they lie. */
export interface StoredFile {
  contentType: string;
  byteSize: number;
  sha256: string;
  storageKey: string;
}

/**
 * Puts bytes in the store under `<prefix>/<YYYY-MM>/<id>.<ext>` if their content (never the name
 * or the declared type) is one of `allowed`; undefined, and nothing stored, otherwise. The caller
 * writes its record after: bytes without a record are only unused space, a record without bytes
 * a broken link.
 */
export async function storeChecked(
  store: FileStore,
  bytes: Buffer,
  { id, prefix, allowed }: { id: string; prefix: string; allowed: ReadonlySet<string> },
): Promise<StoredFile | undefined> {
  const detected = await fileTypeFromBuffer(bytes);
  if (!detected || !allowed.has(detected.mime)) return undefined;
  const storageKey = `${prefix}/${new Date().toISOString().slice(0, 7)}/${id}.${detected.ext}`;
  await store.put(storageKey, bytes);
  return {
    contentType: detected.mime,
    byteSize: bytes.length,
    sha256: createHash("sha256").update(bytes).digest("hex"),
    storageKey,
  };
}
