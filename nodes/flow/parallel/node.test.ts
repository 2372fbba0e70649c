import { describe, expect, it } from "vitest";
import { effectsOf, startFlow, taskCompleted } from "../../../engine/testing/flow-harness";
import { NODE_ID, nodeIssues, portsOf } from "../../../engine/testing/run-node";
import { parallelNode } from "./spec";
import { operatorAndTimer, parallelFlow } from "../../../engine/testing/parallel-flows";

const TYPE = "flow.parallel";
const send = (id: string, text = id) => ({ id, type: "message.send", settings: { text } });
const waitReply = (id: string) => ({ id, type: "message.wait-reply", settings: { timeoutSeconds: 0 }, out: "reply" });

describe("flow.parallel", () => {
  it("accepts its own examples", () => {
    for (const example of parallelNode.examples!) expect(parallelNode.settings.safeParse(example.settings).success).toBe(true);
  });

  it("has one output per branch, named by the labels where given", () => {
    expect(portsOf(TYPE, {})).toEqual(["branch-1", "branch-2"]);
    expect(portsOf(TYPE, { branches: 5 })).toEqual(["branch-1", "branch-2", "branch-3", "branch-4", "branch-5"]);
    const settings = parallelNode.settings.parse({ branches: 3, labels: ["Operator", "Customer"] });
    expect(parallelNode.outputs(settings).map((p) => p.label)).toEqual(["Operator", "Customer", "Branch 3"]);
    expect(parallelNode.summary(settings)).toBe("3 branches at once");
  });

  it("takes 2 to 5 branches, and no more names than branches", () => {
    expect(nodeIssues(TYPE, { branches: 1 })).toMatchObject([{ code: "invalid-settings", nodeId: NODE_ID, field: "branches" }]);
    expect(nodeIssues(TYPE, { branches: 6 })).toMatchObject([{ code: "invalid-settings", nodeId: NODE_ID, field: "branches" }]);
    expect(nodeIssues(TYPE, { branches: 2, labels: ["a", "b", "c"] })).toContainEqual(
      expect.objectContaining({ code: "invalid-settings", nodeId: NODE_ID, field: "labels" }),
    );
  });

  it("refuses branches that end without a Join (the tiny flow ends each port)", () => {
    expect(nodeIssues(TYPE, {}).map((i) => i.code)).toEqual(["branch-without-join", "branch-without-join"]);
  });

  it("runs every branch in the step that enters it, then the Join once", () => {
    const run = startFlow(parallelFlow([[send("one")], [send("two")]]), "hi");
    expect(run.status).toBe("completed");
    expect(run.trail).toEqual(["t", "par", "one", "two", "join", "after", "end"]);
    expect(effectsOf(run.effects, "message.send").map((e) => e.text)).toEqual(["one", "two", "All done"]);
  });

  it("waits in both branches at once: an operator task and a delay; the Join passes only after both", () => {
    const run = startFlow(operatorAndTimer(), "call me");
    expect(run.state.value).toEqual({ n_par: { "branch-1": "n_task", "branch-2": "n_wait" } });
    expect(run.status).toBe("waiting");
    expect(run.effects.map((e) => e.kind)).toEqual(["task.create", "message.send", "timer.set"]);
    const [task, , timer] = run.effects.map((e) => e.key);
    expect(run.state.context.waits).toEqual({ task, wait: timer });

    const fired = run.fireTimer(timer);
    expect(fired).toMatchObject({ status: "waiting", trail: [], effects: [] });
    expect(run.state.value).toEqual({ n_par: { "branch-1": "n_task", "branch-2": "joined" } });

    expect(run.send(taskCompleted("some-other-task", "done"))).toMatchObject({ status: "waiting", trail: [] });
    const completed = run.completeTask("done", task);
    expect(completed.trail).toEqual(["join", "after", "end"]);
    expect(run.status).toBe("completed");
    expect(run.trail.filter((id) => id === "join")).toHaveLength(1);
    expect(run.state.context.waits).toEqual({});
  });

  it("is indifferent to which branch finishes first", () => {
    const run = startFlow(operatorAndTimer(), "call me");
    expect(run.completeTask("done").trail).toEqual([]);
    expect(run.state.value).toEqual({ n_par: { "branch-1": "joined", "branch-2": "n_wait" } });
    expect(run.fireTimer().trail).toEqual(["join", "after", "end"]);
  });

  it("hands an event to every branch: one reply answers both waiting branches", () => {
    const run = startFlow(
      parallelFlow([
        [waitReply("w1"), send("thanks-1")],
        [waitReply("w2"), send("thanks-2")],
      ]),
      "hi",
    );
    expect(run.state.value).toEqual({ n_par: { "branch-1": "n_w1", "branch-2": "n_w2" } });
    expect(run.reply("yes").trail).toEqual(["thanks-1", "thanks-2", "join", "after", "end"]);
  });

  it("stop drops the parked keys of the listed nodes only, suffixed ones included", () => {
    const context = startFlow(operatorAndTimer(), "hi").state.context;
    const parked = { ...context, waits: { task: "k1", "task#sla": "k2", wait: "k3", elsewhere: "k4" } };
    expect(parallelNode.actions!.stop(parked, taskCompleted("x", "done"), { parallelId: "par", nodeIds: ["task", "tell", "wait"] }).waits).toEqual({
      elsewhere: "k4",
    });
  });
});
