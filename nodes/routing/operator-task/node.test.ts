import { describe, expect, it } from "vitest";
import { effectsOf, taskCompleted } from "../../../engine/testing/flow-harness";
import { NODE_ID, nodeIssues, portsOf, runNode, TRIGGER_ID } from "../../../engine/testing/run-node";

const TYPE = "routing.operator-task";
const settings = {
  queue: "support",
  title: "Help {{customer.name}}: {{message.text}}",
  steps: ["Read the chat", "Answer"],
  outcomes: ["resolved", "unresolved"],
};

describe("routing.operator-task", () => {
  it("has one output per outcome", () => {
    expect(portsOf(TYPE, settings)).toEqual(["outcome-resolved", "outcome-unresolved"]);
  });

  it("creates a task with a rendered title and parks the instance on it", () => {
    const run = runNode(TYPE, settings, "my card was charged twice");
    expect(run.status).toBe("waiting");
    expect(run.trail).toEqual([TRIGGER_ID, NODE_ID]);
    expect(run.effects).toEqual([
      {
        kind: "task.create",
        key: "inst-1:1",
        nodeId: NODE_ID,
        queue: "support",
        title: "Help Ann: my card was charged twice",
        steps: ["Read the chat", "Answer"],
        outcomes: ["resolved", "unresolved"],
        priority: "normal",
        slaMs: 0,
      },
    ]);
    expect(run.state.context.waits).toEqual({ [NODE_ID]: "inst-1:1" });
  });

  it.each(["resolved", "unresolved"])("continues on the output of the outcome the operator picked (%s)", (outcome) => {
    const run = runNode(TYPE, settings);
    run.completeTask(outcome);
    expect(run.port).toBe(`outcome-${outcome}`);
    expect(run.status).toBe("completed");
    expect(run.state.context.task).toEqual({ outcome });
    expect(run.state.context.waits).toEqual({});
  });

  it("ignores an outcome the task does not have, and a different task's completion", () => {
    const run = runNode(TYPE, settings);
    const taskId = effectsOf(run.effects, "task.create")[0].key;
    expect(run.send(taskCompleted(taskId, "maybe"))).toMatchObject({ status: "waiting", trail: [], effects: [] });
    expect(run.send(taskCompleted("other-task", "resolved"))).toMatchObject({ status: "waiting", trail: [], effects: [] });
    expect(run.port).toBeNull();
  });

  it("falls due at the time the customer picked (a callback), in the node's time zone; the SLA counts from then", () => {
    // The run starts at T0, Monday 2026-01-05 09:00 UTC (10:00 in Berlin).
    const booked = { ...settings, dueAt: "{{message.text}}", timeZone: "Europe/Berlin", slaMinutes: 15 };
    const run = runNode(TYPE, booked, "15:30");
    const [task] = effectsOf(run.effects, "task.create");
    expect(new Date(task.dueAt ?? 0).toISOString()).toBe("2026-01-05T14:30:00.000Z");
    expect(effectsOf(run.effects, "timer.set")).toMatchObject([{ delayMs: (5.5 * 60 + 15) * 60_000 }]);
    // A time that cannot be read is no due time, but the operator still reads what was asked.
    const vague = effectsOf(runNode(TYPE, booked, "after lunch").effects, "task.create")[0];
    expect(vague.dueAt).toBeUndefined();
    expect(vague.steps).toEqual(["Read the chat", "Answer", "Asked for: after lunch"]);
    expect(nodeIssues(TYPE, { ...booked, timeZone: "Mars/Olympus" })).toMatchObject([{ field: "timeZone" }]);
  });

  it("ignores customer messages while it waits", () => {
    const run = runNode(TYPE, settings);
    expect(run.reply("hello?")).toMatchObject({ status: "waiting", trail: [], effects: [] });
    expect(run.state.value).toBe(`n_${NODE_ID}`);
  });

  it("rejects duplicate outcomes, a bad queue name and a bad title placeholder, each on its field", () => {
    expect(nodeIssues(TYPE, { ...settings, outcomes: ["done", "done"] })).toMatchObject([{ code: "invalid-settings", nodeId: NODE_ID, field: "outcomes" }]);
    expect(nodeIssues(TYPE, { ...settings, outcomes: [] })).toMatchObject([{ code: "invalid-settings", nodeId: NODE_ID, field: "outcomes" }]);
    expect(nodeIssues(TYPE, { ...settings, queue: "Support Team" })).toMatchObject([{ code: "invalid-settings", nodeId: NODE_ID, field: "queue" }]);
    expect(nodeIssues(TYPE, { ...settings, title: "Help {{operator.name}}" })).toMatchObject([{ code: "invalid-settings", nodeId: NODE_ID, field: "title" }]);
  });

  describe("with an SLA", () => {
    const withSla = { ...settings, priority: "high", slaMinutes: 30 };

    it("adds an SLA-breached output and arms a timer beside the task", () => {
      expect(portsOf(TYPE, withSla)).toEqual(["outcome-resolved", "outcome-unresolved", "sla-breached"]);
      const run = runNode(TYPE, withSla);
      expect(run.effects).toMatchObject([
        { kind: "task.create", priority: "high", slaMs: 30 * 60_000 },
        { kind: "timer.set", nodeId: NODE_ID, delayMs: 30 * 60_000 },
      ]);
    });

    it("continues on SLA breached when the timer fires first, and then ignores the late completion", () => {
      const run = runNode(TYPE, withSla);
      run.fireTimer();
      expect(run.port).toBe("sla-breached");
      expect(run.state.context.waits).toEqual({});
      run.completeTask("resolved");
      expect(run.port).toBe("sla-breached");
    });

    it("cancels the SLA timer when the operator completes in time", () => {
      const run = runNode(TYPE, withSla);
      const timerId = effectsOf(run.effects, "timer.set")[0].key;
      run.completeTask("resolved", effectsOf(run.effects, "task.create")[0].key);
      expect(run.port).toBe("outcome-resolved");
      expect(run.last.effects).toMatchObject([{ kind: "timer.cancel", timerId }]);
    });
  });
});

describe("routing.operator-task guided steps", () => {
  it("fills placeholders in the steps when the task is created", () => {
    const run = runNode(TYPE, { ...settings, steps: ["Call {{customer.name}} back", "Quote: {{message.text}}"] }, "refund please");
    expect(effectsOf(run.effects, "task.create")[0].steps).toEqual(["Call Ann back", "Quote: refund please"]);
  });
});
