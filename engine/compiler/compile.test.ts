import { describe, expect, it } from "vitest";
import { supportChat } from "../../templates/support-chat";
import type { FlowDocument, FlowEdge, FlowIssue, FlowNode } from "../contracts/flow";
import { compileFlow, stateId } from "./compile";

const SUPPORT_CHAT = supportChat.document;

const node = (id: string, type: string, settings: Record<string, unknown> = {}): FlowNode => ({ id, type, position: { x: 0, y: 0 }, settings });
const edge = (source: string, sourcePort: string, target: string, id = `${source}-${sourcePort}-${target}`): FlowEdge => ({ id, source, sourcePort, target });
const trigger = (id = "t") => node(id, "trigger.message-received", { channel: "any" });
const send = (id: string, text = "Hello") => node(id, "message.send", { text });
const end = (id: string) => node(id, "flow.end", { outcome: "done" });

/** trigger → send → end, the smallest valid flow, plus whatever a test adds. */
function flow(extraNodes: FlowNode[] = [], extraEdges: FlowEdge[] = [], base = true): FlowDocument {
  const nodes = base ? [trigger(), send("s"), end("e")] : [];
  const edges = base ? [edge("t", "out", "s"), edge("s", "out", "e")] : [];
  return { nodes: [...nodes, ...extraNodes], edges: [...edges, ...extraEdges] };
}

function issuesOf(doc: FlowDocument): FlowIssue[] {
  const result = compileFlow(doc);
  expect(result.ok).toBe(false);
  return result.issues;
}
/** The issues reduced to what the canvas pins them on. */
const pins = (issues: FlowIssue[]) => issues.map(({ code, nodeId, field }) => ({ code, nodeId, ...(field !== undefined && { field }) }));

describe("compileFlow", () => {
  it("compiles the demo flow into one state per node plus `start`", () => {
    const result = compileFlow(SUPPORT_CHAT);
    expect(result.issues).toEqual([]);
    if (!result.ok) throw new Error("demo flow must compile");
    expect(Object.keys(result.machine.states).sort()).toEqual(["start", ...SUPPORT_CHAT.nodes.map((n) => stateId(n.id))].sort());
    expect(result.machine).toMatchObject({ id: "flow", initial: "start" });
    expect(result.machine.states.start).toEqual({
      on: {
        "message.received": [
          {
            guard: { type: "trigger.matches", params: { nodeType: "trigger.message-received", settings: { channel: "any", on: "any-message" } } },
            target: "#n_start",
          },
        ],
      },
    });
    expect(result.machine.states.n_answered).toMatchObject({ type: "final" });
  });

  it("is deterministic: the same document gives byte-identical JSON", () => {
    const copy = JSON.parse(JSON.stringify(SUPPORT_CHAT)) as FlowDocument;
    expect(JSON.stringify(compileFlow(copy))).toBe(JSON.stringify(compileFlow(SUPPORT_CHAT)));
  });

  it("fills in settings defaults before compiling", () => {
    const result = compileFlow({ nodes: [node("t", "trigger.message-received"), node("e", "flow.end")], edges: [edge("t", "out", "e")] });
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(result.machine.states.n_e.entry).toContainEqual({ type: "flow.end/finish", params: { outcome: "completed" } });
  });

  it("accepts a loop that passes through a wait-reply", () => {
    const doc: FlowDocument = {
      nodes: [trigger(), send("ask", "Anything else?"), node("wait", "message.wait-reply", { timeoutSeconds: 0 })],
      edges: [edge("t", "out", "ask"), edge("ask", "out", "wait"), edge("wait", "reply", "ask")],
    };
    expect(compileFlow(doc)).toMatchObject({ ok: true, issues: [] });
  });

  it("accepts a loop that passes through an operator task", () => {
    const doc: FlowDocument = {
      nodes: [trigger(), node("task", "routing.operator-task", { outcomes: ["again", "done"] }), end("e")],
      edges: [edge("t", "out", "task"), edge("task", "outcome-again", "task"), edge("task", "outcome-done", "e")],
    };
    expect(compileFlow(doc)).toMatchObject({ ok: true, issues: [] });
  });
});

