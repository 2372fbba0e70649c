import { describe, expect, it } from "vitest";
import type { Engine } from "../../engine";
import { refundDeskFlow, replyAndNudgeFlow } from "../../engine/testing/flows";
import { testDb } from "../../engine/testing/test-db";
import { chat, countRows, publishFlow, useTestEngine } from "../../engine/testing/test-engine";
import { callerAs } from "../../app/_server/caller";

const instanceOf = (engine: Engine, visitor: string) =>
  (
    testDb(engine).prepare(`SELECT i.id FROM "Instance" i JOIN "CustomerIdentity" c ON c.customerId = i.customerId WHERE c.address = ?`).get(visitor) as {
      id: string;
    }
  ).id;
const openTask = (engine: Engine, instanceId: string) =>
  (testDb(engine).prepare(`SELECT id FROM "Task" WHERE instanceId = ? AND status = 'open'`).get(instanceId) as { id: string }).id;

describe("replay on draft through real SQLite", () => {
  const t = useTestEngine();

  it("feeds a real run's message and task outcome through the changed draft and names where it parts", async () => {
    await t.engine.staff.ensure({ id: "olga", name: "Olga", email: "olga@example.test", role: "operator", skills: [] });
    const { flowId } = await publishFlow(t.engine, "Refunds", refundDeskFlow("refund"));
    await t.engine.receive("webchat", chat("v-ann", "m-1", "I want a refund", "Ann"));
    const finished = instanceOf(t.engine, "v-ann");
    t.clock.advance(5 * 60_000);
    await t.engine.completeTask(openTask(t.engine, finished), "approved", "olga");
    await t.engine.receive("webchat", chat("v-bob", "m-2", "refund for order 12", "Bob"));
    const waiting = instanceOf(t.engine, "v-bob");

    // Unchanged draft: the same path as really taken.
    const same = await t.engine.replay.onDraft(finished);
    expect(same).toMatchObject({ version: 1, divergence: null, unconsumed: [], real: { status: "completed" }, draft: { status: "completed" } });
    expect(same.draft.path.map((p) => p.nodeId)).toEqual(["start", "route", "desk", "paid", "done"]);

    const draft = refundDeskFlow("money back");
    await t.engine.flows.saveDraft(flowId, draft);
    const rowsBefore = ["Instance", "InstanceEvent", "Task", "OutboxMessage", "AuditEntry"].map((table) => countRows(t.engine, table));

    const replay = await t.engine.replay.onDraft(finished);
    expect(replay.divergence).toEqual({
      index: 2,
      step: 1,
      real: { nodeId: "desk", type: "routing.operator-task", name: "Assign to queue (desk)" },
      draft: { nodeId: "hello", type: "message.send", name: expect.stringMatching(/\(hello\)$/) },
    });
    // The operator's outcome (recorded step 2) has nothing to go to: the draft already ended.
    expect(replay.unconsumed).toMatchObject([{ step: 2, type: "task.completed", reason: "ended" }]);
    expect(replay.sent).toEqual({ real: ["Your refund is on its way"], draft: ["How can we help?"], first: 0 });
    expect(replay.run.steps[0].event).toMatchObject({ type: "message.received", text: "I want a refund" });

    // A waiting instance replays too: it really waits at the desk; the draft would have answered and ended.
    const stillWaiting = await t.engine.replay.onDraft(waiting);
    expect(stillWaiting).toMatchObject({ real: { status: "waiting" }, draft: { status: "completed" }, divergence: { real: { nodeId: "desk" } } });

    // Replaying writes nothing: no instance, step, task, outbox or audit row.
    expect(["Instance", "InstanceEvent", "Task", "OutboxMessage", "AuditEntry"].map((table) => countRows(t.engine, table))).toEqual(rowsBefore);
  });

  it("lets recorded timer firings meet the draft's own timers, and reports one the draft has no timer for", async () => {
    const { flowId } = await publishFlow(t.engine, "Nudge", replyAndNudgeFlow(60));
    await t.engine.receive("webchat", chat("v-cy", "m-1", "hello"));
    t.clock.advance(60_000);
    expect(await t.engine.fireDueTimers()).toBe(1);
    const nudged = instanceOf(t.engine, "v-cy");

    await t.engine.flows.saveDraft(flowId, replyAndNudgeFlow(300));
    const replay = await t.engine.replay.onDraft(nudged);
    expect(replay.unconsumed).toMatchObject([{ step: 2, type: "timer.fired", reason: "nothing-waiting" }]);
    expect(replay.divergence).toMatchObject({ index: 3, step: 2, real: { nodeId: "nudge" }, draft: null });
    expect(replay.draft.status).toBe("waiting");
    expect(replay.sent).toEqual({ real: ["Got it: hello", "Still there?"], draft: ["Got it: hello"], first: 1 });

    await t.engine.flows.saveDraft(flowId, replyAndNudgeFlow(30));
    expect((await t.engine.replay.onDraft(nudged)).divergence).toBeNull(); // nudging earlier takes the same path
  });

  it("is for process owners and admins: others are refused, an unknown instance is named", async () => {
    await expect(callerAs(t.engine, "operator").instances.replayOnDraft({ instanceId: "x" })).rejects.toThrow("Your role may not do this.");
    await expect(callerAs(t.engine, "owner").instances.replayOnDraft({ instanceId: "nope" })).rejects.toThrow("instance nope not found");
    await expect(callerAs(t.engine, "admin").instances.replayOnDraft({ instanceId: "" })).rejects.toThrow(/instanceId/);
  });
});
