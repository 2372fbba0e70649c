import { describe, expect, it } from "vitest";
import { T0 } from "../../../engine/testing/fake-clock";
import { runNode } from "../../../engine/testing/run-node";

const TYPE = "trigger.operator-started";

describe("trigger.operator-started", () => {
  it("starts when an operator starts it, with who and the note as variables", () => {
    const run = runNode(TYPE, {}, { type: "flow.started", at: T0, by: "op-7", note: "called about a refund" });
    expect(run.port).toBe("out");
    expect(run.state.context.vars).toEqual({ startedBy: "op-7", note: "called about a refund" });
  });

  it("is not started by customer messages", () => {
    expect(runNode(TYPE, {}, "hello").port).toBeNull();
  });
});
