import { describe, expect, it } from "vitest";
import { createRateLimiter } from "./rate-limit";

describe("rate limiter", () => {
  it("allows `max` hits per window per key, then says how long to wait", () => {
    let now = 1_000_000;
    const limiter = createRateLimiter({ max: 3, windowMs: 60_000 }, () => now);
    expect([1, 2, 3].map(() => limiter.hit("1.2.3.4"))).toEqual([null, null, null]);
    expect(limiter.hit("1.2.3.4")).toBe(60);
    expect(limiter.hit("5.6.7.8")).toBeNull(); // another address has its own window
    now += 45_500;
    expect(limiter.hit("1.2.3.4")).toBe(15);
    now += 14_500;
    expect(limiter.hit("1.2.3.4")).toBeNull();
  });

  it("tracks a bounded number of keys, forgetting the oldest", () => {
    const limiter = createRateLimiter({ max: 1, windowMs: 60_000 }, () => 0, 3);
    for (const key of ["a", "b", "c", "d"]) expect(limiter.hit(key)).toBeNull();
    expect(limiter.hit("d")).toBe(60);
    expect(limiter.hit("a")).toBeNull(); // forgotten: a fresh window
  });
});
