import { describe, expect, it } from "vitest";
import type { FlowDocument } from "../../engine/contracts/flow";
import { countRows, instanceRow, publishFlow, stepLog, useTestEngine } from "../../engine/testing/test-engine";

const at = { x: 0, y: 0 };
/** Parcel news by messenger first, falling back to the conversation's own channel. */
const FALLBACK: FlowDocument = {
  nodes: [
    { id: "t", type: "trigger.message-received", position: at, settings: { channel: "any" } },
    { id: "tg", type: "message.send", position: at, settings: { text: "Parcel shipped (Telegram)", channel: "telegram", awaitDelivery: true } },
    { id: "here", type: "message.send", position: at, settings: { text: "Parcel shipped", awaitDelivery: true } },
    { id: "ok", type: "flow.end", position: at, settings: { outcome: "delivered" } },
    { id: "lost", type: "flow.end", position: at, settings: { outcome: "unreachable" } },
  ],
  edges: [
    { id: "1", source: "t", sourcePort: "out", target: "tg" },
    { id: "2", source: "tg", sourcePort: "delivered", target: "ok" },
    { id: "3", source: "tg", sourcePort: "failed", target: "here" },
    { id: "4", source: "here", sourcePort: "delivered", target: "ok" },
    { id: "5", source: "here", sourcePort: "failed", target: "lost" },
  ],
};

describe("delivery results come back to the flow as events", () => {
  const t = useTestEngine(({ engine }) => publishFlow(engine, "Parcel", FALLBACK));

  it("a send the customer cannot receive fails over to the next channel; the delivered one completes the flow", async () => {
    const { instanceId } = await t.engine.receive("webchat", { visitorId: "v-1", messageId: "m-1", text: "where is my parcel?" });
    expect(instanceRow(t.engine, instanceId!).status).toBe("waiting");

    await t.engine.dispatch();
    expect(t.channel.texts()).toEqual(["Parcel shipped"]);
    expect(stepLog(t.engine, instanceId!).map((s) => s.type)).toEqual(["message.received", "message.failed", "message.delivered"]);
    expect(instanceRow(t.engine, instanceId!)).toMatchObject({ status: "completed", state: "n_ok" });
    expect(countRows(t.engine, "OutboxMessage", "status = 'failed' AND lastError LIKE '%telegram%'")).toBe(1);
    expect(countRows(t.engine, "Message", "status = 'failed'")).toBe(1);
  });

  it("a provider that keeps failing ends on the failed output after the last retry", async () => {
    t.channel.failNext(100);
    const { instanceId } = await t.engine.receive("webchat", { visitorId: "v-2", messageId: "m-2", text: "parcel?" });
    for (let i = 0; i < 12 && instanceRow(t.engine, instanceId!).status === "waiting"; i++) {
      await t.engine.dispatch();
      t.clock.advance(120_000);
    }
    expect(instanceRow(t.engine, instanceId!)).toMatchObject({ status: "completed", state: "n_lost" });
  });
});
