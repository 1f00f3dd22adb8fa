import { createHash } from "node:crypto";
import { uniformInt } from "pure-rand/distribution/uniformInt";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import { v7 as uuidv7 } from "uuid";

type RandomGenerator = ReturnType<typeof xoroshiro128plus>;

/**
 * A seeded random source for the city generator: the same seed gives the same city. Seeded per
 * community (`Random.of("431…", "people")`), so one community's rows never depend on which
 * others were generated before it, and a restarted run makes the same rows.
 */
export class Random {
  private readonly rng: RandomGenerator;

  constructor(seed: number) {
    this.rng = xoroshiro128plus(seed);
  }

  /** A source seeded by the text's SHA-256 (its first 32 bits). */
  static of(...parts: string[]): Random {
    return new Random(createHash("sha256").update(parts.join("\u0000")).digest().readInt32BE(0));
  }

  /** An integer from `from` to `to`, both included. */
  int(from: number, to: number): number {
    return uniformInt(this.rng, from, to);
  }

  /** True with probability `p` (to a millionth). */
  chance(p: number): boolean {
    return this.int(0, 999_999) < p * 1_000_000;
  }

  /** A number in [from, to) to two decimals. */
  decimal(from: number, to: number): number {
    return this.int(Math.round(from * 100), Math.round(to * 100) - 1) / 100;
  }

  /** A UUID v7 stamped `at`, like the ids the services make, its random bits from this source. */
  uuid(at: Date): string {
    const bytes = new Uint8Array(16);
    const view = new DataView(bytes.buffer);
    for (let offset = 0; offset < 16; offset += 4) view.setInt32(offset, this.rng.next());
    return uuidv7({ msecs: at.getTime(), random: bytes });
  }

  pick<T>(items: readonly T[]): T {
    const item = items[this.int(0, items.length - 1)];
    if (item === undefined) throw new Error("pick from an empty list");
    return item;
  }

  /** One of the items, by weight (`[item, weight]` pairs). */
  weighted<T>(choices: readonly (readonly [T, number])[]): T {
    const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
    let roll = this.int(0, Math.round(total * 1000) - 1) / 1000;
    for (const [item, weight] of choices) {
      if (roll < weight) return item;
      roll -= weight;
    }
    const last = choices.at(-1);
    if (!last) throw new Error("weighted pick from an empty list");
    return last[0];
  }
}
