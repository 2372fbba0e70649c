import { describe, expect, it } from "vitest";
import type { FlowDocument, FlowEdge, FlowIssue, FlowNode } from "../contracts/flow";
import { startFlow } from "../testing/flow-harness";
import { operatorAndTimer, parallelFlow, type ChainNode } from "../testing/parallel-flows";
import { compileFlow, nodeIdsOfState } from "./compile";

const at = { x: 0, y: 0 };
const node = (id: string, type: string, settings: Record<string, unknown> = {}): FlowNode => ({ id, type, position: at, settings });
const edge = (source: string, sourcePort: string, target: string): FlowEdge => ({ id: `x-${source}-${sourcePort}`, source, sourcePort, target });
const send = (id: string): ChainNode => ({ id, type: "message.send", settings: { text: id } });
const waitReply = (id: string): ChainNode => ({ id, type: "message.wait-reply", settings: { timeoutSeconds: 0 }, out: "reply" });

/** Moves the wire leaving `source` through `port` to `target`. */
function rewire(doc: FlowDocument, source: string, port: string, target: string): FlowDocument {
  return { ...doc, edges: doc.edges.map((e) => (e.source === source && e.sourcePort === port ? { ...e, target } : e)) };
}
function machineOf(doc: FlowDocument) {
  const result = compileFlow(doc);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.machine;
}
const pins = (doc: FlowDocument) => {
  const result = compileFlow(doc);
  expect(result.ok).toBe(false);
  return result.issues.map(({ code, nodeId }: FlowIssue) => ({ code, nodeId }));
};

describe("compiling a Run in parallel", () => {
  it("nests each branch's nodes in a region of a parallel state, whose onDone enters the Join", () => {
    const { states } = machineOf(operatorAndTimer());
    expect(Object.keys(states)).toEqual(["start", "n_t", "n_par", "n_join", "n_after", "n_end"]);
    const par = states.n_par as { type: string; onDone: unknown; states: Record<string, { initial: string; states: Record<string, Record<string, unknown>> }> };
    expect(par).toMatchObject({ id: "n_par", type: "parallel", onDone: { target: "#n_join" } });
    expect(Object.keys(par.states)).toEqual(["branch-1", "branch-2"]);
    expect(par.states["branch-1"].initial).toBe("n_task");
    expect(Object.keys(par.states["branch-1"].states)).toEqual(["n_task", "joined"]);
    expect(Object.keys(par.states["branch-2"].states)).toEqual(["n_tell", "n_wait", "joined"]);
    // Nested states keep their ids; a wire into the Join ends the branch at the region's final state.
    expect(par.states["branch-2"].states.n_tell).toMatchObject({ id: "n_tell", always: { target: "#n_wait" } });
    expect(par.states["branch-2"].states.n_wait).toMatchObject({ on: { "timer.fired": { target: "#n_par:branch-2:joined" } } });
    expect(par.states["branch-2"].states.joined).toEqual({ id: "n_par:branch-2:joined", type: "final" });
    expect(states.n_join).toMatchObject({ always: { target: "#n_after" } });
  });

  it("first: arriving leaves for the Join at once, and leaving stops every branch node", () => {
    const par = machineOf(operatorAndTimer("first")).states.n_par as Record<string, unknown> & { states: Record<string, { states: Record<string, unknown> }> };
    expect(par.onDone).toBeUndefined();
    expect(par.exit).toEqual([{ type: "flow.parallel/stop", params: { parallelId: "par", nodeIds: ["task", "tell", "wait"] } }]);
    expect(par.states["branch-1"].states.joined).toEqual({ id: "n_par:branch-1:joined", always: { target: "#n_join" } });
  });

  it("a port wired straight into the Join starts its region at the final state", () => {
    const par = machineOf(parallelFlow([[], [send("a")]])).states.n_par as { states: Record<string, { initial: string }> };
    expect(par.states["branch-1"].initial).toBe("joined");
  });

  it("is deterministic", () => {
    expect(JSON.stringify(compileFlow(operatorAndTimer("first")))).toBe(JSON.stringify(compileFlow(JSON.parse(JSON.stringify(operatorAndTimer("first"))))));
  });

  it("nests a parallel inside a branch, with its Join, and runs it", () => {
    const doc = parallelFlow([[waitReply("outer-wait")], [send("a")]]);
    const inner = parallelFlow([[waitReply("in-1")], [waitReply("in-2")]]);
    const rename = (id: string) => (["par", "join"].includes(id) ? `inner-${id}` : id);
    // outer branch 2: a → inner-par → (in-1 | in-2) → inner-join → b → outer join
    doc.nodes.push(
      ...inner.nodes.filter((n) => ["par", "in-1", "in-2", "join"].includes(n.id)).map((n) => ({ ...n, id: rename(n.id) })),
      node("b", "message.send", { text: "b" }),
    );
    doc.edges.push(
      ...inner.edges
        .filter((e) => ["par", "in-1", "in-2"].includes(e.source))
        .map((e) => ({ ...e, id: `inner-${e.id}`, source: rename(e.source), target: rename(e.target) })),
    );
    doc.edges.push(edge("inner-join", "out", "b"), edge("b", "out", "join"));
    const nested = rewire(doc, "a", "out", "inner-par");
    const { states } = machineOf(nested);
    expect(Object.keys(states)).toEqual(["start", "n_t", "n_par", "n_join", "n_after", "n_end"]);

    const run = startFlow(nested, "hi");
    expect(run.state.value).toEqual({ n_par: { "branch-1": "n_outer-wait", "branch-2": { "n_inner-par": { "branch-1": "n_in-1", "branch-2": "n_in-2" } } } });
    expect(nodeIdsOfState(JSON.stringify(run.state.value))).toEqual(["outer-wait", "in-1", "in-2"]);
    expect(run.reply("yes").trail).toEqual(["inner-join", "b", "join", "after", "end"]);
  });
});

