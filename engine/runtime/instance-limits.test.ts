import { describe, expect, it } from "vitest";
import { countStep, instanceLimitsSchema, LIMIT_WINDOW_MS, limitReached } from "./instance-limits";

const stepSending = (sends: number) => [{ kind: "timer.set" }, ...Array.from({ length: sends }, () => ({ kind: "message.send" }))];
const limits = instanceLimitsSchema.parse({});

describe("instance limits", () => {
  it("defaults to 1,000 steps and 100 messages a day, and 250 ms or 10,000 nodes a step", () => {
    expect(limits).toEqual({ stepsPerDay: 1_000, sendsPerDay: 100, stepMs: 250, nodesPerStep: 10_000 });
  });

  it("counts steps and sends within a day and starts a new window after it", () => {
    const first = countStep(undefined, stepSending(2), 1_000);
    expect(first).toEqual({ since: 1_000, steps: 1, sends: 2 });
    const later = countStep(first, stepSending(1), 1_000 + LIMIT_WINDOW_MS - 1);
    expect(later).toEqual({ since: 1_000, steps: 2, sends: 3 });
    expect(countStep(later, stepSending(0), 1_000 + LIMIT_WINDOW_MS)).toEqual({ since: 1_000 + LIMIT_WINDOW_MS, steps: 1, sends: 0 });
  });

  it("names the cap reached, sends first", () => {
    expect(limitReached({ since: 0, steps: 999, sends: 99 }, limits)).toBeNull();
    expect(limitReached({ since: 0, steps: 1_000, sends: 100 }, limits)).toEqual({ reason: "limit", limit: "sends", max: 100, windowHours: 24 });
    expect(limitReached({ since: 0, steps: 1_000, sends: 3 }, limits)).toMatchObject({ limit: "steps", max: 1_000 });
  });
});
