import { describe, expect, it } from "vitest";
import { timerFired } from "../../../engine/testing/flow-harness";
import { NODE_ID, nodeIssues, portsOf, runNode, TRIGGER_ID } from "../../../engine/testing/run-node";

const TYPE = "message.wait-reply";

describe("message.wait-reply", () => {
  it("parks the instance on a durable timer of the configured length", () => {
    const run = runNode(TYPE, { timeoutSeconds: 60 });
    expect(run.status).toBe("waiting");
    expect(run.port).toBeNull();
    expect(run.state.value).toBe(`n_${NODE_ID}`);
    expect(run.trail).toEqual([TRIGGER_ID, NODE_ID]);
    expect(run.effects).toEqual([{ kind: "timer.set", key: "inst-1:1", nodeId: NODE_ID, delayMs: 60_000 }]);
    expect(run.state.context.waits).toEqual({ [NODE_ID]: "inst-1:1" });
  });

  it("continues on `reply` with the reply as the current message, cancelling its timer", () => {
    const run = runNode(TYPE, { timeoutSeconds: 60 }, "hello");
    const step = run.reply("yes please");
    expect(run.port).toBe("reply");
    expect(run.status).toBe("completed");
    expect(step.effects).toEqual([{ kind: "timer.cancel", key: "inst-1:2", nodeId: NODE_ID, timerId: "inst-1:1" }]);
    expect(run.state.context.message).toMatchObject({ text: "yes please" });
    expect(run.state.context.waits).toEqual({});
  });

  it("continues on `timeout` when its own timer fires", () => {
    const run = runNode(TYPE, { timeoutSeconds: 60 });
    const step = run.fireTimer("inst-1:1");
    expect(run.port).toBe("timeout");
    expect(run.status).toBe("completed");
    expect(step.trail).toEqual(["sink-2"]);
    expect(step.effects).toEqual([]);
  });

  it("ignores a timer that is not the one it is parked on", () => {
    const run = runNode(TYPE, { timeoutSeconds: 60 });
    const step = run.send(timerFired("someone-else:7", NODE_ID));
    expect(step).toMatchObject({ status: "waiting", trail: [], effects: [] });
    expect(run.state.value).toBe(`n_${NODE_ID}`);
    expect(run.port).toBeNull();
  });

  it("with timeout 0 waits forever: no timer, no Timeout output", () => {
    expect(portsOf(TYPE, { timeoutSeconds: 0 })).toEqual(["reply"]);
    const run = runNode(TYPE, { timeoutSeconds: 0 });
    expect(run.effects).toEqual([]);
    expect(run.send(timerFired("inst-1:1", NODE_ID))).toMatchObject({ status: "waiting", trail: [] });
    run.reply("later");
    expect(run.port).toBe("reply");
    expect(run.steps.at(-1)!.effects).toEqual([]); // nothing to cancel
  });

  it("rejects a fractional or over-long timeout, pinned to timeoutSeconds", () => {
    expect(nodeIssues(TYPE, { timeoutSeconds: 1.5 })).toMatchObject([{ code: "invalid-settings", nodeId: NODE_ID, field: "timeoutSeconds" }]);
    expect(nodeIssues(TYPE, { timeoutSeconds: 31 * 24 * 3600 })).toMatchObject([{ code: "invalid-settings", nodeId: NODE_ID, field: "timeoutSeconds" }]);
  });
});
