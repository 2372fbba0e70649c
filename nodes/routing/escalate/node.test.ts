import { describe, expect, it } from "vitest";
import type { FlowDocument } from "../../../engine/contracts/flow";
import { effectsOf, startFlow } from "../../../engine/testing/flow-harness";
import { NODE_ID, nodeIssues, portsOf, runNode } from "../../../engine/testing/run-node";

const TYPE = "routing.escalate";
const at = { x: 0, y: 0 };

/** message → operator task (30 min SLA) → on breach: escalate → done / breached again. */
function breachThenEscalate(escalate: Record<string, unknown>): FlowDocument {
  return {
    nodes: [
      { id: "in", type: "trigger.message-received", position: at, settings: { channel: "any" } },
      {
        id: "task",
        type: "routing.operator-task",
        position: at,
        settings: { queue: "conflicts", title: "Complaint", outcomes: ["resolved", "refunded"], slaMinutes: 30 },
      },
      { id: "esc", type: TYPE, position: at, settings: escalate },
      { id: "ok", type: "flow.end", position: at, settings: { outcome: "in-time" } },
      { id: "late", type: "flow.end", position: at, settings: { outcome: "escalated" } },
      ...(portsOf(TYPE, escalate).includes("sla-breached") ? [{ id: "lost", type: "flow.end", position: at, settings: { outcome: "missed-twice" } }] : []),
    ],
    edges: [
      { id: "e1", source: "in", sourcePort: "out", target: "task" },
      { id: "e2", source: "task", sourcePort: "outcome-resolved", target: "ok" },
      { id: "e3", source: "task", sourcePort: "outcome-refunded", target: "ok" },
      { id: "e4", source: "task", sourcePort: "sla-breached", target: "esc" },
      { id: "e5", source: "esc", sourcePort: "done", target: "late" },
      ...(portsOf(TYPE, escalate).includes("sla-breached") ? [{ id: "e6", source: "esc", sourcePort: "sla-breached", target: "lost" }] : []),
    ],
  };
}

