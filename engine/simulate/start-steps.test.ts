import { describe, expect, it } from "vitest";
import type { FlowDocument, FlowNode } from "../contracts/flow";
import { scheduleNode } from "../../nodes/trigger/schedule/spec";
import { checkExpectations, SIMULATION_START, simulateFlow } from "./simulate";

const at = { x: 0, y: 0 };

/** start → say → end: the smallest flow a trigger can start. */
function startedBy(trigger: Omit<FlowNode, "id" | "position">, text: string): FlowDocument {
  return {
    nodes: [
      { id: "start", position: at, ...trigger },
      { id: "say", type: "message.send", position: at, settings: { text } },
      { id: "end", type: "flow.end", position: at, settings: { outcome: "told" } },
    ],
    edges: [
      { id: "1", source: "start", sourcePort: "out", target: "say" },
      { id: "2", source: "say", sourcePort: "out", target: "end" },
    ],
  };
}

const SHIPPED = startedBy(
  { type: "trigger.webhook", settings: { hook: "order-shipped", fields: ["orderId: string", "express?: boolean"] } },
  "Order {{vars.orderId}} is on its way.",
);
const DAILY = startedBy({ type: "trigger.schedule", settings: { cron: "0 9 * * 1-5", timeZone: "Europe/Berlin" } }, "Report for {{vars.scheduledFor}}");
const FOLLOW_UP = startedBy({ type: "trigger.operator-started", settings: {} }, "Following up: {{vars.note}}");
const REFUND = startedBy(
  { type: "trigger.subflow-called", settings: { inputs: ["orderId: string", "amount: number"] } },
  "Refund of {{vars.amount}} for {{vars.orderId}}",
);
const CHAT = startedBy({ type: "trigger.message-received", settings: {} }, "Hello");

describe("webhook steps", () => {
  it("start the flow with the payload as a webhook call does, the declared fields as variables", () => {
    const run = simulateFlow(SHIPPED, [{ do: "webhook", hook: "order-shipped", payload: { orderId: "A-17", express: true } }]);
    expect(run.notes).toEqual([]);
    expect(run.steps[0].event).toEqual({ type: "webhook.received", at: SIMULATION_START, hook: "order-shipped", payload: { orderId: "A-17", express: true } });
    expect(run.steps[0].trail).toEqual(["start", "say", "end"]);
    expect(run.steps[0].vars).toMatchObject({ orderId: "A-17", express: true });
    expect(run.sent).toEqual(["Order A-17 is on its way."]);
    expect(run).toMatchObject({ started: true, status: "completed", outcome: "told" });
  });

  it("refuse a payload that does not match the declaration, naming the field like the live endpoint", () => {
    const wrongType = simulateFlow(SHIPPED, [{ do: "webhook", hook: "order-shipped", payload: { orderId: 17 } }]);
    expect(wrongType.started).toBe(false);
    expect(wrongType.notes).toEqual([{ input: 0, message: expect.stringMatching(/^payload\.orderId: .*string/) }]);
    const missing = simulateFlow(SHIPPED, [{ do: "webhook", hook: "order-shipped", payload: {} }]);
    expect(missing.notes[0].message).toMatch(/^payload\.orderId: /);
    expect(missing.status).toBe("not-started");
  });

  it("explain a hook no trigger takes, and a draft with no webhook trigger at all", () => {
    expect(simulateFlow(SHIPPED, [{ do: "webhook", hook: "order-lost", payload: {} }]).notes).toEqual([
      { input: 0, message: 'no trigger takes a webhook named "order-lost"' },
    ]);
    expect(simulateFlow(CHAT, [{ do: "webhook", hook: "order-shipped", payload: {} }]).notes[0].message).toBe("the draft has no “Webhook” trigger");
  });

  it("only start instances: a second call leaves the running one alone", () => {
    const call = { do: "webhook", hook: "order-shipped", payload: { orderId: "A-17" } } as const;
    const run = simulateFlow(SHIPPED, [call, call]);
    expect(run.steps).toHaveLength(1);
    expect(run.notes).toEqual([{ input: 1, message: "the instance has already started; webhook.received only starts new ones" }]);
  });

  it("pass the expectation check on path, messages and variables", () => {
    const run = simulateFlow(SHIPPED, [{ do: "webhook", hook: "order-shipped", payload: { orderId: "B-2" } }]);
    expect(checkExpectations(run, { status: "completed", outcome: "told", path: ["start", "end"], sent: ["B-2"], vars: { orderId: "B-2" } })).toEqual([]);
    expect(checkExpectations(run, { sent: ["A-17"] })).toEqual(['message 1 should contain "A-17", it was "Order B-2 is on its way."']);
  });
});

