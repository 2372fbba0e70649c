import type { FlowDocument, FlowIssue } from "../contracts/flow";
import { implName, type StateJson } from "../../nodes/_kit/define-node";
import { checkGraph } from "./validate";

/** The compiled machine: plain JSON, stored with the version, rebuilt by runtime/machine.ts. */
export type MachineJson = { id: "flow"; initial: "start"; states: Record<string, StateJson> };

export type CompileResult = { ok: true; machine: MachineJson; issues: [] } | { ok: false; issues: FlowIssue[] };

/** XState state id of a node. */
export const stateId = (nodeId: string) => `n_${nodeId}`;
/** The node a state value stands for, or null for `start` and nested values. */
export const nodeIdOfState = (state: string) => (state.startsWith("n_") ? state.slice(2) : null);

/**
 * Compiles a flow document into an XState machine config. Every node becomes one state
 * `n_<nodeId>`; a synthetic `start` state hands the first event to the trigger that matches it.
 * Pure and deterministic: the same document gives the same JSON.
 */
export function compileFlow(doc: FlowDocument): CompileResult {
  const graph = checkGraph(doc);
  if (graph.issues.length) return { ok: false, issues: graph.issues };

  // `start` parks a new instance until its first event; each trigger claims the events it matches.
  const triggerTransitions = new Map<string, unknown[]>();
  for (const id of graph.triggers) {
    const node = graph.nodes.get(id)!;
    const eventType = node.spec.trigger!.event;
    const list = triggerTransitions.get(eventType) ?? [];
    list.push({ guard: { type: "trigger.matches", params: { nodeType: node.spec.type, settings: node.settings } }, target: `#${stateId(id)}` });
    triggerTransitions.set(eventType, list);
  }
  const states: Record<string, StateJson> = { start: { on: Object.fromEntries(triggerTransitions) } };
  for (const node of graph.nodes.values()) {
    const type = node.spec.type;
    const fragment = node.spec.compile({
      nodeId: node.id,
      settings: node.settings,
      target: (portId) => `#${stateId(graph.wiring.get(node.id)!.get(portId)!)}`,
      action: (name, params) => ({ type: implName(type, name), ...(params && { params }) }),
      guard: (name, params) => ({ type: implName(type, name), ...(params && { params }) }),
    });
    const entry = [{ type: "node.entered", params: { nodeId: node.id } }, ...((fragment.entry as unknown[]) ?? [])];
    states[stateId(node.id)] = reenterSelfLoops({ ...fragment, id: stateId(node.id), entry });
  }
  return { ok: true, machine: { id: "flow", initial: "start", states }, issues: [] };
}

type Transition = { target?: string; reenter?: boolean };

/**
 * A wire from a node back into itself must run the node again: XState v5 does not exit and
 * re-enter a state for a transition to itself unless `reenter: true` is set.
 */
function reenterSelfLoops(state: StateJson): StateJson {
  const self = `#${state.id as string}`;
  const mark = (t: Transition | Transition[] | undefined): unknown =>
    Array.isArray(t) ? t.map(mark) : t && t.target === self ? { ...t, reenter: true } : t;
  const on = state.on as Record<string, Transition | Transition[]> | undefined;
  return {
    ...state,
    ...(state.always !== undefined && { always: mark(state.always as Transition) }),
    ...(on && { on: Object.fromEntries(Object.entries(on).map(([event, t]) => [event, mark(t)])) }),
  };
}
