import { describe, expect, it } from "vitest";
import { createFailedSignIns } from "./failed-sign-ins";

describe("failed sign-ins", () => {
  it("hold an account at one address after max failures, until the oldest leaves the window", () => {
    let clock = 0;
    const limits = createFailedSignIns({ max: 3, windowMs: 60_000, now: () => clock });
    for (let i = 0; i < 3; i++) {
      expect(limits.retryAfter("Ann@Example.test", "10.0.0.1")).toBe(0);
      limits.failed("ann@example.test", "10.0.0.1");
      clock += 1000;
    }
    expect(limits.retryAfter("ann@example.test ", "10.0.0.1")).toBe(57);
    // Another address, or another account from the same address, is not held.
    expect(limits.retryAfter("ann@example.test", "10.0.0.2")).toBe(0);
    expect(limits.retryAfter("bob@example.test", "10.0.0.1")).toBe(0);
    clock = 60_001;
    expect(limits.retryAfter("ann@example.test", "10.0.0.1")).toBe(0);
  });

  it("are cleared by a success, and successes are never counted", () => {
    const limits = createFailedSignIns({ max: 2, windowMs: 60_000, now: () => 0 });
    limits.failed("ann@example.test", null);
    limits.succeeded("ann@example.test", null);
    limits.failed("ann@example.test", null);
    expect(limits.retryAfter("ann@example.test", null)).toBe(0);
    for (let i = 0; i < 50; i++) limits.succeeded("ann@example.test", null);
    expect(limits.retryAfter("ann@example.test", null)).toBe(0);
  });

  it("keep a bounded number of accounts: the oldest are forgotten first", () => {
    const limits = createFailedSignIns({ max: 1, windowMs: 60_000, now: () => 0 });
    limits.failed("first@example.test", "10.0.0.1");
    for (let i = 0; i < 10_000; i++) limits.failed(`sprayed-${i}@example.test`, "10.0.0.9");
    expect(limits.retryAfter("first@example.test", "10.0.0.1")).toBe(0);
    expect(limits.retryAfter("sprayed-9999@example.test", "10.0.0.9")).toBeGreaterThan(0);
  });
});
