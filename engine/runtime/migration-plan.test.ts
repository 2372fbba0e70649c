import { describe, expect, it } from "vitest";
import { compileFlow, type MachineJson } from "../compiler/compile";
import type { FlowDocument } from "../contracts/flow";
import { initialContext } from "./machine";
import { migrateState, planProblems, renameStateValue, suggestMapping, waitsFor, findState, type PlanVersion } from "./migration-plan";
import type { PersistedState } from "./step";

const pos = { x: 0, y: 0 };
/** A trigger into one waiting node `id` of `type`, then an end. */
function oneWait(id: string, type: string, settings: Record<string, unknown>, ports: string[]): PlanVersion {
  const document: FlowDocument = {
    nodes: [
      { id: "start", type: "trigger.message-received", position: pos, settings: { channel: "any" } },
      { id, type, position: pos, settings },
      { id: "end", type: "flow.end", position: pos, settings: {} },
    ],
    edges: [{ id: "in", source: "start", sourcePort: "out", target: id }, ...ports.map((port) => ({ id: port, source: id, sourcePort: port, target: "end" }))],
  };
  const compiled = compileFlow(document);
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.issues));
  return { number: 1, document, machine: compiled.machine as MachineJson };
}

const reply = (id: string, timeoutSeconds: number) => oneWait(id, "message.wait-reply", { timeoutSeconds }, timeoutSeconds ? ["reply", "timeout"] : ["reply"]);
const task = (id: string, outcomes: string[]) =>
  oneWait(
    id,
    "routing.operator-task",
    { outcomes },
    outcomes.map((o) => `outcome-${o}`),
  );

describe("migration plan", () => {
  it("suggests the node of the same id only where its type is the same", () => {
    expect(suggestMapping(reply("wait", 60).document, reply("wait", 0).document, ["wait"])).toEqual({ wait: "wait" });
    expect(suggestMapping(reply("wait", 60).document, task("wait", ["done"]).document, ["wait"])).toEqual({});
    expect(suggestMapping(reply("wait", 60).document, reply("other", 60).document, ["wait"])).toEqual({});
  });

  it("reads what a compiled state waits for: events, and the outcomes a task's guards accept", () => {
    expect(waitsFor(findState(reply("wait", 60).machine.states, "wait"))).toEqual(
      new Map([
        ["message.received", "any"],
        ["timer.fired", "any"],
      ]),
    );
    expect(waitsFor(findState(task("t", ["yes", "no"]).machine.states, "t"))).toEqual(new Map([["task.completed", new Set(["yes", "no"])]]));
  });

  it("refuses unmapped nodes, unknown targets, other kinds, missing events and missing outcomes, naming the old node", () => {
    const codes = (from: PlanVersion, to: PlanVersion, node: string, mapping: Record<string, string>) =>
      planProblems(from, { ...to, number: 2 }, [node], mapping).map((p) => [p.code, p.nodeId, p.message]);
    expect(codes(reply("wait", 60), reply("wait", 60), "wait", {})).toEqual([
      ["migration.unmapped", "wait", 'waiting node "wait" has no node of version 2 to go to: pick one'],
    ]);
    expect(codes(reply("wait", 60), reply("wait", 60), "wait", { wait: "gone" })[0][0]).toBe("migration.unknown-target");
    expect(codes(reply("wait", 60), task("t", ["done"]), "wait", { wait: "t" })[0][0]).toBe("migration.different-kind");
    expect(codes(reply("wait", 60), reply("w2", 0), "wait", { wait: "w2" })).toEqual([
      ["migration.cannot-wait", "wait", 'waiting node "wait" waits for timer.fired, which "w2" does not: what its instances hold would be ignored'],
    ]);
    expect(codes(task("t", ["a", "b"]), task("t", ["b", "c"]), "t", { t: "t" })).toEqual([
      ["migration.missing-outcome", "t", 'waiting node "t" has tasks that may end "a", which "t" has no output for'],
    ]);
    // Waiting for more than before is fine: a reply without a timeout may go to one with a timeout.
    expect(codes(reply("wait", 0), reply("w2", 60), "wait", { wait: "w2" })).toEqual([]);
  });

  it("renames state values, keys of a Run in parallel included, and leaves unmapped states alone", () => {
    expect(renameStateValue("n_wait", { wait: "w2" })).toBe("n_w2");
    expect(renameStateValue("n_other", { wait: "w2" })).toBe("n_other");
    expect(renameStateValue({ n_par: { "branch-1": "n_wait", "branch-2": "n_par:branch-2:joined" } }, { wait: "w2" })).toEqual({
      n_par: { "branch-1": "n_w2", "branch-2": "n_par:branch-2:joined" },
    });
  });

  it("moves a snapshot: the version, the parking spots (SLA key too), the open task's node and counters follow; the keys stay", () => {
    const input = { instanceId: "i1", flowId: "f", versionId: "v1", conversationId: "c", customer: null, event: { type: "x", at: 0 } as never };
    const before: PersistedState = {
      value: "n_task",
      status: "active",
      context: {
        ...initialContext(input),
        waits: { task: "i1:3", "task#sla": "i1:4", other: "i1:1" },
        openTasks: [{ taskId: "i1:3", nodeId: "task" }],
        counters: { task: 1, loop: 2 },
      },
    };
    const after = migrateState(before, { task: "queue" }, "v2");
    expect(after.value).toBe("n_queue");
    expect(after.context).toMatchObject({
      versionId: "v2",
      waits: { queue: "i1:3", "queue#sla": "i1:4", other: "i1:1" },
      openTasks: [{ taskId: "i1:3", nodeId: "queue" }],
      counters: { queue: 1, loop: 2 },
    });
    expect(after.context.waits).not.toHaveProperty("task");
    expect(before.value).toBe("n_task"); // pure: the input is untouched
  });
});
