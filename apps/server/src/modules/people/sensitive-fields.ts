import { blindIndex } from "../../platform/privacy/field-cipher.js";
import type { PrivacyKeys } from "../../platform/privacy/keys.js";
import { maskIdNumber, maskMobile } from "../../platform/privacy/masking.js";

export type SensitiveField = "id_number" | "phone";

/** A sensitive value as the database keeps it: sealed, its blind index, and its masked form. */
export interface Protected {
  sealed: string;
  index: string;
  masked: string;
}

const masks: Record<SensitiveField, (value: string) => string> = { id_number: maskIdNumber, phone: maskMobile };

/** Seals, indexes and masks the residents' ID and phone numbers; opens them for a granted reveal. */
export class SensitiveFields {
  constructor(private readonly keys: PrivacyKeys) {}

  protect(field: SensitiveField, value: string): Protected {
    return { sealed: this.seal(field, value), index: this.indexOf(field, value), masked: masks[field](value) };
  }

  seal(field: SensitiveField, value: string): string {
    return this.keys.cipher.seal(value, `residents.${field}`);
  }

  open(field: SensitiveField, sealed: string): string {
    return this.keys.cipher.open(sealed, `residents.${field}`);
  }

  /** The keyed hash of a value (an exact lookup, or a code derived from an id: `case_tracking`). */
  indexOf(field: SensitiveField | "case_tracking", value: string): string {
    return blindIndex(this.keys.blindIndexKey, field, value);
  }

  mask(field: SensitiveField, value: string): string {
    return masks[field](value);
  }

  /** True when the value was sealed with a retired key (`npm run keys:reseal` re-seals it). */
  isStale(sealed: string): boolean {
    return this.keys.cipher.isStale(sealed);
  }

  /** The prefix of values sealed with the current key: anything else is stale. */
  get currentPrefix(): string {
    return `f1.${this.keys.cipher.currentKeyId}.`;
  }

  reseal(field: SensitiveField, sealed: string): string {
    return this.keys.cipher.reseal(sealed, `residents.${field}`);
  }
}
