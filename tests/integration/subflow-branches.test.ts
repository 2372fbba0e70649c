import { describe, expect, it } from "vitest";
import type { FlowDocument } from "../../engine/contracts/flow";
import type { Engine } from "../../engine/index";
import { chat, countRows, publishFlow, useTestEngine } from "../../engine/testing/test-engine";
import { testDb } from "../../engine/testing/test-db";

const at = { x: 0, y: 0 };
const MINUTE = 60_000;

/** Asks the customer something and waits (with a day's timeout) for the answer. */
const ASKING_CHILD: FlowDocument = {
  nodes: [
    { id: "called", type: "trigger.subflow-called", position: at, settings: {} },
    { id: "ask", type: "message.send", position: at, settings: { text: "child asks" } },
    { id: "wait", type: "message.wait-reply", position: at, settings: { timeoutSeconds: 86_400 } },
    { id: "end", type: "flow.end", position: at, settings: { outcome: "answered" } },
    { id: "late", type: "flow.end", position: at, settings: { outcome: "silent" } },
  ],
  edges: [
    { id: "1", source: "called", sourcePort: "out", target: "ask" },
    { id: "2", source: "ask", sourcePort: "out", target: "wait" },
    { id: "3", source: "wait", sourcePort: "reply", target: "end" },
    { id: "4", source: "wait", sourcePort: "timeout", target: "late" },
  ],
};
const QUICK_CHILD: FlowDocument = {
  nodes: [
    { id: "called", type: "trigger.subflow-called", position: at, settings: {} },
    { id: "end", type: "flow.end", position: at, settings: { outcome: "quick" } },
  ],
  edges: [{ id: "1", source: "called", sourcePort: "out", target: "end" }],
};

/** trigger → Run in parallel (first wins) with one branch per `branch` → Join → `after` nodes. */
function firstOf(branches: { id: string; type: string; settings: Record<string, unknown>; ports: string[] }[], after: FlowDocument) {
  return {
    nodes: [
      { id: "in", type: "trigger.message-received", position: at, settings: {} },
      { id: "par", type: "flow.parallel", position: at, settings: { branches: branches.length } },
      ...branches.map(({ id, type, settings }) => ({ id, type, position: at, settings })),
      { id: "join", type: "flow.join", position: at, settings: { mode: "first" } },
      ...after.nodes,
    ],
    edges: [
      { id: "in", source: "in", sourcePort: "out", target: "par" },
      ...branches.flatMap((b, i) => [
        { id: `b${i}`, source: "par", sourcePort: `branch-${i + 1}`, target: b.id },
        ...b.ports.map((port) => ({ id: `${b.id}-${port}`, source: b.id, sourcePort: port, target: "join" })),
      ]),
      ...after.edges,
    ],
  } satisfies FlowDocument;
}

const call = (id: string, flowId: string) => ({ id, type: "flow.call-subflow", settings: { flowId }, ports: ["done", "failed"] });
const statuses = (engine: Engine, flowId: string) =>
  (testDb(engine).prepare(`SELECT status FROM "Instance" WHERE flowId = ? ORDER BY id`).all(flowId) as { status: string }[]).map((r) => r.status);

describe("subflows in a Run in parallel whose Join takes the first branch", () => {
  const t = useTestEngine();

  it("cancels the called flow of the branch that lost, so the caller gets the customer's next reply", async () => {
    const child = await publishFlow(t.engine, "Asks", ASKING_CHILD);
    const parent = await publishFlow(
      t.engine,
      "Parent",
      firstOf([call("call", child.flowId), { id: "pause", type: "timer.delay", settings: { amount: 1, unit: "minutes" }, ports: ["out"] }], {
        nodes: [
          { id: "w", type: "message.wait-reply", position: at, settings: { timeoutSeconds: 0 } },
          { id: "say", type: "message.send", position: at, settings: { text: "parent got {{message.text}}" } },
          { id: "end", type: "flow.end", position: at, settings: {} },
        ],
        edges: [
          { id: "j", source: "join", sourcePort: "out", target: "w" },
          { id: "r", source: "w", sourcePort: "reply", target: "say" },
          { id: "s", source: "say", sourcePort: "out", target: "end" },
        ],
      }),
    );
    const first = await t.engine.receive("webchat", chat("v", "m-1", "hi"));
    t.clock.advance(MINUTE);
    await t.engine.fireDueTimers(); // the delay wins; the call's branch stops

    expect(statuses(t.engine, child.flowId)).toEqual(["cancelled"]);
    expect(countRows(t.engine, "Timer", "status = 'pending'")).toBe(0); // the child's reply timeout too
    const reply = await t.engine.receive("webchat", chat("v", "m-2", "my answer"));
    expect(reply.instanceId).toBe(first.instanceId);
    expect(statuses(t.engine, parent.flowId)).toEqual(["completed"]);
  });

  it("does not start a second call whose branch already lost to a call that ended at once", async () => {
    const quick = await publishFlow(t.engine, "Quick", QUICK_CHILD);
    const slow = await publishFlow(t.engine, "Slow", ASKING_CHILD);
    const parent = await publishFlow(
      t.engine,
      "Parent",
      firstOf([call("c1", quick.flowId), call("c2", slow.flowId)], {
        nodes: [{ id: "end", type: "flow.end", position: at, settings: {} }],
        edges: [{ id: "j", source: "join", sourcePort: "out", target: "end" }],
      }),
    );
    await t.engine.receive("webchat", chat("v", "m-1", "hi"));
    await t.engine.dispatch();
    expect(statuses(t.engine, parent.flowId)).toEqual(["completed"]);
    expect(statuses(t.engine, quick.flowId)).toEqual(["completed"]);
    expect(statuses(t.engine, slow.flowId)).toEqual([]);
    expect(t.channel.texts()).toEqual([]);
  });
});