describe("validation: every issue code, pinned to its node and field", () => {
  it("no-trigger: a flow nothing can start", () => {
    const issues = issuesOf({ nodes: [send("s"), end("e")], edges: [edge("s", "out", "e")] });
    expect(pins(issues).filter((i) => i.code === "no-trigger")).toEqual([{ code: "no-trigger", nodeId: undefined }]);
  });

  // Both cases sit mid-flow: the one issue must not also mark the trigger "not connected" or the end "unreachable".
  it("unknown-node-type, and nothing else about its neighbours", () => {
    const doc = flow();
    doc.nodes[1] = node("s", "message.fax");
    expect(pins(issuesOf(doc))).toEqual([{ code: "unknown-node-type", nodeId: "s" }]);
  });

  it("invalid-settings: a schema error names the field, and nothing else about its neighbours", () => {
    const doc = flow();
    doc.nodes[1] = send("s", "");
    expect(pins(issuesOf(doc))).toEqual([{ code: "invalid-settings", nodeId: "s", field: "text" }]);
  });

  it("invalid-settings: a bad regular expression names the rule's pattern", () => {
    const doc = flow(
      [node("m", "logic.text-match", { rules: [{ match: "regex", pattern: "[a-" }] })],
      [edge("t", "out", "m", "e-tm"), edge("m", "rule-1", "s", "e-r1"), edge("m", "else", "e", "e-else")],
    );
    doc.edges = doc.edges.filter((e) => e.id !== "t-out-s");
    expect(pins(issuesOf(doc))).toEqual([{ code: "invalid-settings", nodeId: "m", field: "rules.0.pattern" }]);
  });

  it("invalid-settings: a bad template placeholder names the text field", () => {
    const doc = flow();
    doc.nodes[1] = send("s", "Dear {{customer.surname}}");
    const issues = issuesOf(doc);
    expect(pins(issues)).toEqual([{ code: "invalid-settings", nodeId: "s", field: "text" }]);
    expect(issues[0].message).toContain("{{customer.surname}}");
  });

  it("unconnected-port: every output must lead somewhere", () => {
    const doc = flow();
    doc.edges.pop();
    expect(pins(issuesOf(doc))).toEqual([
      { code: "unconnected-port", nodeId: "s" },
      { code: "unreachable-node", nodeId: "e" },
    ]);
  });

  it("port-connected-twice: a port leads to one node", () => {
    const issues = issuesOf(flow([end("e2")], [edge("s", "out", "e2")]));
    expect(pins(issues)).toEqual([
      { code: "port-connected-twice", nodeId: "s" },
      { code: "unreachable-node", nodeId: "e2" },
    ]);
  });

  it("unreachable-node: a node no trigger leads to", () => {
    const issues = issuesOf(flow([send("orphan"), end("e2")], [edge("orphan", "out", "e2")]));
    expect(pins(issues)).toEqual([
      { code: "unreachable-node", nodeId: "orphan" },
      { code: "unreachable-node", nodeId: "e2" },
    ]);
  });

  it("cycle-without-wait: a loop of nodes that never wait, reported once", () => {
    const doc: FlowDocument = {
      nodes: [trigger(), send("a"), send("b")],
      edges: [edge("t", "out", "a"), edge("a", "out", "b"), edge("b", "out", "a")],
    };
    expect(pins(issuesOf(doc))).toEqual([{ code: "cycle-without-wait", nodeId: "a" }]);
  });

  it("dangling-edge: to or from a missing node, into a trigger, or from a port that does not exist", () => {
    expect(pins(issuesOf(flow([], [edge("s", "out", "ghost")])))).toEqual([{ code: "dangling-edge", nodeId: "s" }]);
    expect(pins(issuesOf(flow([], [edge("ghost", "out", "e")])))).toEqual([{ code: "dangling-edge", nodeId: undefined }]);
    expect(pins(issuesOf(flow([trigger("t2")], [edge("s", "out", "t2", "into-trigger")])))).toEqual([
      { code: "dangling-edge", nodeId: "t2" },
      { code: "unconnected-port", nodeId: "t2" },
    ]);
    expect(pins(issuesOf(flow([], [edge("s", "nope", "e")])))).toEqual([{ code: "dangling-edge", nodeId: "s" }]);
  });

  it("duplicate-id: two nodes with one id", () => {
    expect(pins(issuesOf(flow([end("e")])))).toEqual([{ code: "duplicate-id", nodeId: "e" }]);
  });
});

describe("a wire from a node back into itself", () => {
  it("re-runs the node (a new task is created when the operator picks the looping outcome)", async () => {
    const { startFlow } = await import("../testing/flow-harness");
    const doc: FlowDocument = {
      nodes: [trigger(), node("task", "routing.operator-task", { outcomes: ["again", "done"] }), node("end", "flow.end")],
      edges: [edge("t", "out", "task"), edge("task", "outcome-again", "task"), edge("task", "outcome-done", "end")],
    };
    const run = startFlow(doc, "help");
    const again = run.completeTask("again");
    expect(again.trail).toEqual(["task"]);
    expect(again.effects).toMatchObject([{ kind: "task.create" }]);
    run.completeTask("done");
    expect(run.status).toBe("completed");
  });
});
