import { afterEach, describe, expect, it } from "vitest";
import type { FlowDocument } from "../../engine/contracts/flow";
import type { EngineOptions } from "../../engine/index";
import { reportSoakRow } from "../../engine/testing/soak-report";
import { countRows, instanceRow, openTestEngine, publishFlow, stepLog, type TestEngine, useTempDb } from "../../engine/testing/test-engine";

const at = { x: 0, y: 0 };
/** Send → Delivered → the same Send: it passes validation (the Send waits) and, unbounded, never stops sending. */
const SEND_LOOP: FlowDocument = {
  nodes: [
    { id: "t", type: "trigger.message-received", position: at, settings: { channel: "any" } },
    { id: "spam", type: "message.send", position: at, settings: { text: "Hello again", awaitDelivery: true } },
    { id: "end", type: "flow.end", position: at, settings: {} },
  ],
  edges: [
    { id: "1", source: "t", sourcePort: "out", target: "spam" },
    { id: "2", source: "spam", sourcePort: "delivered", target: "spam" },
    { id: "3", source: "spam", sourcePort: "failed", target: "end" },
  ],
};

/**
 * 600 nodes passed in one step before the wait (a long chain, as a generated or imported flow may
 * have): publishable, and past a smaller node budget it must fail alone.
 */
const LONG_CHAIN: FlowDocument = {
  nodes: [
    { id: "t", type: "trigger.message-received", position: at, settings: { channel: "any" } },
    ...Array.from({ length: 600 }, (_, i) => ({ id: `set${i}`, type: "data.set-variable", position: at, settings: { name: "seen", value: `${i}` } })),
    { id: "wait", type: "message.wait-reply", position: at, settings: { timeoutSeconds: 0 } },
    { id: "end", type: "flow.end", position: at, settings: {} },
  ],
  edges: [
    { id: "in", source: "t", sourcePort: "out", target: "set0" },
    ...Array.from({ length: 599 }, (_, i) => ({ id: `e${i}`, source: `set${i}`, sourcePort: "out", target: `set${i + 1}` })),
    { id: "out", source: "set599", sourcePort: "out", target: "wait" },
    { id: "reply", source: "wait", sourcePort: "reply", target: "end" },
  ],
};

/** A caller that runs the loop as a subflow and ends on its failed port. */
const CALLER = (loopFlowId: string): FlowDocument => ({
  nodes: [
    { id: "t", type: "trigger.message-received", position: at, settings: { channel: "any" } },
    { id: "call", type: "flow.call-subflow", position: at, settings: { flowId: loopFlowId } },
    { id: "done", type: "flow.end", position: at, settings: { outcome: "done" } },
    { id: "failed", type: "flow.end", position: at, settings: { outcome: "failed" } },
  ],
  edges: [
    { id: "1", source: "t", sourcePort: "out", target: "call" },
    { id: "2", source: "call", sourcePort: "done", target: "done" },
    { id: "3", source: "call", sourcePort: "failed", target: "failed" },
  ],
});

