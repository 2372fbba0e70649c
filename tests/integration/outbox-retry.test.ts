import { describe, expect, it } from "vitest";
import { ackFlow } from "../../engine/testing/flows";
import { chat, outboxRows, publishFlow, useTestEngine } from "../../engine/testing/test-engine";
import { testDb } from "../../engine/testing/test-db";

const t = useTestEngine(({ engine }) => publishFlow(engine, "Acknowledge", ackFlow("Got it.")));

const lastError = () => testDb(t.engine).prepare(`SELECT lastError FROM "OutboxMessage"`).pluck().get() as string | null;

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
