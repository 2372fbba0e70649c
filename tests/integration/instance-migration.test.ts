import { describe, expect, it } from "vitest";
import type { FlowDocument } from "../../engine/contracts/flow";
import { chat, countRows, instanceRow, publishFlow, stepLog, useTestEngine } from "../../engine/testing/test-engine";
import { testDb } from "../../engine/testing/test-db";
import { parallelFlow } from "../../engine/testing/parallel-flows";

const pos = { x: 0, y: 0 };
const HOUR = 3_600_000;

/**
 * Greets, waits an hour for a reply (else nudges), then waits on an operator task with a 30-minute SLA
 * (breached: a note to the customer). Every text carries the version; v2 renames the reply wait
 * (`wait` → `wait-for-reply`) so the suggestion cannot map it, and keeps the task's id.
 */
const versioned = (v: "v1" | "v2", task: { outcomes?: string[]; slaMinutes?: number } = {}): FlowDocument => {
  const wait = v === "v1" ? "wait" : "wait-for-reply";
  const { outcomes = ["done"], slaMinutes = 30 } = task;
  return {
    nodes: [
      { id: "start", type: "trigger.message-received", position: pos, settings: { channel: "any" } },
      { id: "hello", type: "message.send", position: pos, settings: { text: `${v}: hello` } },
      { id: wait, type: "message.wait-reply", position: pos, settings: { timeoutSeconds: 3600 } },
      { id: "nudge", type: "message.send", position: pos, settings: { text: `${v}: still there?` } },
      { id: "task", type: "routing.operator-task", position: pos, settings: { title: `${v} task`, outcomes, slaMinutes } },
      ...(slaMinutes ? [{ id: "late", type: "message.send", position: pos, settings: { text: `${v}: sorry for the wait` } }] : []),
      { id: "bye", type: "message.send", position: pos, settings: { text: `${v}: bye` } },
      { id: "end", type: "flow.end", position: pos, settings: {} },
    ],
    edges: [
      { id: "e1", source: "start", sourcePort: "out", target: "hello" },
      { id: "e2", source: "hello", sourcePort: "out", target: wait },
      { id: "e3", source: wait, sourcePort: "reply", target: "task" },
      { id: "e4", source: wait, sourcePort: "timeout", target: "nudge" },
      { id: "e5", source: "nudge", sourcePort: "out", target: "end" },
      { id: "e6", source: "task", sourcePort: `outcome-${outcomes[0]}`, target: "bye" },
      { id: "e7", source: "bye", sourcePort: "out", target: "end" },
      ...(slaMinutes
        ? [
            { id: "e8", source: "task", sourcePort: "sla-breached", target: "late" },
            { id: "e9", source: "late", sourcePort: "out", target: "end" },
          ]
        : []),
    ],
  };
};

const t = useTestEngine();

/** Dispatches the outbox and returns what went out since the last call, as (visitor, text). */
async function drainSent(): Promise<[string, string][]> {
  await t.engine.dispatch();
  return t.channel.sent.splice(0).map((m) => [m.address, m.text]);
}

/** Publishes v1 and leaves `onReply` visitors waiting for their reply and `onTask` visitors on the operator task. */
async function waitingOnV1(onReply: number, onTask: number) {
  const { flowId, versionId: v1 } = await publishFlow(t.engine, "Migrating", versioned("v1"));
  const ids: Record<string, string> = {};
  for (let i = 0; i < onReply + onTask; i++) {
    const visitor = i < onReply ? `reply-${i}` : `task-${i}`;
    ids[visitor] = (await t.engine.receive("webchat", chat(visitor, `${visitor}-1`, "hi"))).instanceId!;
    if (i >= onReply) await t.engine.receive("webchat", chat(visitor, `${visitor}-2`, "my parcel is late"));
  }
  await drainSent();
  return { flowId, v1, ids };
}

async function publishV2(flowId: string, task: Parameters<typeof versioned>[1] = {}) {
  await t.engine.flows.saveDraft(flowId, versioned("v2", task));
  return (await t.engine.flows.publish(flowId)).id;
}

const timersOf = (instanceId: string) =>
  testDb(t.engine).prepare(`SELECT nodeId, dueAt, status FROM "Timer" WHERE instanceId = ? ORDER BY dueAt`).all(instanceId) as {
    nodeId: string;
    dueAt: number;
    status: string;
  }[];
const tasksOf = (instanceId: string) =>
  testDb(t.engine).prepare(`SELECT id, nodeId, status, title FROM "Task" WHERE instanceId = ?`).all(instanceId) as {
    id: string;
    nodeId: string;
    status: string;
    title: string;
  }[];
const system = { actor: { kind: "system" as const } };

