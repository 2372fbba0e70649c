import { describe, expect, it } from "vitest";
import type { FlowDocument } from "../../../engine/contracts/flow";
import { timerFired } from "../../../engine/testing/flow-harness";
import { NODE_ID, nodeIssues, portsOf, runNode, simulateFlow, TRIGGER_ID } from "../../../engine/testing/run-node";
import { delayNode } from "./spec";

const TYPE = "timer.delay";

/** trigger → delay → send → end, for the simulator. */
function delayedReply(amount: number, unit: string): FlowDocument {
  const at = { x: 0, y: 0 };
  return {
    nodes: [
      { id: "t", type: "trigger.message-received", position: at, settings: {} },
      { id: "wait", type: TYPE, position: at, settings: { amount, unit } },
      { id: "say", type: "message.send", position: at, settings: { text: "Still there, {{customer.name}}?" } },
      { id: "end", type: "flow.end", position: at, settings: { outcome: "followed-up" } },
    ],
    edges: [
      { id: "1", source: "t", sourcePort: "out", target: "wait" },
      { id: "2", source: "wait", sourcePort: "out", target: "say" },
      { id: "3", source: "say", sourcePort: "out", target: "end" },
    ],
  };
}

describe("timer.delay", () => {
  it.each([
    [15, "minutes", 15 * 60_000],
    [2, "hours", 2 * 3_600_000],
    [90, "days", 90 * 86_400_000],
  ])("parks the instance on one durable timer of %d %s", (amount, unit, delayMs) => {
    const run = runNode(TYPE, { amount, unit });
    expect(run.status).toBe("waiting");
    expect(run.port).toBeNull();
    expect(run.state.value).toBe(`n_${NODE_ID}`);
    expect(run.trail).toEqual([TRIGGER_ID, NODE_ID]);
    expect(run.effects).toEqual([{ kind: "timer.set", key: "inst-1:1", nodeId: NODE_ID, delayMs }]);
    expect(run.state.context.waits).toEqual({ [NODE_ID]: "inst-1:1" });
  });

  it("continues on `out` when its own timer fires, and unparks", () => {
    const run = runNode(TYPE, { amount: 1, unit: "hours" });
    const step = run.fireTimer("inst-1:1");
    expect(run.port).toBe("out");
    expect(run.status).toBe("completed");
    expect(step).toMatchObject({ trail: ["sink-1"], effects: [] });
    expect(run.state.context.waits).toEqual({});
  });

  it("ignores another node's timer and customer messages while it waits", () => {
    const run = runNode(TYPE, { amount: 1, unit: "hours" });
    expect(run.send(timerFired("someone-else:3", NODE_ID))).toMatchObject({ status: "waiting", trail: [], effects: [] });
    expect(run.reply("hello?")).toMatchObject({ status: "waiting", trail: [], effects: [] });
    expect(run.state.value).toBe(`n_${NODE_ID}`);
    run.fireTimer("inst-1:1");
    expect(run.port).toBe("out");
  });

  it("fast-forwards in the simulator: nothing before the delay, the follow-up after it", () => {
    const early = simulateFlow(delayedReply(2, "hours"), [
      { do: "message", text: "hi" },
      { do: "wait", seconds: 7199 },
    ]);
    expect(early).toMatchObject({ ok: true, status: "waiting", sent: [] });
    const late = simulateFlow(delayedReply(2, "hours"), [
      { do: "message", text: "hi" },
      { do: "wait", seconds: 7200 },
    ]);
    expect(late).toMatchObject({ status: "completed", outcome: "followed-up", sent: ["Still there, Test customer?"] });
    const fired = late.steps.at(-1)!;
    expect(fired.event).toMatchObject({ type: "timer.fired", timerId: "sim:1", nodeId: "wait" });
    expect(fired.at - late.steps[0].at).toBe(2 * 3_600_000);
  });

  it("is deterministic: the same document and events give the same effects", () => {
    const a = simulateFlow(delayedReply(3, "days"), [
      { do: "message", text: "hi" },
      { do: "wait", seconds: 3 * 86400 },
    ]);
    const b = simulateFlow(delayedReply(3, "days"), [
      { do: "message", text: "hi" },
      { do: "wait", seconds: 3 * 86400 },
    ]);
    expect(JSON.stringify(a.steps)).toBe(JSON.stringify(b.steps));
  });

  it("has one output and a readable summary", () => {
    expect(portsOf(TYPE, {})).toEqual(["out"]);
    expect(delayNode.summary(delayNode.settings.parse({}))).toBe("Wait 15 minutes");
    expect(delayNode.summary(delayNode.settings.parse({ amount: 1, unit: "days" }))).toBe("Wait 1 day");
  });

  it("rejects a delay over 90 days, zero and fractions, pinned to amount", () => {
    expect(nodeIssues(TYPE, { amount: 91, unit: "days" })).toMatchObject([{ code: "invalid-settings", nodeId: NODE_ID, field: "amount" }]);
    expect(nodeIssues(TYPE, { amount: 2161, unit: "hours" })).toMatchObject([{ code: "invalid-settings", nodeId: NODE_ID, field: "amount" }]);
    expect(nodeIssues(TYPE, { amount: 0, unit: "minutes" })).toMatchObject([{ code: "invalid-settings", nodeId: NODE_ID, field: "amount" }]);
    expect(nodeIssues(TYPE, { amount: 1.5, unit: "hours" })).toMatchObject([{ code: "invalid-settings", nodeId: NODE_ID, field: "amount" }]);
    expect(nodeIssues(TYPE, { amount: 2160, unit: "hours" })).toEqual([]);
  });
});