describe("routing.escalate", () => {
  it("moves the task whose SLA was breached to supervisors, urgent, with a new SLA", () => {
    const run = startFlow(breachThenEscalate({ slaMinutes: 15, note: "{{customer.name}} waited 30 min" }), "I want a refund");
    const taskId = effectsOf(run.effects, "task.create")[0].key;
    const step = run.fireTimer();
    expect(step.trail).toEqual(["esc"]);
    expect(step.effects).toEqual([
      {
        kind: "task.escalate",
        key: "inst-1:3",
        nodeId: "esc",
        taskId,
        queue: "supervisors",
        priority: "urgent",
        slaMs: 15 * 60_000,
        note: "Ann waited 30 min",
      },
      { kind: "timer.set", key: "inst-1:4", nodeId: "esc", delayMs: 15 * 60_000 },
    ]);
    expect(run.state.context.openTasks).toEqual([{ taskId, nodeId: "esc" }]);
  });

  it("continues on Completed with the outcome the operator picked on the moved task", () => {
    const run = startFlow(breachThenEscalate({ slaMinutes: 15 }), "refund");
    const taskId = effectsOf(run.effects, "task.create")[0].key;
    run.fireTimer();
    const timerId = effectsOf(run.effects, "timer.set").at(-1)!.key;
    const done = run.completeTask("refunded", taskId);
    expect(run.outcome).toBe("escalated");
    expect(run.state.context.task).toEqual({ outcome: "refunded" });
    expect(run.state.context.openTasks).toEqual([]);
    expect(done.effects).toEqual([{ kind: "timer.cancel", key: "inst-1:5", nodeId: "esc", timerId }]);
  });

  it("continues on SLA breached when the escalated task is still open, leaving it open", () => {
    const run = startFlow(breachThenEscalate({ slaMinutes: 15 }), "refund");
    run.fireTimer();
    run.fireTimer();
    expect(run.outcome).toBe("missed-twice");
    expect(run.state.context.openTasks?.map((t) => t.nodeId)).toEqual(["esc"]);
  });

  it("in parallel branches, escalates the task whose SLA was missed, not the newest one", () => {
    const task = (id: string, sla: number) => ({
      id,
      type: "routing.operator-task",
      position: at,
      settings: { queue: "support", title: id, outcomes: ["done"], slaMinutes: sla },
    });
    const escalate = (id: string) => ({ id, type: TYPE, position: at, settings: { slaMinutes: 0 } });
    const run = startFlow(
      {
        nodes: [
          { id: "in", type: "trigger.message-received", position: at, settings: {} },
          { id: "par", type: "flow.parallel", position: at, settings: { branches: 2 } },
          task("first", 10),
          escalate("esc-first"),
          task("second", 60),
          escalate("esc-second"),
          { id: "join", type: "flow.join", position: at, settings: {} },
          { id: "end", type: "flow.end", position: at, settings: {} },
        ],
        edges: [
          { id: "1", source: "in", sourcePort: "out", target: "par" },
          { id: "2", source: "par", sourcePort: "branch-1", target: "first" },
          { id: "3", source: "par", sourcePort: "branch-2", target: "second" },
          { id: "4", source: "first", sourcePort: "outcome-done", target: "join" },
          { id: "5", source: "first", sourcePort: "sla-breached", target: "esc-first" },
          { id: "6", source: "esc-first", sourcePort: "done", target: "join" },
          { id: "7", source: "second", sourcePort: "outcome-done", target: "join" },
          { id: "8", source: "second", sourcePort: "sla-breached", target: "esc-second" },
          { id: "9", source: "esc-second", sourcePort: "done", target: "join" },
          { id: "10", source: "join", sourcePort: "out", target: "end" },
        ],
      },
      "help",
    );
    const [first] = effectsOf(run.effects, "task.create");
    const firstSla = effectsOf(run.effects, "timer.set").find((t) => t.nodeId === "first")!;
    run.send({ type: "timer.fired", at: 0, timerId: firstSla.key, nodeId: "first" });
    expect(effectsOf(run.last.effects, "task.escalate")).toMatchObject([{ nodeId: "esc-first", taskId: first.key }]);
  });

  it("does not move a task completed after its breach, while the flow waited elsewhere: it opens a new one", () => {
    const run = startFlow(
      {
        nodes: [
          { id: "in", type: "trigger.message-received", position: at, settings: {} },
          { id: "task", type: "routing.operator-task", position: at, settings: { queue: "support", title: "Help", outcomes: ["done"], slaMinutes: 10 } },
          { id: "pause", type: "timer.delay", position: at, settings: { amount: 5, unit: "minutes" } },
          { id: "esc", type: TYPE, position: at, settings: { slaMinutes: 0 } },
          { id: "end", type: "flow.end", position: at, settings: {} },
        ],
        edges: [
          { id: "1", source: "in", sourcePort: "out", target: "task" },
          { id: "2", source: "task", sourcePort: "outcome-done", target: "end" },
          { id: "3", source: "task", sourcePort: "sla-breached", target: "pause" },
          { id: "4", source: "pause", sourcePort: "out", target: "esc" },
          { id: "5", source: "esc", sourcePort: "done", target: "end" },
        ],
      },
      "help",
    );
    const [task] = effectsOf(run.effects, "task.create");
    run.fireTimer(); // SLA breached → the delay
    run.completeTask("done", task.key); // nobody waits on it now
    expect(run.state.context.openTasks).toEqual([]);
    run.fireTimer(); // the delay ends → Escalate
    expect(effectsOf(run.last.effects, "task.escalate")).toEqual([]);
    expect(effectsOf(run.last.effects, "task.create")).toMatchObject([{ queue: "supervisors", outcomes: ["done"] }]);
  });

  it("escalates to another queue when told to", () => {
    const run = startFlow(breachThenEscalate({ to: "queue", queue: "senior-support", priority: "high", slaMinutes: 0 }), "refund");
    run.fireTimer();
    expect(effectsOf(run.effects, "task.escalate")[0]).toMatchObject({ queue: "senior-support", priority: "high", slaMs: 0 });
    expect(effectsOf(run.effects, "timer.set")).toHaveLength(1); // only the first task's SLA
  });

  it("opens a new task in the target queue when the flow has no open task", () => {
    const run = runNode(TYPE, { slaMinutes: 0, note: "Fraud suspected", title: "Check {{customer.name}}" });
    expect(run.status).toBe("waiting");
    expect(run.effects).toEqual([
      {
        kind: "task.create",
        key: "inst-1:1",
        nodeId: NODE_ID,
        queue: "supervisors",
        priority: "urgent",
        slaMs: 0,
        title: "Check Ann",
        steps: ["Fraud suspected"],
        outcomes: ["done"],
      },
    ]);
    run.completeTask("done");
    expect(run.port).toBe("done");
  });

  it("needs a queue name when escalating to a queue, and valid placeholders", () => {
    expect(nodeIssues(TYPE, { to: "queue", queue: "" })).toMatchObject([{ code: "invalid-settings", nodeId: NODE_ID, field: "queue" }]);
    expect(nodeIssues(TYPE, { note: "{{nope}}" })).toMatchObject([{ code: "invalid-settings", nodeId: NODE_ID, field: "note" }]);
    expect(portsOf(TYPE, { slaMinutes: 0 })).toEqual(["done"]);
  });
});
