import type { FlowEvent } from "../../engine/contracts/events";
import { emit, emitAndPark, unpark, type FlowContext } from "./context";

/** Sets a durable timer for a node and parks the node on its key; nothing when delayMs <= 0. */
export function armTimer(context: FlowContext, nodeId: string, delayMs: number): FlowContext {
  if (delayMs <= 0) return context;
  return emitAndPark(context, nodeId, { kind: "timer.set", nodeId, delayMs });
}

/** Cancels the timer a node is parked on (if any) and unparks the node. */
export function disarmTimer(context: FlowContext, nodeId: string): FlowContext {
  const timerId = context.waits[nodeId];
  const next = unpark(context, nodeId);
  return timerId ? emit(next, { kind: "timer.cancel", nodeId, timerId }) : next;
}

/** Whether the event is the timer this node is parked on; an older or cancelled one is stale. */
export function ownsTimer(context: FlowContext, event: FlowEvent, nodeId: string): boolean {
  return event.type === "timer.fired" && context.waits[nodeId] === event.timerId;
}
