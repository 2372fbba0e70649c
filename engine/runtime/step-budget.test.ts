import { performance } from "node:perf_hooks";
import { describe, expect, it } from "vitest";
import { chargeNode, isStepBudgetExceeded, metered, type StepBudgetExceeded } from "./step-budget";

const caught = (run: () => void) => {
  try {
    run();
  } catch (error) {
    return error;
  }
  return null;
};

describe("step budget", () => {
  it("lets a step enter as many nodes as its budget allows, and throws on the next", () => {
    expect(metered({ ms: 1_000, nodes: 3 }, () => ["a", "b", "c"].forEach(chargeNode))).toBeUndefined();
    const error = caught(() => metered({ ms: 1_000, nodes: 3 }, () => ["a", "b", "c", "d"].forEach(chargeNode)));
    expect(isStepBudgetExceeded(error)).toBe(true);
    expect((error as StepBudgetExceeded).stop).toEqual({ reason: "budget", budget: "nodes", max: 3, nodeId: "d" });
  });

  it("throws at the first node entered after the time budget ran out", () => {
    const error = caught(() =>
      metered({ ms: 10, nodes: 1_000 }, () => {
        chargeNode("fast");
        const until = performance.now() + 15;
        while (performance.now() < until) {}
        chargeNode("slow");
      }),
    );
    expect((error as StepBudgetExceeded).stop).toEqual({ reason: "budget", budget: "time", max: 10, nodeId: "slow" });
    expect((error as Error).message).toBe("the step ran past 10 ms (at node slow)");
  });

  it("meters nothing outside a step, and restores the outer meter after a nested one", () => {
    expect(() => Array.from({ length: 50 }, (_, i) => chargeNode(`n${i}`))).not.toThrow();
    const error = caught(() =>
      metered({ ms: 1_000, nodes: 2 }, () => {
        metered({ ms: 1_000, nodes: 100 }, () => ["a", "b", "c"].forEach(chargeNode));
        ["x", "y", "z"].forEach(chargeNode);
      }),
    );
    expect((error as StepBudgetExceeded).stop.nodeId).toBe("z");
  });
});
