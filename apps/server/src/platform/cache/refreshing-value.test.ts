import { describe, expect, it } from "vitest";
import { RefreshingValue } from "./refreshing-value.js";

describe("a value kept in memory", () => {
  it("is loaded once, rechecked after the interval, and reloaded only when its version changed", async () => {
    let now = 0;
    let version = "1";
    let loads = 0;
    let checks = 0;
    const value = new RefreshingValue(
      async () => `value ${++loads}`,
      async () => {
        checks += 1;
        return version;
      },
      5_000,
      () => now,
    );
    expect(await value.get()).toBe("value 1");
    expect(await value.get()).toBe("value 1");
    expect(checks).toBe(1);
    now = 6_000;
    expect(await value.get()).toBe("value 1");
    expect(checks).toBe(2);
    version = "2";
    expect(await value.get()).toBe("value 1");
    now = 12_000;
    expect(await value.get()).toBe("value 2");
    value.invalidate();
    expect(await value.get()).toBe("value 3");
  });

  it("answers concurrent first reads with one load", async () => {
    let loads = 0;
    const value = new RefreshingValue(
      async () => ++loads,
      async () => "v",
    );
    expect(await Promise.all([value.get(), value.get(), value.get()])).toEqual([1, 1, 1]);
  });
});
