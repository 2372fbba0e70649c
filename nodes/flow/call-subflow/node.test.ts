import { describe, expect, it } from "vitest";
import type { FlowEvent } from "../../../engine/contracts/events";
import type { FlowDocument } from "../../../engine/contracts/flow";
import { effectsOf, startFlow } from "../../../engine/testing/flow-harness";
import { NODE_ID, nodeIssues, portsOf, runNode } from "../../../engine/testing/run-node";

const TYPE = "flow.call-subflow";
const settings = {
  flowId: "refund-check",
  inputs: ["orderId = {{message.text}}", "who = {{customer.name}}", "note = Asked by {{customer.name}}", "outcome = {{task.outcome}}"],
  resultVariable: "refund",
};
const completed = (key: string, outputs: Record<string, unknown>, outcome: string | null = "approved"): FlowEvent => ({
  type: "subflow.completed",
  at: 0,
  key,
  nodeId: NODE_ID,
  outcome,
  outputs,
});

describe("flow.call-subflow", () => {
  it("asks for the called flow with rendered inputs (empty ones left out) and parks on it", () => {
    const run = runNode(TYPE, settings, "A-17");
    expect(portsOf(TYPE, settings)).toEqual(["done", "failed"]);
    expect(run.status).toBe("waiting");
    expect(effectsOf(run.effects, "subflow.start")).toEqual([
      { kind: "subflow.start", key: "inst-1:1", nodeId: NODE_ID, flowId: "refund-check", inputs: { orderId: "A-17", who: "Ann", note: "Asked by Ann" } },
    ]);
  });

  it("stores the outputs and the outcome under the result variable and continues on Done", () => {
    const run = runNode(TYPE, settings);
    run.send(completed("inst-1:1", { refundId: "R-9", amount: 12 }));
    expect(run.port).toBe("done");
    expect(run.state.context.vars).toEqual({ refund: { refundId: "R-9", amount: 12, outcome: "approved" } });
    expect(run.state.context.waits).toEqual({});
  });

  it("continues on Failed with the reason", () => {
    const run = runNode(TYPE, settings);
    run.send({ type: "subflow.failed", at: 0, key: "inst-1:1", nodeId: NODE_ID, error: "flow refund-check has no published version" });
    expect(run.port).toBe("failed");
    expect(run.state.context.vars.refund).toEqual({ outcome: null, error: "flow refund-check has no published version" });
  });

  it("ignores the result of another call", () => {
    const run = runNode(TYPE, settings);
    expect(run.send(completed("other:1", {}))).toMatchObject({ status: "waiting", trail: [] });
  });

  it("passes a lone placeholder's value with its type", () => {
    const at = { x: 0, y: 0 };
    const doc: FlowDocument = {
      nodes: [
        { id: "t", type: "trigger.message-received", position: at, settings: {} },
        { id: "set", type: "data.set-variable", position: at, settings: { name: "amount", type: "number", value: "42" } },
        { id: "call", type: TYPE, position: at, settings: { flowId: "f", inputs: ["amount = {{vars.amount}}", "label = {{vars.amount}} EUR"] } },
        { id: "end", type: "flow.end", position: at, settings: {} },
      ],
      edges: [
        { id: "1", source: "t", sourcePort: "out", target: "set" },
        { id: "2", source: "set", sourcePort: "out", target: "call" },
        { id: "3", source: "call", sourcePort: "done", target: "end" },
        { id: "4", source: "call", sourcePort: "failed", target: "end" },
      ],
    };
    const [start] = effectsOf(startFlow(doc, "hi").effects, "subflow.start");
    expect(start.inputs).toEqual({ amount: 42, label: "42 EUR" });
  });

  it("refuses a missing flow, malformed input lines and bad placeholders, pinned to their fields", () => {
    expect(nodeIssues(TYPE, { inputs: [] })).toMatchObject([{ code: "invalid-settings", field: "flowId" }]);
    expect(nodeIssues(TYPE, { flowId: "f", inputs: ["just text"] })).toMatchObject([{ code: "invalid-settings", field: "inputs.0" }]);
    expect(nodeIssues(TYPE, { flowId: "f", inputs: ["a = {{order.id}}"] })).toMatchObject([{ code: "invalid-settings", field: "inputs" }]);
    expect(nodeIssues(TYPE, { flowId: "f", resultVariable: "my result" })).toMatchObject([{ code: "invalid-settings", field: "resultVariable" }]);
  });
});
