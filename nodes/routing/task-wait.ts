import type { FlowEvent } from "../../engine/contracts/events";
import { emit, emitAndPark, forgetTask, rememberTask, unpark, type FlowContext } from "../_kit/context";

/** The SLA timer of a node waiting on a task is parked beside the task under this key. */
export const slaKey = (nodeId: string) => `${nodeId}#sla`;

/**
 * Parks a node on a task (its id) and, with an SLA, on a timer that fires when the SLA is missed
 * (counted from when the task falls due, `dueInMs` from now). The task is remembered among the
 * instance's open tasks, under this node, until it is completed.
 */
export function awaitTask(context: FlowContext, nodeId: string, taskId: string, slaMinutes: number, dueInMs = 0): FlowContext {
  const parked = rememberTask({ ...context, waits: { ...context.waits, [nodeId]: taskId } }, taskId, nodeId);
  return slaMinutes > 0 ? emitAndPark(parked, slaKey(nodeId), { kind: "timer.set", nodeId, delayMs: dueInMs + slaMinutes * 60_000 }) : parked;
}

/** The operator completed the task: record the outcome, cancel the SLA timer, forget the open task. */
export function taskDone(context: FlowContext, event: FlowEvent, nodeId: string): FlowContext {
  const timerId = context.waits[slaKey(nodeId)];
  const taskId = context.waits[nodeId];
  const task = event.type === "task.completed" ? { outcome: event.outcome } : context.task;
  const done = { ...forgetTask(unpark(unpark(context, nodeId), slaKey(nodeId)), taskId), task };
  return timerId ? emit(done, { kind: "timer.cancel", nodeId, timerId }) : done;
}

/**
 * The task that an escalation reached by `event` should move: the one whose SLA timer fired (in a
 * Run in parallel several may be open), else the newest open one.
 */
export function taskToEscalate(context: FlowContext, event: FlowEvent): string | null {
  const open = context.openTasks ?? [];
  const breached = event.type === "timer.fired" ? open.filter((t) => t.nodeId === event.nodeId).at(-1) : undefined;
  return (breached ?? open.at(-1))?.taskId ?? null;
}

/** The SLA passed: the flow moves on, the task stays queued and stays among the open tasks. */
export const slaMissed = (context: FlowContext, nodeId: string): FlowContext => unpark(unpark(context, nodeId), slaKey(nodeId));

/** Whether the event completes the task this node is parked on, with this outcome (any when omitted). */
export const completesTask = (context: FlowContext, event: FlowEvent, nodeId: string, outcome?: string) =>
  event.type === "task.completed" && context.waits[nodeId] === event.taskId && (outcome === undefined || event.outcome === outcome);

/** Whether the event is this node's SLA timer. */
export const slaFired = (context: FlowContext, event: FlowEvent, nodeId: string) =>
  event.type === "timer.fired" && context.waits[slaKey(nodeId)] === event.timerId;
