import { describe, expect, it } from "vitest";
import { startFlow } from "../../../engine/testing/flow-harness";
import { NODE_ID, nodeIssues, portsOf } from "../../../engine/testing/run-node";
import { operatorAndTimer, parallelFlow } from "../../../engine/testing/parallel-flows";
import { joinNode } from "./spec";

const TYPE = "flow.join";

describe("flow.join", () => {
  it("accepts its own examples", () => {
    for (const example of joinNode.examples!) expect(joinNode.settings.safeParse(example.settings).success).toBe(true);
  });

  it("has one output and waits for every branch by default", () => {
    expect(portsOf(TYPE, {})).toEqual(["out"]);
    expect(joinNode.settings.parse({})).toEqual({ mode: "all" });
    expect(joinNode.summary({ mode: "first" })).toBe("When the first branch is done; the others stop");
  });

  it("rejects an unknown mode, pinned to the mode field", () => {
    expect(nodeIssues(TYPE, { mode: "most" })).toMatchObject([{ code: "invalid-settings", nodeId: NODE_ID, field: "mode" }]);
  });

  it("refuses a Join no Run in parallel leads to", () => {
    expect(nodeIssues(TYPE, {})).toMatchObject([{ code: "join-without-parallel", nodeId: NODE_ID }]);
  });

  it("all: an empty branch is done at once; the Join waits for the others", () => {
    const run = startFlow(parallelFlow([[], [{ id: "w", type: "message.wait-reply", settings: { timeoutSeconds: 0 }, out: "reply" }]]), "hi");
    expect(run.state.value).toEqual({ n_par: { "branch-1": "joined", "branch-2": "n_w" } });
    expect(run.reply("here").trail).toEqual(["join", "after", "end"]);
  });

  describe("first", () => {
    it("continues when the first branch arrives and ignores the other branch's late task completion", () => {
      const run = startFlow(operatorAndTimer("first"), "call me");
      const task = run.effects[0].key;
      expect(run.fireTimer().trail).toEqual(["join", "after", "end"]);
      expect(run.status).toBe("completed");
      expect(run.state.context.waits).toEqual({});
      expect(run.completeTask("done", task)).toMatchObject({ trail: [], effects: [] });
    });

    it("stops the other branch when the task is done first, so its timer is stale when it fires", () => {
      const doc = operatorAndTimer("first");
      doc.edges = doc.edges.map((e) => (e.source === "after" ? { ...e, target: "hold" } : e));
      // After the Join the instance waits for a reply, so a late timer meets a live instance.
      doc.nodes.push({ id: "hold", type: "message.wait-reply", position: { x: 0, y: 0 }, settings: { timeoutSeconds: 0 } });
      doc.edges.push({ id: "hold-reply", source: "hold", sourcePort: "reply", target: "end" });
      const run = startFlow(doc, "call me");
      const timer = run.effects[2].key;
      expect(run.completeTask("done").trail).toEqual(["join", "after", "hold"]);
      expect(run.state.value).toBe("n_hold");
      expect(run.fireTimer(timer)).toMatchObject({ status: "waiting", trail: [], effects: [] });
      expect(run.reply("thanks").trail).toEqual(["end"]);
    });

    it("passes the Join once when every branch arrives in the same step", () => {
      const send = (id: string) => ({ id, type: "message.send", settings: { text: id } });
      const run = startFlow(parallelFlow([[send("a")], [send("b")]], { mode: "first" }), "hi");
      expect(run.trail.filter((id) => id === "join")).toHaveLength(1);
      expect(run.status).toBe("completed");
    });
  });
});
