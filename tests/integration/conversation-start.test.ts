import { describe, expect, it } from "vitest";
import type { FlowDocument } from "../../engine/contracts/flow";
import { chat, countRows, publishFlow, useTestEngine } from "../../engine/testing/test-engine";

const at = { x: 0, y: 0 };
const HOUR = 3600_000;

/** Greets a conversation once: started only by the first message of a conversation. */
const GREETER: FlowDocument = {
  nodes: [
    { id: "new", type: "trigger.message-received", position: at, settings: { channel: "any", on: "first-message" } },
    { id: "hello", type: "message.send", position: at, settings: { text: "Welcome! We usually answer within 5 minutes." } },
    { id: "end", type: "flow.end", position: at, settings: {} },
  ],
  edges: [
    { id: "1", source: "new", sourcePort: "out", target: "hello" },
    { id: "2", source: "hello", sourcePort: "out", target: "end" },
  ],
};

describe("a trigger on the first message of a conversation", () => {
  const t = useTestEngine(({ engine }) => publishFlow(engine, "Greeter", GREETER));

  it("starts on the opening message, not on the next ones, and again after a day of quiet", async () => {
    expect((await t.engine.receive("webchat", chat("v-1", "m-1", "hi"))).instanceId).not.toBeNull();
    t.clock.advance(HOUR);
    expect((await t.engine.receive("webchat", chat("v-1", "m-2", "anyone there?"))).instanceId).toBeNull();
    t.clock.advance(25 * HOUR);
    expect((await t.engine.receive("webchat", chat("v-1", "m-3", "back again"))).instanceId).not.toBeNull();
    expect(countRows(t.engine, "Instance")).toBe(2);
    // Every message is in the timeline, started a flow or not.
    expect(countRows(t.engine, "Message", "direction = 'in'")).toBe(3);
  });

  it("takes a message within a day of the last one as the same conversation going on", async () => {
    await t.engine.receive("webchat", chat("v-2", "m-1", "hi"));
    t.clock.advance(23 * HOUR);
    expect((await t.engine.receive("webchat", chat("v-2", "m-2", "hello?"))).instanceId).toBeNull();
  });
});
