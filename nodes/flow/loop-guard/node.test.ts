import { describe, expect, it } from "vitest";
import type { FlowDocument } from "../../../engine/contracts/flow";
import { startFlow } from "../../../engine/testing/flow-harness";
import { compileFlow, NODE_ID, nodeIssues, portsOf, runNode, TRIGGER_ID } from "../../../engine/testing/run-node";

const TYPE = "flow.loop-guard";
const at = { x: 0, y: 0 };

/** trigger → guard → say → wait → back to guard; the guard's Exceeded ends the flow. */
function loop(maxIterations: number): FlowDocument {
  return {
    nodes: [
      { id: "t", type: "trigger.message-received", position: at, settings: {} },
      { id: "guard", type: TYPE, position: at, settings: { maxIterations } },
      { id: "say", type: "message.send", position: at, settings: { text: "Anything else?" } },
      { id: "wait", type: "message.wait-reply", position: at, settings: { timeoutSeconds: 0 } },
      { id: "end", type: "flow.end", position: at, settings: { outcome: "too-many-rounds" } },
    ],
    edges: [
      { id: "1", source: "t", sourcePort: "out", target: "guard" },
      { id: "2", source: "guard", sourcePort: "continue", target: "say" },
      { id: "3", source: "say", sourcePort: "out", target: "wait" },
      { id: "4", source: "wait", sourcePort: "reply", target: "guard" },
      { id: "5", source: "guard", sourcePort: "exceeded", target: "end" },
    ],
  };
}

describe("flow.loop-guard", () => {
  it("has Continue and Exceeded outputs", () => {
    expect(portsOf(TYPE, {})).toEqual(["continue", "exceeded"]);
  });

  it("lets the first pass through `continue` and counts it, with no effects", () => {
    const run = runNode(TYPE, { maxIterations: 1 });
    expect(run.port).toBe("continue");
    expect(run.trail).toEqual([TRIGGER_ID, NODE_ID, "sink-1"]);
    expect(run.effects).toEqual([]);
    expect(run.state.context.counters).toEqual({ [NODE_ID]: 1 });
  });

  it("lets a waiting loop round N times, then leaves through `exceeded`", () => {
    const run = startFlow(loop(3), "hi");
    expect(run.trail).toEqual(["t", "guard", "say", "wait"]);
    run.reply("one more");
    run.reply("and another");
    expect(run.status).toBe("waiting");
    expect(run.state.context.counters).toEqual({ guard: 3 });
    const last = run.reply("again");
    expect(last.trail).toEqual(["guard", "end"]);
    expect(run).toMatchObject({ status: "completed", outcome: "too-many-rounds" });
    expect(run.effects.filter((e) => e.kind === "message.send")).toHaveLength(3);
  });

  it("keeps its count in the stored snapshot, so a restart does not reset it", () => {
    const run = startFlow(loop(1), "hi");
    expect(JSON.parse(JSON.stringify(run.state)).context.counters).toEqual({ guard: 1 });
    expect(run.reply("again").trail).toEqual(["guard", "end"]);
  });

  it("counts per node: two guards in one instance do not share a count", () => {
    const doc = loop(2);
    doc.nodes.splice(2, 0, { id: "inner", type: TYPE, position: at, settings: { maxIterations: 5 } });
    doc.edges[1] = { id: "2", source: "guard", sourcePort: "continue", target: "inner" };
    doc.edges.push({ id: "6", source: "inner", sourcePort: "continue", target: "say" }, { id: "7", source: "inner", sourcePort: "exceeded", target: "end" });
    const run = startFlow(doc, "hi");
    run.reply("again");
    expect(run.state.context.counters).toEqual({ guard: 2, inner: 2 });
  });

  it("is deterministic: the same replies give the same states", () => {
    const play = () => {
      const run = startFlow(loop(2), "hi");
      run.reply("a");
      return run.steps.map((s) => ({ trail: s.trail, effects: s.effects, value: s.state.value, counters: s.state.context.counters }));
    };
    expect(play()).toEqual(play());
  });

  it("does not make a loop without a waiting step publishable: the cycle check still refuses it", () => {
    const doc = loop(3);
    doc.nodes[3] = { id: "wait", type: "message.send", position: at, settings: { text: "again" } };
    doc.edges[3] = { id: "4", source: "wait", sourcePort: "out", target: "guard" };
    const result = compileFlow(doc);
    expect(result.ok).toBe(false);
    expect(result.issues.map((i) => i.code)).toContain("cycle-without-wait");
  });

  it("rejects 0 and more than 1000 passes, pinned to maxIterations", () => {
    expect(nodeIssues(TYPE, { maxIterations: 0 })).toMatchObject([{ code: "invalid-settings", nodeId: NODE_ID, field: "maxIterations" }]);
    expect(nodeIssues(TYPE, { maxIterations: 1001 })).toMatchObject([{ code: "invalid-settings", nodeId: NODE_ID, field: "maxIterations" }]);
  });
});