describe("schedule steps", () => {
  it("fire the event production's poller builds for the simulated time, with no customer to write to", () => {
    // Monday 09:00 UTC is 10:00 in Berlin: the weekday 09:00 run fell due an hour before.
    const run = simulateFlow(DAILY, [{ do: "schedule" }]);
    const settings = scheduleNode.settings.parse(DAILY.nodes[0].settings);
    const due = scheduleNode.trigger!.poll!.lastDue(settings, SIMULATION_START)!;
    expect(run.steps[0].event).toEqual(scheduleNode.trigger!.poll!.event(settings, due, SIMULATION_START));
    expect(run.steps[0].vars.scheduledFor).toBe("2026-01-05T08:00:00.000Z");
    expect(run.status).toBe("completed");
    expect(run.sent).toEqual([]);
    expect(run.notes).toEqual([{ input: 0, message: "say: nothing sent, the instance has no customer (a schedule starts it for nobody)" }]);
  });

  it("follow the simulated clock: after a wait the latest due time is a later one", () => {
    const run = simulateFlow(DAILY, [{ do: "wait", seconds: 86400 }, { do: "schedule" }]);
    expect(run.steps[0].vars.scheduledFor).toBe("2026-01-06T08:00:00.000Z");
  });

  it("explain a draft without a schedule", () => {
    const run = simulateFlow(CHAT, [{ do: "schedule" }]);
    expect(run.notes).toEqual([{ input: 0, message: "the draft has no trigger that runs on a schedule" }]);
    expect(run.started).toBe(false);
  });
});

describe("operator-start steps", () => {
  it("start the flow for the script's customer with the operator's note", () => {
    const run = simulateFlow(FOLLOW_UP, [{ do: "operator-start", note: "your replacement ships Monday" }], {
      customer: { name: "Noor", channel: "sms", alsoOn: [] },
    });
    expect(run.steps[0].event).toEqual({ type: "flow.started", at: SIMULATION_START, by: "sim-operator", note: "your replacement ships Monday" });
    expect(run.steps[0].vars).toMatchObject({ startedBy: "sim-operator", note: "your replacement ships Monday" });
    expect(run.sent).toEqual(["Following up: your replacement ships Monday"]);
  });

  it("explain a draft an operator cannot start", () => {
    expect(simulateFlow(CHAT, [{ do: "operator-start", note: "" }]).notes).toEqual([
      { input: 0, message: "the draft has no “Started by an operator” trigger" },
    ]);
  });
});

describe("subflow-call steps", () => {
  it("start the flow as another flow calling it does, the declared inputs as variables", () => {
    const run = simulateFlow(REFUND, [{ do: "subflow-call", inputs: { orderId: "A-17", amount: "12.5" } }]);
    expect(run.notes).toEqual([]);
    expect(run.steps[0].event).toMatchObject({ type: "subflow.called", parentInstanceId: "sim-parent", inputs: { orderId: "A-17", amount: "12.5" } });
    expect(run.steps[0].vars).toMatchObject({ orderId: "A-17", amount: 12.5 });
    expect(run.sent).toEqual(["Refund of 12.5 for A-17"]);
  });

  it("refuse inputs the trigger does not accept, naming the input", () => {
    const run = simulateFlow(REFUND, [{ do: "subflow-call", inputs: { orderId: "A-17", amount: "lots" } }]);
    expect(run.notes).toEqual([{ input: 0, message: 'inputs.amount: expected a number, got "lots"' }]);
    expect(run.started).toBe(false);
  });

  it("explain a draft no flow can call", () => {
    expect(simulateFlow(CHAT, [{ do: "subflow-call", inputs: {} }]).notes[0].message).toBe("the draft has no “Called by another flow” trigger");
  });
});
