import { describe, expect, it } from "vitest";
import type { FlowDocument } from "../contracts/flow";
import { SIMULATION_START, simulateFlow } from "./simulate";

const at = { x: 0, y: 0 };

/** A message asks for a refund check, run as a subflow; its result is told to the customer. */
const REFUND: FlowDocument = {
  nodes: [
    { id: "start", type: "trigger.message-received", position: at, settings: {} },
    {
      id: "check",
      type: "flow.call-subflow",
      position: at,
      settings: { flowId: "refund-check", inputs: ["orderId = {{message.text}}"], resultVariable: "refund" },
    },
    { id: "tell", type: "message.send", position: at, settings: { text: "Refund {{vars.refund.refundId}}: {{vars.refund.outcome}}" } },
    { id: "done", type: "flow.end", position: at, settings: { outcome: "told" } },
    { id: "failed", type: "flow.end", position: at, settings: { outcome: "check-failed" } },
  ],
  edges: [
    { id: "1", source: "start", sourcePort: "out", target: "check" },
    { id: "2", source: "check", sourcePort: "done", target: "tell" },
    { id: "3", source: "tell", sourcePort: "out", target: "done" },
    { id: "4", source: "check", sourcePort: "failed", target: "failed" },
  ],
};

describe("subflow-result steps", () => {
  it("answer the subflow the flow waits on with its outcome and outputs", () => {
    const run = simulateFlow(REFUND, [
      { do: "message", text: "A-17" },
      { do: "subflow-result", outcome: "approved", outputs: { refundId: "R-9" } },
    ]);
    expect(run.steps[0].effects).toContainEqual({ kind: "subflow.start", key: "sim:1", nodeId: "check", flowId: "refund-check", inputs: { orderId: "A-17" } });
    expect(run.steps[1].event).toEqual({
      type: "subflow.completed",
      at: SIMULATION_START,
      key: "sim:1",
      nodeId: "check",
      outcome: "approved",
      outputs: { refundId: "R-9" },
    });
    expect(run.steps[1].vars.refund).toEqual({ refundId: "R-9", outcome: "approved" });
    expect(run.sent).toEqual(["Refund R-9: approved"]);
    expect(run).toMatchObject({ status: "completed", outcome: "told", notes: [] });
  });

  it("take a subflow that ended without an outcome", () => {
    const run = simulateFlow(REFUND, [
      { do: "message", text: "A-17" },
      { do: "subflow-result", outcome: null, outputs: {} },
    ]);
    expect(run.steps[1].vars.refund).toEqual({ outcome: null });
    expect(run.outcome).toBe("told");
  });

  it("explain a result nobody waits for, before the call and after it was answered", () => {
    const answer = { do: "subflow-result", outcome: "approved", outputs: {} } as const;
    const run = simulateFlow(REFUND, [answer, { do: "message", text: "A-17" }, answer, answer]);
    expect(run.notes).toEqual([
      { input: 0, message: "no subflow is waiting for a result" },
      { input: 3, message: "no subflow is waiting for a result" },
    ]);
  });
});

describe("http-response steps", () => {
  it("still explain an answer no request waits for", () => {
    const run = simulateFlow(REFUND, [
      { do: "message", text: "A-17" },
      { do: "http-response", status: 200 },
    ]);
    expect(run.notes).toEqual([{ input: 1, message: "no HTTP request is waiting for an answer" }]);
    expect(run.status).toBe("waiting");
  });
});
