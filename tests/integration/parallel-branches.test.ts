import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { T0 } from "../../engine/testing/fake-clock";
import { chat, countRows, instanceRow, openTestEngine, publishFlow, stepLog, useTempDb, type TestEngine } from "../../engine/testing/test-engine";
import { operatorAndTimer } from "../../engine/testing/parallel-flows";
import { findNodeSpec } from "../../nodes/registry";
import { testDb } from "../../engine/testing/test-db";

const TEN_MINUTES = 10 * 60_000;
const tmp = useTempDb();
let t: TestEngine;
let flowId: string;

/** Closes the running engine and opens a new one on the same file, clock and provider. */
async function restart(): Promise<TestEngine> {
  await t.engine.close();
  t = openTestEngine(tmp.file, { clock: t.clock, channel: t.channel });
  return t;
}

const timers = () => testDb(t.engine).prepare(`SELECT nodeId, dueAt, status FROM "Timer"`).all();
const openTask = async () => (await t.engine.tasks.list({ status: "open" }))[0];
/** "Delay (wait)": how the instance list names a node. */
const titled = (type: string, id: string) => `${findNodeSpec(type)!.title} (${id})`;
const currentNode = async () => (await t.engine.instances.list(flowId))[0].currentNode;

afterEach(() => t.engine.close());

describe("a Run in parallel on SQLite: an operator task and a delay, then a Join", () => {
  beforeEach(async () => {
    t = openTestEngine(tmp.file);
    ({ flowId } = await publishFlow(t.engine, "Call back", operatorAndTimer()));
  });

  it("waits in both branches, survives a restart between the timer and the task, and passes the Join once", async () => {
    const { instanceId } = await t.engine.receive("webchat", chat("visitor-1", "m-1", "please call me", "Ann"));
    await t.engine.dispatch();
    expect(t.channel.texts()).toEqual(["An operator will call you back."]);
    expect(instanceRow(t.engine, instanceId!)).toMatchObject({
      status: "waiting",
      state: JSON.stringify({ n_par: { "branch-1": "n_task", "branch-2": "n_wait" } }),
    });
    expect(timers()).toEqual([{ nodeId: "wait", dueAt: T0 + TEN_MINUTES, status: "pending" }]);
    expect(await openTask()).toMatchObject({ title: "Call Ann back", queue: "support" });
    expect(await currentNode()).toBe(`${titled("routing.operator-task", "task")} + ${titled("timer.delay", "wait")}`);

    t.clock.advance(TEN_MINUTES);
    expect(await t.engine.fireDueTimers()).toBe(1);
    expect(instanceRow(t.engine, instanceId!)).toMatchObject({
      status: "waiting",
      state: JSON.stringify({ n_par: { "branch-1": "n_task", "branch-2": "joined" } }),
      stepCount: 2,
    });
    expect(await currentNode()).toBe(titled("routing.operator-task", "task"));

    await restart();
    expect(await t.engine.fireDueTimers()).toBe(0);
    const task = await openTask();
    await t.engine.completeTask(task.id, "done");
    await t.engine.dispatch();

    expect(t.channel.texts()).toEqual(["An operator will call you back.", "All done"]);
    expect(instanceRow(t.engine, instanceId!)).toMatchObject({ status: "completed", state: "n_end", stepCount: 3 });
    expect(stepLog(t.engine, instanceId!).map((s) => [s.type, s.trail])).toEqual([
      ["message.received", ["t", "par", "task", "tell", "wait"]],
      ["timer.fired", []],
      ["task.completed", ["join", "after", "end"]],
    ]);
    const { path } = await t.engine.instances.get(instanceId!);
    expect(path.filter((id) => id === "join")).toHaveLength(1);

    // Nothing left to fire or complete after another restart.
    await restart();
    t.clock.advance(TEN_MINUTES);
    expect(await t.engine.fireDueTimers()).toBe(0);
    await expect(t.engine.completeTask(task.id, "done")).rejects.toMatchObject({ message: "this task is already completed" });
    expect(countRows(t.engine, "OutboxMessage", "status = 'done'")).toBe(2);
  });

  it("passes the Join when the timer is the last to arrive, after a restart", async () => {
    const { instanceId } = await t.engine.receive("webchat", chat("visitor-2", "m-1", "call me"));
    await t.engine.completeTask((await openTask()).id, "done");
    expect(instanceRow(t.engine, instanceId!)).toMatchObject({
      status: "waiting",
      state: JSON.stringify({ n_par: { "branch-1": "joined", "branch-2": "n_wait" } }),
    });

    await restart();
    t.clock.advance(TEN_MINUTES);
    expect(await t.engine.fireDueTimers()).toBe(1);
    expect(instanceRow(t.engine, instanceId!)).toMatchObject({ status: "completed", state: "n_end", stepCount: 3 });
    expect(
      stepLog(t.engine, instanceId!)
        .flatMap((s) => s.trail)
        .filter((id) => id === "join"),
    ).toHaveLength(1);
  });
});

describe("a Join in `first` mode on SQLite", () => {
  beforeEach(async () => {
    t = openTestEngine(tmp.file);
    ({ flowId } = await publishFlow(t.engine, "Call back or wait", operatorAndTimer("first")));
  });

  it("continues on the task; the other branch's timer, due after a restart, changes nothing", async () => {
    const { instanceId } = await t.engine.receive("webchat", chat("visitor-3", "m-1", "call me"));
    await t.engine.completeTask((await openTask()).id, "done");
    expect(instanceRow(t.engine, instanceId!)).toMatchObject({ status: "completed", state: "n_end", stepCount: 2 });
    expect(countRows(t.engine, "Timer", "status = 'cancelled'")).toBe(1); // the stopped branch's delay

    await restart();
    t.clock.advance(TEN_MINUTES);
    await t.engine.fireDueTimers();
    expect(instanceRow(t.engine, instanceId!)).toMatchObject({ status: "completed", stepCount: 2 });
    await t.engine.dispatch();
    expect(t.channel.texts()).toEqual(["An operator will call you back.", "All done"]);
  });

  it("continues on the timer when it comes first, and cancels the other branch's operator task", async () => {
    const { instanceId } = await t.engine.receive("webchat", chat("visitor-4", "m-1", "call me"));
    const task = await openTask();
    t.clock.advance(TEN_MINUTES);
    await t.engine.fireDueTimers();
    expect(instanceRow(t.engine, instanceId!)).toMatchObject({ status: "completed" });
    expect(testDb(t.engine).prepare(`SELECT status FROM "Task" WHERE id = ?`).get(task.id)).toEqual({ status: "cancelled" });
    expect(await t.engine.tasks.list({ status: "open" })).toEqual([]);
    await expect(t.engine.completeTask(task.id, "done")).rejects.toThrow("this task was cancelled");
    await expect(t.engine.replyToTask(task.id, "Hello?")).rejects.toThrow("this task was cancelled");
  });
});