describe("migrating waiting instances to a new version", () => {
  it("previews the waiting nodes with counts, suggests same-id nodes, and refuses while a waiting node is unmapped", async () => {
    const { flowId, v1 } = await waitingOnV1(2, 1);
    const v2 = await publishV2(flowId);

    const plan = await t.engine.migrations.preview({ flowId });
    expect(plan.sources).toEqual([{ versionId: v1, number: 1, waiting: 3 }]);
    expect(plan.from).toEqual({ versionId: v1, number: 1, waiting: 3 });
    expect(plan.to).toEqual({ versionId: v2, number: 2 });
    expect(plan.rows).toEqual([
      { nodeId: "task", type: "routing.operator-task", waiting: 1, target: "task", targetType: "routing.operator-task", suggested: "task" },
      { nodeId: "wait", type: "message.wait-reply", waiting: 2, target: null, targetType: null, suggested: null },
    ]);
    expect(plan.targets.map((n) => n.nodeId)).toEqual(["wait-for-reply", "task"]);
    expect(plan.problems).toMatchObject([{ code: "migration.unmapped", nodeId: "wait", message: expect.stringContaining('waiting node "wait"') }]);

    await expect(t.engine.migrations.apply({ flowId, fromVersionId: v1, mapping: plan.mapping! }, system)).rejects.toMatchObject({
      code: "migration.unmapped",
      params: { node: "wait", version: 2 },
    });
    expect(countRows(t.engine, "Instance", "versionId = ?", v1)).toBe(3);
  });

  it("refuses a node of another kind, one that does not wait for a timer the old one holds, and one missing a task's outcome", async () => {
    const { flowId, v1 } = await waitingOnV1(1, 1);
    await publishV2(flowId);
    const refusal = async (mapping: Record<string, string>) => (await t.engine.migrations.preview({ flowId, fromVersionId: v1, mapping })).problems;

    expect(await refusal({ wait: "task", task: "task" })).toMatchObject([
      { code: "migration.different-kind", params: { node: "wait", type: "message.wait-reply", target: "task", targetType: "routing.operator-task" } },
    ]);
    expect(await refusal({ wait: "wait-for-reply", task: "nowhere" })).toMatchObject([{ code: "migration.unknown-target", nodeId: "task" }]);

    await publishV2(flowId, { slaMinutes: 0, outcomes: ["resolved"] });
    const problems = await refusal({ wait: "wait-for-reply", task: "task" });
    expect(problems.map((p) => [p.code, p.params])).toEqual([
      ["migration.missing-outcome", { node: "task", target: "task", outcome: "done" }],
      ["migration.cannot-wait", { node: "task", target: "task", event: "timer.fired" }],
    ]);
    await expect(t.engine.migrations.apply({ flowId, fromVersionId: v1, mapping: { wait: "wait-for-reply", task: "task" } }, system)).rejects.toThrow(
      'waiting node "task" has tasks that may end "done", which "task" has no output for',
    );
  });

  it("moves 250 instances in two batches; timers keep their due time on the new node and open tasks resume the instance on v2", async () => {
    const { flowId, v1, ids } = await waitingOnV1(249, 1);
    t.clock.advance(10 * 60_000);
    const v2 = await publishV2(flowId);
    const replyTimer = timersOf(ids["reply-0"]);
    const [task] = tasksOf(ids["task-249"]);
    const slaTimer = timersOf(ids["task-249"]).filter((r) => r.status === "pending");

    const result = await t.engine.migrations.apply({ flowId, fromVersionId: v1, mapping: { wait: "wait-for-reply", task: "task" } }, system);
    expect(result).toMatchObject({ from: { versionId: v1, number: 1 }, to: { versionId: v2, number: 2 }, moved: 250, skipped: 0, batches: 2 });
    expect(result).toMatchObject({ timers: 250, tasks: 1 });
    expect(result.nodes).toEqual([
      { from: "wait", to: "wait-for-reply", count: 249 },
      { from: "task", to: "task", count: 1 },
    ]);
    expect(countRows(t.engine, "Instance", "versionId = ? AND status = 'waiting'", v2)).toBe(250);
    expect(instanceRow(t.engine, ids["reply-0"])).toMatchObject({ versionId: v2, state: "n_wait-for-reply" });
    expect(stepLog(t.engine, ids["reply-0"]).at(-1)).toMatchObject({
      type: "instance.migrated",
      payload: { migrationId: result.migrationId, from: { number: 1 }, to: { number: 2 }, nodes: [{ from: "wait", to: "wait-for-reply" }] },
    });
    const [audited] = t.engine.audit.list({ action: "instances.migrated" }).rows;
    expect(audited).toMatchObject({ targetType: "flow", targetId: flowId, outcome: "ok" });
    expect(JSON.parse(audited.detail)).toMatchObject({ moved: 250, batches: 2, nodes: result.nodes });

    // Timers keep their due time, addressed to the new node; the open task keeps its id and stays open.
    expect(timersOf(ids["reply-0"])).toEqual([{ ...replyTimer[0], nodeId: "wait-for-reply" }]);
    expect(timersOf(ids["task-249"]).filter((r) => r.status === "pending")).toEqual(slaTimer);
    expect(tasksOf(ids["task-249"])).toEqual([{ ...task, status: "open" }]);

    // A reply continues on v2; the hour runs out for the others on v2's Timeout path.
    await t.engine.receive("webchat", chat("reply-0", "reply-0-2", "here"));
    expect(instanceRow(t.engine, ids["reply-0"])).toMatchObject({ versionId: v2, state: "n_task" });
    expect(tasksOf(ids["reply-0"])).toMatchObject([{ title: "v2 task", status: "open" }]);
    await t.engine.completeTask(task.id, "done");
    expect(instanceRow(t.engine, ids["task-249"])).toMatchObject({ versionId: v2, status: "completed" });
    t.clock.advance(HOUR);
    await t.engine.fireDueTimers();
    const sent = await drainSent();
    expect(sent).toContainEqual(["task-249", "v2: bye"]);
    expect(sent).toContainEqual(["reply-1", "v2: still there?"]);
    expect(sent.filter(([, text]) => text.startsWith("v1"))).toEqual([]);
  }, 60_000);

  it("an SLA timer that followed its task leads to v2's breach path", async () => {
    const { flowId, v1, ids } = await waitingOnV1(0, 1);
    const v2 = await publishV2(flowId);
    await t.engine.migrations.apply({ flowId, fromVersionId: v1, mapping: { task: "task" } }, system);
    t.clock.advance(31 * 60_000);
    await t.engine.fireDueTimers();
    expect(await drainSent()).toEqual([["task-0", "v2: sorry for the wait"]]);
    expect(instanceRow(t.engine, ids["task-0"])).toMatchObject({ versionId: v2, status: "completed" });
    expect(tasksOf(ids["task-0"])).toMatchObject([{ status: "open", nodeId: "task" }]); // breached, still queued
  });

  it("moves an instance resting in two branches of a Run in parallel, and refuses a target without that Run in parallel", async () => {
    const task = { id: "task", type: "routing.operator-task", settings: { title: "Call back", outcomes: ["done"] }, out: "outcome-done" };
    const branches = (delay: string) => [[task], [{ id: delay, type: "timer.delay", settings: { amount: 10, unit: "minutes" } }]];
    const { flowId, versionId: v1 } = await publishFlow(t.engine, "Parallel", parallelFlow(branches("wait"), { after: "v1: all done" }));
    const id = (await t.engine.receive("webchat", chat("ann", "ann-1", "call me"))).instanceId!;
    const flat: FlowDocument = {
      nodes: [
        { id: "t", type: "trigger.message-received", position: pos, settings: { channel: "any" } },
        { id: "task", type: "routing.operator-task", position: pos, settings: { title: "Call back", outcomes: ["done"] } },
        { id: "pause", type: "timer.delay", position: pos, settings: { amount: 10, unit: "minutes" } },
        { id: "end", type: "flow.end", position: pos, settings: {} },
      ],
      edges: [
        { id: "1", source: "t", sourcePort: "out", target: "task" },
        { id: "2", source: "task", sourcePort: "outcome-done", target: "pause" },
        { id: "3", source: "pause", sourcePort: "out", target: "end" },
      ],
    };
    await t.engine.flows.saveDraft(flowId, flat);
    await t.engine.flows.publish(flowId);
    const mapping = { task: "task", wait: "pause" };
    expect((await t.engine.migrations.preview({ flowId, fromVersionId: v1, mapping })).problems).toMatchObject([
      { code: "migration.state-unresolved", params: { node: "task", version: 2 } },
    ]);

    await t.engine.flows.saveDraft(flowId, parallelFlow(branches("pause"), { after: "v2: all done" }));
    const v3 = (await t.engine.flows.publish(flowId)).id;
    const result = await t.engine.migrations.apply({ flowId, fromVersionId: v1, mapping }, system);
    expect(result).toMatchObject({ moved: 1, timers: 1, tasks: 1, to: { number: 3 } });
    expect(JSON.parse(instanceRow(t.engine, id).state)).toEqual({ n_par: { "branch-1": "n_task", "branch-2": "n_pause" } });
    await t.engine.completeTask(tasksOf(id)[0].id, "done");
    t.clock.advance(10 * 60_000);
    await t.engine.fireDueTimers();
    expect(instanceRow(t.engine, id)).toMatchObject({ versionId: v3, status: "completed" });
    expect((await drainSent()).map(([, text]) => text)).toContain("v2: all done");
  });
});
