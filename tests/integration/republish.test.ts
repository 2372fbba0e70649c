import { describe, expect, it } from "vitest";
import type { FlowDocument } from "../../engine/contracts/flow";
import { chat, instanceRow, publishFlow, useTestEngine } from "../../engine/testing/test-engine";
import { testDb } from "../../engine/testing/test-db";

const pos = { x: 0, y: 0 };
/** Greets, waits for a reply, acknowledges it, waits on an operator, says bye: every text carries the version. */
const versioned = (v: string): FlowDocument => ({
  nodes: [
    { id: "start", type: "trigger.message-received", position: pos, settings: { channel: "any" } },
    { id: "hello", type: "message.send", position: pos, settings: { text: `${v}: hello` } },
    { id: "wait", type: "message.wait-reply", position: pos, settings: { timeoutSeconds: 0 } },
    { id: "got-it", type: "message.send", position: pos, settings: { text: `${v}: got "{{message.text}}"` } },
    { id: "task", type: "routing.operator-task", position: pos, settings: { title: `${v} task`, outcomes: ["done"] } },
    { id: "bye", type: "message.send", position: pos, settings: { text: `${v}: bye` } },
    { id: "end", type: "flow.end", position: pos, settings: {} },
  ],
  edges: [
    { id: "e1", source: "start", sourcePort: "out", target: "hello" },
    { id: "e2", source: "hello", sourcePort: "out", target: "wait" },
    { id: "e3", source: "wait", sourcePort: "reply", target: "got-it" },
    { id: "e4", source: "got-it", sourcePort: "out", target: "task" },
    { id: "e5", source: "task", sourcePort: "outcome-done", target: "bye" },
    { id: "e6", source: "bye", sourcePort: "out", target: "end" },
  ],
});

const t = useTestEngine();

/** Dispatches the outbox and returns what went out since the last call, as (visitor, text). */
async function drainSent(): Promise<[string, string][]> {
  await t.engine.dispatch();
  return t.channel.sent.splice(0).map((m) => [m.address, m.text]);
}

describe("republishing while instances wait", () => {
  it("keeps waiting instances on their version; new conversations start on the new one", async () => {
    const { engine } = t;
    const { flowId, versionId: v1 } = await publishFlow(engine, "Versioned", versioned("v1"));

    const onReply = (await engine.receive("webchat", chat("alice", "a-1", "hi"))).instanceId!;
    const onTask = (await engine.receive("webchat", chat("bob", "b-1", "hi"))).instanceId!;
    await engine.receive("webchat", chat("bob", "b-2", "broken"));
    expect(instanceRow(engine, onReply)).toMatchObject({ versionId: v1, state: "n_wait" });
    expect(instanceRow(engine, onTask)).toMatchObject({ versionId: v1, state: "n_task" });
    expect(await drainSent()).toEqual([
      ["alice", "v1: hello"],
      ["bob", "v1: hello"],
      ["bob", 'v1: got "broken"'],
    ]);

    await engine.flows.saveDraft(flowId, versioned("v2"));
    const v2 = (await engine.flows.publish(flowId)).id;
    expect(v2).not.toBe(v1);

    await engine.receive("webchat", chat("alice", "a-2", "it is late"));
    expect(await drainSent()).toEqual([["alice", 'v1: got "it is late"']]);
    expect(instanceRow(engine, onReply)).toMatchObject({ versionId: v1, state: "n_task" });

    const [bobsTask] = testDb(engine).prepare(`SELECT id, title FROM "Task" WHERE instanceId = ?`).all(onTask) as { id: string; title: string }[];
    expect(bobsTask.title).toBe("v1 task");
    await engine.completeTask(bobsTask.id, "done");
    expect(await drainSent()).toEqual([["bob", "v1: bye"]]);
    expect(instanceRow(engine, onTask)).toMatchObject({ versionId: v1, status: "completed" });

    const fresh = (await engine.receive("webchat", chat("carol", "c-1", "hi"))).instanceId!;
    expect(instanceRow(engine, fresh)).toMatchObject({ versionId: v2, state: "n_wait" });
    expect(await drainSent()).toEqual([["carol", "v2: hello"]]);
  });
});