describe("per-instance limits (real SQLite)", () => {
  const tmp = useTempDb("omniflow-limits-");
  let t: TestEngine;
  afterEach(async () => {
    await t.engine.close();
  });
  const open = (instanceLimits?: EngineOptions["instanceLimits"]) => {
    t = openTestEngine(tmp.file, { instanceLimits });
    return t;
  };

  it("publishes a Send → Delivered → Send loop with a warning naming the caps, and stops it at the default cap of 100 messages", async () => {
    const { engine, channel } = open();
    const { id } = await engine.flows.create("Loop", SEND_LOOP);
    const { warnings } = await engine.flows.publish(id);
    expect(warnings.map((w) => [w.code, w.nodeId])).toEqual([["loop-without-person", "spam"]]);
    const { instanceId } = await engine.receive("webchat", { visitorId: "v-1", messageId: "m-1", text: "hi" });
    await engine.dispatch();
    reportSoakRow({
      test: "send loop",
      faults: "Send → Delivered → Send",
      events: channel.texts().length,
      lost: null,
      duplicated: Math.max(0, channel.texts().length - 100),
      late: null,
      note: `stopped at ${channel.texts().length} messages (cap 100), status ${instanceRow(engine, instanceId!).status}`,
    });
    expect(channel.texts()).toHaveLength(100);
    expect(instanceRow(engine, instanceId!)).toMatchObject({ status: "stopped", stepCount: 101 });
    const log = stepLog(engine, instanceId!);
    expect(log.at(-1)).toMatchObject({ step: 101, type: "instance.stopped", payload: { reason: "limit", limit: "sends", max: 100, windowHours: 24 } });
    expect(countRows(engine, "OutboxMessage", "status = 'pending'")).toBe(0);
    // A late delivery result finds it stopped: nothing more is sent.
    await engine.dispatch();
    expect(channel.texts()).toHaveLength(100);
  });

  it("stops at the steps cap when that comes first, and the caps are the engine's options", async () => {
    const { engine, channel } = open({ stepsPerDay: 7, sendsPerDay: 50 });
    await publishFlow(engine, "Loop", SEND_LOOP);
    const { instanceId } = await engine.receive("webchat", { visitorId: "v-2", messageId: "m-2", text: "hi" });
    await engine.dispatch();
    expect(channel.texts()).toHaveLength(7);
    expect(stepLog(engine, instanceId!).at(-1)).toMatchObject({ type: "instance.stopped", payload: { limit: "steps", max: 7 } });
  });

  it("a step past its node budget stops its own instance with the budget named, and nobody else's", async () => {
    // A generous time budget: on a loaded machine 600 nodes may take longer than 250 ms, and only the node budget is under test here.
    const { engine } = open({ nodesPerStep: 500, stepMs: 10_000 });
    await publishFlow(engine, "Chain", LONG_CHAIN);
    const spun = await engine.receive("webchat", { visitorId: "v-4", messageId: "m-4", text: "hi" });
    expect(instanceRow(engine, spun.instanceId!)).toMatchObject({ status: "stopped" });
    expect(stepLog(engine, spun.instanceId!).at(-1)).toMatchObject({
      type: "instance.stopped",
      payload: { reason: "budget", budget: "nodes", max: 500, nodeId: expect.any(String) },
    });
    // The message was taken (not lost, not retried forever); the next customer is served as usual.
    expect(countRows(engine, "InboxMessage")).toBe(1);
    await engine.close();
    t = openTestEngine(tmp.file, { instanceLimits: { nodesPerStep: 5_000, stepMs: 10_000 } });
    const next = await t.engine.receive("webchat", { visitorId: "v-5", messageId: "m-5", text: "hi" });
    expect(instanceRow(t.engine, next.instanceId!)).toMatchObject({ status: "waiting", state: "n_wait" });
  });

  it("refuses nonsense limits", () => {
    expect(() => open({ sendsPerDay: 0 })).toThrow();
    t = open();
  });

  it("a stopped subflow fails its caller's call instead of leaving it waiting", async () => {
    const { engine, channel } = open({ sendsPerDay: 3 });
    const loop = await publishFlow(engine, "Loop", {
      ...SEND_LOOP,
      nodes: SEND_LOOP.nodes.map((n) => (n.id === "t" ? { ...n, type: "trigger.subflow-called", settings: {} } : n)),
    });
    await publishFlow(engine, "Caller", CALLER(loop.flowId));
    const { instanceId } = await engine.receive("webchat", { visitorId: "v-3", messageId: "m-3", text: "hi" });
    await engine.dispatch();
    expect(channel.texts()).toHaveLength(3);
    expect(instanceRow(engine, instanceId!)).toMatchObject({ status: "completed", state: "n_failed" });
    expect(stepLog(engine, instanceId!).at(-1)).toMatchObject({ type: "subflow.failed", payload: { error: expect.stringContaining("limit of 3 messages") } });
  });
});
