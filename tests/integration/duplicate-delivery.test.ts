import { describe, expect, it } from "vitest";
import { seedDemo } from "../../prisma/seed";
import { chat, countRows, instanceRow, stepLog, useTestEngine } from "../../engine/testing/test-engine";

const t = useTestEngine(({ engine }) => seedDemo(engine));

/** What one processed delivery leaves behind; a duplicate must not add to any of it. */
function footprint() {
  const { engine } = t;
  return {
    inbox: countRows(engine, "InboxMessage"),
    inbound: countRows(engine, "Message", "direction = 'in'"),
    outbound: countRows(engine, "Message", "direction = 'out'"),
    instances: countRows(engine, "Instance"),
    steps: countRows(engine, "InstanceEvent"),
    tasks: countRows(engine, "Task"),
    outbox: countRows(engine, "OutboxMessage"),
  };
}

describe("duplicate delivery", () => {
  it("processes a redelivered messageId once and answers `duplicate: true`, telling nothing of the first", async () => {
    const { engine, channel } = t;
    const first = await engine.receive("webchat", chat("visitor-1", "provider-42", "I need help", "Ann"));
    const once = footprint();
    expect(once).toEqual({ inbox: 1, inbound: 1, outbound: 2, instances: 1, steps: 1, tasks: 1, outbox: 2 });

    const again = await engine.receive("webchat", chat("visitor-1", "provider-42", "I need help", "Ann"));
    expect(again).toEqual({ duplicate: true, customerId: null, conversationId: null, instanceId: null });
    expect(footprint()).toEqual(once);
    expect(stepLog(engine, first.instanceId!)).toHaveLength(1);
    expect(instanceRow(engine, first.instanceId!).stepCount).toBe(1);

    await engine.dispatch();
    expect(channel.sent).toHaveLength(2);
  });

  it("processes once when both deliveries arrive in the same commit batch", async () => {
    const { engine } = t;
    const payload = chat("visitor-2", "provider-7", "hours?");
    const outcomes = await Promise.all([engine.receive("webchat", payload), engine.receive("webchat", payload), engine.receive("webchat", payload)]);
    expect(outcomes.map((o) => o.duplicate)).toEqual([false, true, true]);
    expect(outcomes.filter((o) => o.instanceId !== null)).toHaveLength(1);
    expect(footprint()).toMatchObject({ inbox: 1, inbound: 1, instances: 1, steps: 1 });
  });

  it("does not let another sender's message with the same id swallow the real one (ids are scoped to the sender)", async () => {
    const { engine } = t;
    const decoy = await engine.receive("webchat", chat("mallory", "wamid-1001", "hello"));
    const real = await engine.receive("webchat", chat("alice", "wamid-1001", "I need help", "Alice"));
    expect(real).toMatchObject({ duplicate: false, instanceId: expect.any(String) });
    expect(real.instanceId).not.toBe(decoy.instanceId);
    expect(countRows(engine, "Message", "direction = 'in' AND text = 'I need help'")).toBe(1);
    // The decoy's own repeat is a duplicate, and names nothing of Alice's or its own first delivery.
    expect(await engine.receive("webchat", chat("mallory", "wamid-1001", "hello"))).toEqual({
      duplicate: true,
      customerId: null,
      conversationId: null,
      instanceId: null,
    });
  });

  it("keeps ids apart that only a separator could confuse", async () => {
    const { engine } = t;
    await engine.receive("webchat", chat("a:b", "c", "one"));
    expect((await engine.receive("webchat", chat("a", "b:c", "two"))).duplicate).toBe(false);
  });

  it("treats the same provider id from another channel as a different message", async () => {
    const { engine } = t;
    await engine.receive("webchat", chat("visitor-3", "same-id", "hello"));
    await engine.ingest({ channel: "sms", providerMessageId: "same-id", address: "+4915100000", name: null, text: "hello" });
    expect(countRows(engine, "InboxMessage")).toBe(2);
    expect(countRows(engine, "Message", "direction = 'in'")).toBe(2);
  });
});
