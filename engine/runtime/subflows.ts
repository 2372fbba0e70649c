import type { FlowEvent } from "../contracts/events";
import type { FlowContext, SubflowCaller } from "../../nodes/_kit/context";
import { findNodeSpec } from "../../nodes/registry";
import type { InstanceRepository, InstanceRow } from "../store/instances";
import type { TaskRepository } from "../store/tasks";
import type { TimerRepository } from "../store/timers";
import type { LimitStop } from "./instance-limits";
import type { BudgetStop } from "./step-budget";
import type { PersistedState, StepResult } from "./step";
import type { StartCandidate, VersionCache } from "./versions";

/** How deep subflows nest below a flow; a flow calling itself (directly or not) fails there. */
export const MAX_SUBFLOW_DEPTH = 5;

type Call = { key: string; nodeId: string; flowId: string; inputs: Record<string, unknown> };

export type SubflowDeps = {
  instances: InstanceRepository;
  timers: TimerRepository;
  tasks: TaskRepository;
  versions: VersionCache;
  start(chosen: StartCandidate, who: { customer: NonNullable<FlowContext["customer"]>; conversationId: string } | null, event: FlowEvent): string;
  advance(instance: InstanceRow, event: FlowEvent): unknown;
};

/**
 * Subflows inside the step's transaction: a `subflow.start` starts the called flow's instance (same
 * customer and conversation) or fails the caller at once; an instance that was called answers its
 * caller when it completes or gets stuck. Starts and answers are steps like any other, so a child
 * that never waits runs to its end and the caller resumes, all in the one transaction.
 */
