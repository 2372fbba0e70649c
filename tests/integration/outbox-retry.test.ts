import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { FlowDocument } from "../../engine/contracts/flow";
import { chat, openTestEngine, outboxRows, publishFlow, tempDb, type TestEngine } from "../../engine/testing/test-engine";

const pos = { x: 0, y: 0 };
const ACK: FlowDocument = {
  nodes: [
    { id: "start", type: "trigger.message-received", position: pos, settings: { channel: "any" } },
    { id: "ack", type: "message.send", position: pos, settings: { text: "Got it." } },
    { id: "done", type: "flow.end", position: pos, settings: {} },
  ],
  edges: [
    { id: "e1", source: "start", sourcePort: "out", target: "ack" },
    { id: "e2", source: "ack", sourcePort: "out", target: "done" },
  ],
};

let tmp: ReturnType<typeof tempDb>;
let t: TestEngine;
beforeEach(async () => {
  tmp = tempDb();
  t = openTestEngine(tmp.file);
  await publishFlow(t.engine, "Acknowledge", ACK);
});
afterEach(async () => {
  await t.engine.close();
  tmp.remove();
});

const lastError = () => (t.engine.db.prepare(`SELECT lastError FROM "OutboxMessage"`).pluck().get() as string | null);

describe("outbox dispatch when the provider fails", () => {
  it("keeps the message, backs off, and delivers it under its original key", async () => {
    t.channel.failNext(2);
    await t.engine.receive("webchat", chat("visitor-1", "m-1", "hello"));
    const [{ id: key }] = outboxRows(t.engine);

    await t.engine.dispatch();
    expect(outboxRows(t.engine)).toMatchObject([{ id: key, status: "pending", attempts: 1 }]);
    expect(lastError()).toBe("provider unavailable");

    await t.engine.dispatch(); // still inside the 250 ms back-off: not even tried
    expect(outboxRows(t.engine)).toMatchObject([{ attempts: 1 }]);

    t.clock.advance(250);
    await t.engine.dispatch();
    expect(outboxRows(t.engine)).toMatchObject([{ status: "pending", attempts: 2 }]);

    t.clock.advance(499);
    await t.engine.dispatch();
    expect(outboxRows(t.engine)).toMatchObject([{ attempts: 2 }]);

    t.clock.advance(1);
    await t.engine.dispatch();
    expect(outboxRows(t.engine)).toMatchObject([{ id: key, status: "done", attempts: 3 }]);
    expect(t.channel.sent.map((m) => [m.key, m.text])).toEqual([[key, "Got it."]]);
  });
});
