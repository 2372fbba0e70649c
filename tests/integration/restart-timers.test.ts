import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { FlowDocument } from "../../engine/contracts/flow";
import { T0 } from "../../engine/testing/fake-clock";
import { chat, countRows, instanceRow, openTestEngine, publishFlow, stepLog, useTempDb, type TestEngine } from "../../engine/testing/test-engine";
import { testDb } from "../../engine/testing/test-db";

const pos = { x: 0, y: 0 };
/** Ask, wait 60 s for a reply; on timeout, hand the conversation to an operator. */
const ASK: FlowDocument = {
  nodes: [
    { id: "start", type: "trigger.message-received", position: pos, settings: {} },
    { id: "ask", type: "message.send", position: pos, settings: { text: "What is your order number?" } },
    { id: "wait", type: "message.wait-reply", position: pos, settings: { timeoutSeconds: 60 } },
    { id: "thanks", type: "message.send", position: pos, settings: { text: "Thanks, looking up {{message.text}}." } },
    { id: "nudge", type: "message.send", position: pos, settings: { text: "No answer; an operator will follow up." } },
    { id: "follow-up", type: "routing.operator-task", position: pos, settings: { title: "Follow up", outcomes: ["done"] } },
    { id: "answered", type: "flow.end", position: pos, settings: { outcome: "answered" } },
    { id: "closed", type: "flow.end", position: pos, settings: { outcome: "closed" } },
  ],
  edges: [
    { id: "e1", source: "start", sourcePort: "out", target: "ask" },
    { id: "e2", source: "ask", sourcePort: "out", target: "wait" },
    { id: "e3", source: "wait", sourcePort: "reply", target: "thanks" },
    { id: "e4", source: "wait", sourcePort: "timeout", target: "nudge" },
    { id: "e5", source: "thanks", sourcePort: "out", target: "answered" },
    { id: "e6", source: "nudge", sourcePort: "out", target: "follow-up" },
    { id: "e7", source: "follow-up", sourcePort: "outcome-done", target: "closed" },
  ],
};

const tmp = useTempDb();
let t: TestEngine;

/** Closes the running engine and opens a new one on the same file, clock and provider. */
async function restart(): Promise<TestEngine> {
  await t.engine.close();
  t = openTestEngine(tmp.file, { clock: t.clock, channel: t.channel });
  return t;
}

const timers = () => testDb(t.engine).prepare(`SELECT nodeId, dueAt, status FROM "Timer"`).all() as { nodeId: string; dueAt: number; status: string }[];

beforeEach(async () => {
  t = openTestEngine(tmp.file);
  await publishFlow(t.engine, "Ask for order", ASK);
});
afterEach(() => t.engine.close());

describe("a wait-reply across restarts", () => {
  it("fires the timeout exactly once after a restart, and a late reply does not resume the wait", async () => {
    const { instanceId } = await t.engine.receive("webchat", chat("visitor-1", "m-1", "where is my parcel?"));
    expect(timers()).toEqual([{ nodeId: "wait", dueAt: T0 + 60_000, status: "pending" }]);

    await restart();
    t.clock.advance(59_999);
    expect(await t.engine.fireDueTimers()).toBe(0);
    expect(instanceRow(t.engine, instanceId!)).toMatchObject({ status: "waiting", state: "n_wait" });

    t.clock.advance(1);
    expect(await t.engine.fireDueTimers()).toBe(1);
    expect(await t.engine.fireDueTimers()).toBe(0);
    expect(timers()).toEqual([{ nodeId: "wait", dueAt: T0 + 60_000, status: "fired" }]);
    expect(instanceRow(t.engine, instanceId!)).toMatchObject({ status: "waiting", state: "n_follow-up", stepCount: 2 });

    await restart();
    t.clock.advance(3_600_000);
    expect(await t.engine.fireDueTimers()).toBe(0);
    expect(stepLog(t.engine, instanceId!).filter((s) => s.type === "timer.fired")).toHaveLength(1);

    // The customer answers after the timeout: the instance has moved on and must not take the reply path.
    await t.engine.receive("webchat", chat("visitor-1", "m-2", "order 12345"));
    expect(instanceRow(t.engine, instanceId!)).toMatchObject({ status: "waiting", state: "n_follow-up" });
    expect(stepLog(t.engine, instanceId!).map((s) => s.trail)).toEqual([["start", "ask", "wait"], ["nudge", "follow-up"], []]);

    await t.engine.dispatch();
    expect(t.channel.texts()).toEqual(["What is your order number?", "No answer; an operator will follow up."]);
    expect(countRows(t.engine, "OutboxMessage", "status = 'done'")).toBe(2);
    expect(countRows(t.engine, "Message", "text LIKE 'Thanks, looking up%'")).toBe(0);
    expect(countRows(t.engine, "Task", "status = 'open'")).toBe(1);
  });

  it("cancels the timer when the reply comes first, so the timeout never fires", async () => {
    const { instanceId } = await t.engine.receive("webchat", chat("visitor-2", "m-1", "hi"));
    t.clock.advance(30_000);
    await t.engine.receive("webchat", chat("visitor-2", "m-2", "A-778"));
    expect(instanceRow(t.engine, instanceId!)).toMatchObject({ status: "completed", state: "n_answered" });
    expect(timers()).toEqual([{ nodeId: "wait", dueAt: T0 + 60_000, status: "cancelled" }]);

    await restart();
    t.clock.advance(120_000);
    expect(await t.engine.fireDueTimers()).toBe(0);
    expect(instanceRow(t.engine, instanceId!)).toMatchObject({ status: "completed", stepCount: 2 });
  });
});
