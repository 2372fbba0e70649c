import { describe, expect, it } from "vitest";
import type { FlowDocument } from "../../engine/contracts/flow";
import { countRows, publishFlow, useTestEngine } from "../../engine/testing/test-engine";

const FRAUD_CHECK: FlowDocument = {
  nodes: [
    { id: "t", type: "trigger.crm-event", position: { x: 0, y: 0 }, settings: { event: "card.transaction" } },
    {
      id: "ask",
      type: "message.send",
      position: { x: 0, y: 0 },
      settings: { text: "Did you just pay {{vars.amount}} {{vars.currency}} in {{vars.country}}?" },
    },
    { id: "wait", type: "message.wait-reply", position: { x: 0, y: 0 }, settings: { timeoutSeconds: 900 } },
    { id: "done", type: "flow.end", position: { x: 0, y: 0 }, settings: { outcome: "confirmed" } },
    { id: "late", type: "flow.end", position: { x: 0, y: 0 }, settings: { outcome: "no-answer" } },
  ],
  edges: [
    { id: "1", source: "t", sourcePort: "out", target: "ask" },
    { id: "2", source: "ask", sourcePort: "out", target: "wait" },
    { id: "3", source: "wait", sourcePort: "reply", target: "done" },
    { id: "4", source: "wait", sourcePort: "timeout", target: "late" },
  ],
};

const event = (eventId: string, payload: Record<string, unknown> = { transactionId: "tx-9", amount: 950, currency: "EUR", country: "France" }) => ({
  eventId,
  name: "card.transaction",
  customer: { channel: "webchat", address: "client-7", name: "Sok" },
  payload,
});

describe("CRM events (POST /api/events)", () => {
  const t = useTestEngine(({ engine }) => publishFlow(engine, "Fraud check", FRAUD_CHECK));

  it("start a proactive flow for the customer, whose reply then resumes it", async () => {
    const outcome = await t.engine.receiveCrmEvent(event("ev-1"), "key-a");
    expect(outcome).toMatchObject({ duplicate: false, instanceIds: [expect.any(String)] });
    await t.engine.dispatch();
    expect(t.channel.texts()).toEqual(["Did you just pay 950 EUR in France?"]);

    const reply = await t.engine.receive("webchat", { visitorId: "client-7", messageId: "m-1", text: "yes, that was me" });
    expect(reply.instanceId).toBe(outcome.instanceIds[0]);
    expect(countRows(t.engine, "Instance", "status = 'completed'")).toBe(1);
  });

  it("are processed once per eventId", async () => {
    await t.engine.receiveCrmEvent(event("ev-2"), "key-a");
    expect(await t.engine.receiveCrmEvent(event("ev-2"), "key-a")).toEqual({ duplicate: true, customerId: null, instanceIds: [] });
    expect(countRows(t.engine, "Instance")).toBe(1);
  });

  it("are deduplicated per sender: another sender's event with the same id first does not swallow this one", async () => {
    expect(await t.engine.receiveCrmEvent(event("ev-1"), "key-b")).toMatchObject({ duplicate: false });
    expect(await t.engine.receiveCrmEvent(event("ev-1"), "key-a")).toMatchObject({ duplicate: false, instanceIds: [expect.any(String)] });
    expect(countRows(t.engine, "Instance")).toBe(2);
  });

  it("refuse a payload of the wrong type, naming the field, and write nothing", async () => {
    await expect(
      t.engine.receiveCrmEvent(event("ev-3", { transactionId: "tx", amount: "950", currency: "EUR", country: "FR" }), "key-a"),
    ).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ["payload", "amount"] })],
    });
    expect(countRows(t.engine, "InboxMessage")).toBe(0);
    expect(countRows(t.engine, "Customer")).toBe(0);
  });
});
