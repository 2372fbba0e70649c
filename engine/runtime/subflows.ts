import type { CustomerRef, Effect, FlowEvent } from "../contracts/events";
import type { FlowContext, SubflowCaller } from "../../nodes/_kit/context";
import { findNodeSpec } from "../../nodes/registry";
import type { InstanceRow, StepStore } from "../store/step-store";
import type { PersistedState, StepResult } from "./step";
import { iso } from "../store/db";
import type { createVersionCache, StartCandidate } from "./versions";

/** How deep subflows nest below a flow; a flow calling itself (directly or not) fails there. */
export const MAX_SUBFLOW_DEPTH = 5;

type SubflowStart = Extract<Effect, { kind: "subflow.start" }>;
type Who = { customer: CustomerRef; conversationId: string } | null;

export type SubflowDeps = {
  store: StepStore;
  versions: ReturnType<typeof createVersionCache>;
  start(chosen: StartCandidate, who: Who, event: FlowEvent): string;
  advance(instance: InstanceRow, event: FlowEvent): unknown;
};

/**
 * Subflows inside the step's transaction: a `subflow.start` starts the called flow's instance (same
 * customer and conversation) or fails the caller at once; an instance that was called answers its
 * caller when it completes or gets stuck. Starts and answers are steps like any other, so a child
 * that never waits runs to its end and the caller resumes, all in the one transaction.
 */
export function createSubflows({ store, versions, start, advance }: SubflowDeps) {
  const { statements: s } = store;
  const load = (instanceId: string) => s.instanceGet.get(instanceId) as InstanceRow | undefined;
  const contextOf = (row: InstanceRow) => (JSON.parse(row.snapshot) as PersistedState).context;

  /** How many callers stand above an instance (0 for one nobody called). */
  function depthOf(context: FlowContext): number {
    let depth = 0;
    for (let caller = context.caller; caller && depth < MAX_SUBFLOW_DEPTH; depth++) {
      const row = load(caller.instanceId);
      caller = row ? contextOf(row).caller : null;
    }
    return depth;
  }

  /** Why the called flow cannot start with these inputs, or how to start it. */
  function resolve(parent: FlowContext, effect: SubflowStart, event: FlowEvent): { error: string } | { chosen: StartCandidate } {
    if (depthOf(parent) >= MAX_SUBFLOW_DEPTH) return { error: `subflows nest at most ${MAX_SUBFLOW_DEPTH} deep; does a flow call itself?` };
    const chosen = versions.candidates().find((c) => c.flowId === effect.flowId);
    if (!chosen) return { error: `flow ${effect.flowId} has no published version` };
    const trigger = chosen.triggers.find((t) => findNodeSpec(t.type)?.trigger?.matches(t.settings as never, event));
    if (!trigger) return { error: `the published version of flow ${effect.flowId} has no "Called by another flow" trigger` };
    const problem = findNodeSpec(trigger.type)?.trigger?.check?.(trigger.settings as never, event);
    return problem ? { error: `${problem.field}: ${problem.message}` } : { chosen };
  }

  function call(parent: FlowContext, effect: SubflowStart, at: number) {
    const event: FlowEvent = { type: "subflow.called", at, parentInstanceId: parent.instanceId, key: effect.key, inputs: effect.inputs };
    const found = resolve(parent, effect, event);
    if ("chosen" in found) {
      const who = parent.customer && parent.conversationId ? { customer: parent.customer, conversationId: parent.conversationId } : null;
      start(found.chosen, who, event);
      return;
    }
    const row = load(parent.instanceId);
    if (row) advance(row, { type: "subflow.failed", at, key: effect.key, nodeId: effect.nodeId, error: found.error });
  }

  /** Hands a finished instance's outcome and declared outputs (or why it stopped) to its caller. */
  function answer(caller: SubflowCaller, result: StepResult, at: number) {
    const parent = load(caller.instanceId);
    if (!parent) return;
    const waits = contextOf(parent).waits;
    const nodeId = Object.keys(waits).find((id) => waits[id] === caller.key) ?? "";
    const { vars, outcome } = result.state.context;
    const stoppedAt = String(result.state.value).replace(/^n_/, "");
    advance(
      parent,
      result.status === "completed"
        ? { type: "subflow.completed", at, key: caller.key, nodeId, outcome, outputs: Object.fromEntries(caller.outputs.map((name) => [name, vars[name] ?? null])) }
        : { type: "subflow.failed", at, key: caller.key, nodeId, error: `the called flow stopped at node ${stoppedAt} with nothing to wait for` },
    );
  }

  /**
   * A caller stopped waiting for these calls (a Join in `first` mode left their branch): the called
   * instances, and whatever they called in turn, are cancelled with their timers and open tasks, so
   * none of them takes the customer's next message or lands in an operator's queue.
   */
  function abandon(caller: { id: string; conversationId: string | null }, keys: string[] | null, at: number) {
    const children = s.calledBy.all(caller.conversationId, caller.id) as InstanceRow[];
    for (const child of children) {
      if (keys && !keys.includes(contextOf(child).caller!.key)) continue;
      s.instanceCancel.run(iso(at), child.id);
      s.instanceTimersCancel.run(child.id);
      s.instanceTasksCancel.run(iso(at), child.id);
      abandon(child, null, at);
    }
  }

  return {
    /** Whether an instance runs for `flowId`: it is one of that flow's, or a subflow called (at any depth) by one. */
    runsFor(instance: InstanceRow, flowId: string): boolean {
      let row: InstanceRow | undefined = instance;
      for (let depth = 0; row && depth <= MAX_SUBFLOW_DEPTH; depth++) {
        if (row.flowId === flowId) return true;
        const caller: SubflowCaller | null | undefined = contextOf(row).caller;
        row = caller ? load(caller.instanceId) : undefined;
      }
      return false;
    },
    /** Call after a step is written: starts the children it asked for and answers its caller if it ended. */
    afterStep(result: StepResult, at: number) {
      const self = result.state.context;
      for (const effect of result.effects) {
        if (effect.kind === "wait.abandon") abandon({ id: self.instanceId, conversationId: self.conversationId }, effect.keys, at);
        if (effect.kind !== "subflow.start") continue;
        // An earlier call in this step may have finished and moved the caller on (out of its branch, or to its end).
        const now = load(self.instanceId);
        const context = now && contextOf(now);
        if (now?.status === "waiting" && context && Object.values(context.waits).includes(effect.key)) call(context, effect, at);
      }
      const { caller } = result.state.context;
      if (caller && result.status !== "waiting") answer(caller, result, at);
    },
  };
}