export function createSubflows({ instances, timers, tasks, versions, start, advance }: SubflowDeps) {
  const contextOf = (row: InstanceRow) => (JSON.parse(row.snapshot) as PersistedState).context;

  /** How many callers stand above an instance (0 for one nobody called). */
  function depthOf(context: FlowContext): number {
    let depth = 0;
    for (let caller = context.caller; caller && depth < MAX_SUBFLOW_DEPTH; depth++) {
      const row = instances.get(caller.instanceId);
      caller = row ? contextOf(row).caller : null;
    }
    return depth;
  }

  /** Why the called flow cannot start with these inputs, or how to start it. */
  function resolve(parent: FlowContext, call: Call, event: FlowEvent): { error: string } | { chosen: StartCandidate } {
    if (depthOf(parent) >= MAX_SUBFLOW_DEPTH) return { error: `subflows nest at most ${MAX_SUBFLOW_DEPTH} deep; does a flow call itself?` };
    const chosen = versions.candidates().find((c) => c.flowId === call.flowId);
    if (!chosen) return { error: `flow ${call.flowId} has no published version` };
    const trigger = chosen.triggers.find((t) => findNodeSpec(t.type)?.trigger?.matches(t.settings as never, event));
    if (!trigger) return { error: `the published version of flow ${call.flowId} has no "Called by another flow" trigger` };
    const problem = findNodeSpec(trigger.type)?.trigger?.check?.(trigger.settings as never, event);
    return problem ? { error: `${problem.field}: ${problem.message}` } : { chosen };
  }

  function call(parent: FlowContext, effect: Call, at: number) {
    const event: FlowEvent = { type: "subflow.called", at, parentInstanceId: parent.instanceId, key: effect.key, inputs: effect.inputs };
    const found = resolve(parent, effect, event);
    if ("chosen" in found) {
      const who = parent.customer && parent.conversationId ? { customer: parent.customer, conversationId: parent.conversationId } : null;
      start(found.chosen, who, event);
      return;
    }
    const row = instances.get(parent.instanceId);
    if (row) advance(row, { type: "subflow.failed", at, key: effect.key, nodeId: effect.nodeId, error: found.error });
  }

  /**
   * A caller stopped waiting for these calls (a Join in `first` mode left their branch): the called
   * instances, and whatever they called in turn, are cancelled with their timers and open tasks, so
   * none of them takes the customer's next message or lands in an operator's queue.
   */
  function abandon(caller: { id: string; conversationId: string | null }, keys: string[] | null, at: number) {
    for (const child of instances.calledBy(caller.id, caller.conversationId)) {
      if (keys && !keys.includes(contextOf(child).caller!.key)) continue;
      instances.cancel(child.id, at);
      timers.cancelForInstance(child.id);
      tasks.cancelForInstance(child.id, at);
      abandon(child, null, at);
    }
  }

  /** The instance waiting on a call, and the node it waits in. */
  function parentOf(caller: SubflowCaller) {
    const parent = instances.get(caller.instanceId);
    if (!parent) return null;
    const waits = contextOf(parent).waits;
    return { parent, nodeId: Object.keys(waits).find((id) => waits[id] === caller.key) ?? "" };
  }

  return {
    /** An instance cancelled from outside (its flow deactivated): the flow that called it takes Failed, with `why`. */
    failCaller(row: InstanceRow, why: string, at: number) {
      const caller = contextOf(row).caller;
      const found = caller && parentOf(caller);
      if (found) advance(found.parent, { type: "subflow.failed", at, key: caller.key, nodeId: found.nodeId, error: why });
    },

    /** Whether an instance runs for `flowId`: it is one of that flow's, or a subflow called (at any depth) by one. */
    runsFor(instance: InstanceRow, flowId: string): boolean {
      let row: InstanceRow | undefined = instance;
      for (let depth = 0; row && depth <= MAX_SUBFLOW_DEPTH; depth++) {
        if (row.flowId === flowId) return true;
        const caller: SubflowCaller | null | undefined = contextOf(row).caller;
        row = caller ? instances.get(caller.instanceId) : undefined;
      }
      return false;
    },

    /** Cancels every waiting instance `caller` called (at any depth): it was stopped. */
    abandonAll: (caller: { id: string; conversationId: string | null }, at: number) => abandon(caller, null, at),

    /** What a written step's subflow effects do: start the calls it asked for, cancel the ones it abandoned. */
    of(result: StepResult, at: number) {
      const self = result.state.context;
      return {
        call(effect: Call) {
          // An earlier call in this step may have finished and moved the caller on (out of its branch, or to its end).
          const now = instances.get(self.instanceId);
          const context = now && contextOf(now);
          if (now?.status === "waiting" && context && Object.values(context.waits).includes(effect.key)) call(context, effect, at);
        },
        abandon: (keys: string[]) => abandon({ id: self.instanceId, conversationId: self.conversationId }, keys, at),
      };
    },

    /** Hands a finished instance's outcome and declared outputs (or why it stopped) to its caller. */
    answerCaller(result: StepResult, at: number, stop: LimitStop | BudgetStop | null) {
      const caller = result.state.context.caller;
      if (!caller || (result.status === "waiting" && !stop)) return;
      const found = parentOf(caller);
      if (!found) return;
      const { parent, nodeId } = found;
      const { vars, outcome } = result.state.context;
      const stoppedAt = String(result.state.value).replace(/^n_/, "");
      const why = !stop
        ? `the called flow stopped at node ${stoppedAt} with nothing to wait for`
        : stop.reason === "budget"
          ? `the called flow was stopped: one step ${stop.budget === "time" ? `ran past ${stop.max} ms` : `entered more than ${stop.max} nodes`}`
          : `the called flow was stopped at its limit of ${stop.max} ${stop.limit === "sends" ? "messages sent" : "steps"} a day`;
      advance(
        parent,
        result.status === "completed"
          ? {
              type: "subflow.completed",
              at,
              key: caller.key,
              nodeId,
              outcome,
              outputs: Object.fromEntries(caller.outputs.map((name) => [name, vars[name] ?? null])),
            }
          : { type: "subflow.failed", at, key: caller.key, nodeId, error: why },
      );
    },
  };
}
