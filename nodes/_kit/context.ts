import type { CustomerRef, FlowEvent } from "../../engine/contracts/events";
import type { Effect } from "../../engine/effects/registry";

/** Everything a flow instance remembers between steps; it lives in the persisted snapshot. */
export type FlowContext = {
  instanceId: string;
  flowId: string;
  versionId: string;
  conversationId: string | null;
  customer: CustomerRef | null;
  /** The last message the flow consumed (the trigger's, or a reply it waited for). */
  message: { id: string; text: string; channel: string } | null;
  task: { outcome: string } | null;
  /**
   * Operator tasks still open, oldest first, with the node that waits or waited on each: what an
   * escalation moves once an SLA breach made the flow go on without them. Absent in snapshots
   * stored before escalation existed.
   */
  openTasks?: OpenTask[];
  vars: Record<string, unknown>;
  /** Key of the timer or task each waiting node is parked on; stale events are ignored. */
  waits: Record<string, string>;
  /** Per-node counters (re-ask attempts, loop passes), by node id. */
  counters: Record<string, number>;
  /** Counter behind deterministic effect keys. */
  seq: number;
  /** Drained by the engine after every step. */
  effects: Effect[];
  trail: string[];
  outcome: string | null;
  /** Set when another flow called this one: where the result goes when this instance ends. */
  caller?: SubflowCaller | null;
};

/** The calling instance, the key its `flow.call-subflow` is parked on, and the variables handed back. */
export type SubflowCaller = { instanceId: string; key: string; outputs: string[] };

export type OpenTask = { taskId: string; nodeId: string };

/** Remembers an open task under the node now responsible for it (an escalation takes a task over). */
export function rememberTask(context: FlowContext, taskId: string, nodeId: string): FlowContext {
  return { ...context, openTasks: [...forgetTask(context, taskId).openTasks!, { taskId, nodeId }] };
}

/** The task is done (or cancelled): it is no longer open. */
export function forgetTask(context: FlowContext, taskId: string): FlowContext {
  return { ...context, openTasks: (context.openTasks ?? []).filter((t) => t.taskId !== taskId) };
}

/** An effect before the engine-wide key is attached. */
export type EffectDraft = Effect extends infer E ? (E extends Effect ? Omit<E, "key"> : never) : never;

/** Appends an effect with the next deterministic key `(instance, sequence)`. */
export function emit(context: FlowContext, draft: EffectDraft): FlowContext {
  const seq = context.seq + 1;
  const effect = { ...draft, key: `${context.instanceId}:${seq}` } as Effect;
  return { ...context, seq, effects: [...context.effects, effect] };
}

/** The names a message template can read. */
export function templateScope(context: FlowContext): Record<string, unknown> {
  return { customer: context.customer, message: context.message, task: context.task, vars: context.vars };
}

/** A JSON value. */
export type Json = string | number | boolean | null | readonly Json[] | { readonly [key: string]: Json | undefined };
/** What a guard or action is handed: plain JSON, stored in the compiled machine (`{ type, params }`). */
export type Params = { readonly [key: string]: Json | undefined };

/*
 * Guards and actions are typed by their parameters. They are declared in method form so the
 * parameter is bivariant: a `NodeAction<{ nodeId: string }>` still fits the registry's list of
 * `NodeAction`s, which the runtime calls with the params the compiler wrote through the same type.
 */
export type NodeGuard<P extends Params = Params> = { guard(context: FlowContext, event: FlowEvent, params: P): boolean }["guard"];
export type NodeAction<P extends Params = Params> = { action(context: FlowContext, event: FlowEvent, params: P): FlowContext }["action"];

/** Makes a received message the one the flow is working on (`{{message.text}}`). */
export function takeMessage(context: FlowContext, event: FlowEvent): FlowContext {
  if (event.type !== "message.received") return context;
  return { ...context, message: { id: event.messageId, text: event.text, channel: event.channel } };
}

/** Parks a node on a timer or task key. */
export function park(context: FlowContext, nodeId: string, key: string): FlowContext {
  return { ...context, waits: { ...context.waits, [nodeId]: key } };
}

/** Emits an effect and parks `parkKey` (usually the node id) on that effect's key. */
export function emitAndPark(context: FlowContext, parkKey: string, draft: EffectDraft): FlowContext {
  const next = emit(context, draft);
  return park(next, parkKey, next.effects[next.effects.length - 1].key);
}

/** Clears a node's parking spot. */
export function unpark(context: FlowContext, nodeId: string): FlowContext {
  const { [nodeId]: _gone, ...waits } = context.waits;
  return { ...context, waits };
}

/** A node's counter; 0 when unset (snapshots stored before counters existed have none). */
export function counter(context: FlowContext, nodeId: string): number {
  return context.counters?.[nodeId] ?? 0;
}

/** Sets a node's counter; 0 removes it, so a node that is done leaves nothing behind. */
export function setCounter(context: FlowContext, nodeId: string, value: number): FlowContext {
  const { [nodeId]: _old, ...rest } = context.counters ?? {};
  return { ...context, counters: value === 0 ? rest : { ...rest, [nodeId]: value } };
}
