import { describe, expect, it } from "vitest";
import { engineLimitsFromEnv } from "./engine-limits";

describe("engine limits from the environment", () => {
  it("keeps the engine's defaults for what is unset", () => {
    const limits = engineLimitsFromEnv({});
    expect(Object.values(limits.instanceLimits ?? {}).every((v) => v === undefined)).toBe(true);
    expect(limits.commits).toEqual({ maxPending: undefined, giveUpAfterMs: undefined });
  });

  it("reads each bound", () => {
    const limits = engineLimitsFromEnv({ OMNIFLOW_STEP_MS: "100", OMNIFLOW_COMMIT_QUEUE_MAX: "500", OMNIFLOW_OUTBOX_PER_HOST: "2" });
    expect(limits.instanceLimits).toMatchObject({ stepMs: 100 });
    expect(limits.commits).toMatchObject({ maxPending: 500 });
    expect(limits.outbox).toMatchObject({ perHost: 2 });
  });

  it("refuses a value that is not a positive whole number, naming the variable", () => {
    expect(() => engineLimitsFromEnv({ OMNIFLOW_OUTBOX_TOTAL: "lots" })).toThrow('OMNIFLOW_OUTBOX_TOTAL must be a positive whole number, not "lots"');
    expect(() => engineLimitsFromEnv({ OMNIFLOW_STEP_MS: "0" })).toThrow("OMNIFLOW_STEP_MS");
  });
});
