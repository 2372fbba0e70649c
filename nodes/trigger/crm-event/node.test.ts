import { describe, expect, it } from "vitest";
import type { FlowEvent } from "../../../engine/contracts/events";
import type { FlowDocument } from "../../../engine/contracts/flow";
import { T0 } from "../../../engine/testing/fake-clock";
import { compileFlow, NODE_ID, runNode } from "../../../engine/testing/run-node";

const TYPE = "trigger.crm-event";
const payment = { transactionId: "tx-1", amount: 950, currency: "EUR", country: "France", merchant: "Cafe", unusualCountry: true };
const crmEvent = (name: string, payload: Record<string, unknown> = payment): FlowEvent => ({ type: "crm.event", at: T0, eventId: "ev-1", name, payload });

describe("trigger.crm-event", () => {
  it("starts on its event and exposes the payload as variables", () => {
    const run = runNode(TYPE, { event: "card.transaction" }, crmEvent("card.transaction"));
    expect(run.port).toBe("out");
    expect(run.state.context.vars).toEqual(payment);
  });

  it("ignores other events and plain messages", () => {
    expect(runNode(TYPE, { event: "card.transaction" }, crmEvent("order.status-changed", { orderId: "1", status: "sent" })).port).toBeNull();
    expect(runNode(TYPE, { event: "card.transaction" }, "hello").port).toBeNull();
  });

  it("declares typed variables, so a template may use them and the compiler checks the rest", () => {
    const doc: FlowDocument = {
      nodes: [
        { id: "t", type: TYPE, position: { x: 0, y: 0 }, settings: { event: "card.transaction" } },
        {
          id: "s",
          type: "message.send",
          position: { x: 0, y: 0 },
          settings: { text: "Did you pay {{vars.amount}} {{vars.currency}} in {{vars.country}}? {{vars.orderId}}" },
        },
        { id: "e", type: "flow.end", position: { x: 0, y: 0 }, settings: {} },
      ],
      edges: [
        { id: "1", source: "t", sourcePort: "out", target: "s" },
        { id: "2", source: "s", sourcePort: "out", target: "e" },
      ],
    };
    expect(compileFlow(doc).issues).toMatchObject([{ code: "unknown-variable", nodeId: "s", field: "text", message: expect.stringContaining("vars.orderId") }]);
  });

  it("rejects an event name outside the catalogue", () => {
    const run = () => runNode(TYPE, { event: "card.stolen" });
    expect(run).toThrow(/invalid-settings@node\.event/);
    expect(NODE_ID).toBe("node");
  });
});