describe("validation of parallel branches", () => {
  it("branch-without-join and end-in-branch: a branch that ends the flow", () => {
    const doc = rewire(parallelFlow([[send("a")], [send("b")]]), "b", "out", "end");
    expect(pins(doc)).toEqual([
      { code: "end-in-branch", nodeId: "end" },
      { code: "branch-without-join", nodeId: "par" },
    ]);
    expect(compileFlow(doc).issues[0].message).toContain("end the flow after the join");
  });

  it("branches-different-joins", () => {
    const doc = parallelFlow([[send("a")], [send("b")]]);
    doc.nodes.push(node("join-2", "flow.join"));
    doc.edges.push(edge("join-2", "out", "after"));
    expect(pins(rewire(doc, "b", "out", "join-2"))).toEqual([{ code: "branches-different-joins", nodeId: "par" }]);
  });

  it("branch-crossing: one node on two branches", () => {
    expect(pins(rewire(parallelFlow([[send("a"), send("shared")], [send("b")]]), "b", "out", "shared"))).toEqual([
      { code: "branch-crossing", nodeId: "shared" },
    ]);
  });

  it("branch-entered-from-outside: a wire from after the Join back into a branch, or into the Join", () => {
    const doc = parallelFlow([[waitReply("w")], [send("b")]]);
    doc.nodes.push(node("again", "flow.loop-guard", { maxIterations: 3 }));
    const back = rewire({ ...doc, edges: [...doc.edges, edge("again", "continue", "w"), edge("again", "exceeded", "end")] }, "after", "out", "again");
    expect(pins(back)).toEqual([{ code: "branch-entered-from-outside", nodeId: "w" }]);

    const side = parallelFlow([[send("a")], [send("b")]]);
    side.nodes.push(node("t2", "trigger.message-received", { channel: "webchat" }), node("s2", "message.send", { text: "side" }));
    side.edges.push(edge("t2", "out", "s2"), edge("s2", "out", "join"));
    expect(pins(side)).toEqual([{ code: "branch-entered-from-outside", nodeId: "join" }]);
  });

  it("join-without-parallel", () => {
    const doc: FlowDocument = {
      nodes: [node("t", "trigger.message-received"), node("j", "flow.join"), node("e", "flow.end")],
      edges: [edge("t", "out", "j"), edge("j", "out", "e")],
    };
    expect(pins(doc)).toEqual([{ code: "join-without-parallel", nodeId: "j" }]);
  });

  it("parallel-loop: a branch that leads back into its own parallel", () => {
    expect(pins(rewire(parallelFlow([[waitReply("w")], [send("b")]]), "w", "reply", "par"))).toEqual([{ code: "parallel-loop", nodeId: "par" }]);
  });

  it("a nested parallel must close with its own Join before the outer one", () => {
    const doc = parallelFlow([[send("a")], [send("b")]]);
    doc.nodes.push(node("inner", "flow.parallel"), node("c", "message.send", { text: "c" }));
    doc.edges.push(edge("inner", "branch-1", "c"), edge("inner", "branch-2", "join"), edge("c", "out", "join"));
    // The inner parallel takes `join` as its own, so the outer branch runs on past it into the End.
    expect(pins(rewire(doc, "b", "out", "inner"))).toContainEqual({ code: "branch-entered-from-outside", nodeId: "join" });
  });
});

describe("nodeIdsOfState", () => {
  it("reads a plain state, a parallel state's JSON, and start", () => {
    expect(nodeIdsOfState("n_wait")).toEqual(["wait"]);
    expect(nodeIdsOfState(JSON.stringify({ n_par: { "branch-1": "n_task", "branch-2": "joined" } }))).toEqual(["task"]);
    expect(nodeIdsOfState("start")).toEqual([]);
  });
});
