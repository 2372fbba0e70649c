import type { FlowDocument, FlowIssue } from "../contracts/flow";
import { implName, type NodeSpec, type StateJson } from "../../nodes/_kit/define-node";
import type { ParallelStop } from "../../nodes/_kit/structure";
import type { Branching, Parallel, Region } from "./branches";
import type { ResolvedNode, Wiring } from "./resolved";
import { checkGraph } from "./validate";

/** The compiled machine: plain JSON, stored with the version, rebuilt by runtime/machine.ts. */
export type MachineJson = { id: "flow"; initial: "start"; states: Record<string, StateJson>; on?: Record<string, unknown> };

/**
 * Events every state hears when no node takes them: a task completed while nobody waits on it
 * (after its SLA breach the flow went on) is no longer open, so a later Escalate cannot move it.
 */
const ROOT_ON = { "task.completed": { actions: [{ type: "task.forget" }] } };

/** `warnings`: what the graph check found that does not stop publishing (a loop nothing but the caps would stop). */
export type CompileResult = { ok: true; machine: MachineJson; issues: []; warnings: FlowIssue[] } | { ok: false; issues: FlowIssue[] };

/** XState state id of a node. */
export const stateId = (nodeId: string) => `n_${nodeId}`;

/** Key of a branch region's last state, where the wires into the Join lead. */
const ARRIVED = "joined";
/** Its id; `:` cannot occur in a node id, so it never clashes with `n_<nodeId>`. */
export const arrivalId = (region: Region) => `${stateId(region.parallelId)}:${region.port}:${ARRIVED}`;

/**
 * The nodes an instance rests in, from its stored state: `n_<node>`, or the JSON of the object
 * value a Run in parallel gives (one waiting node per unfinished branch). Empty for `start`.
 */
export function nodeIdsOfState(state: string): string[] {
  if (state.startsWith("n_")) return [state.slice(2)];
  if (!state.startsWith("{")) return [];
  const leaves = (value: unknown): string[] =>
    typeof value === "string" ? (value.startsWith("n_") ? [value.slice(2)] : []) : Object.values(value as object).flatMap(leaves);
  return leaves(JSON.parse(state));
}

/**
 * Compiles a flow document into an XState machine config. Every node becomes one state
 * `n_<nodeId>`, at the top, or nested in a branch's region of a Run in parallel; a synthetic
 * `start` state hands the first event to the trigger that matches it.
 * Pure and deterministic: the same document gives the same JSON.
 */
export function compileFlow(doc: FlowDocument): CompileResult {
  const graph = checkGraph(doc);
  if (graph.issues.length) return { ok: false, issues: graph.issues };
  const { parallels, regionOf } = graph.branching;

  // `start` parks a new instance until its first event; each trigger claims the events it matches.
  const triggerTransitions = new Map<string, unknown[]>();
  for (const id of graph.triggers) {
    const node = graph.nodes.get(id)!;
    const eventType = node.spec.trigger!.event;
    const list = triggerTransitions.get(eventType) ?? [];
    list.push({ guard: { type: "trigger.matches", params: { nodeType: node.spec.type, settings: node.settings } }, target: `#${stateId(id)}` });
    triggerTransitions.set(eventType, list);
  }

  // A wire into the Join from inside a branch ends that branch: it leads to the region's last state.
  const targetOf = (from: string, to: string) => {
    const region = regionOf.get(from);
    return `#${region && parallels.get(region.parallelId)!.joinId === to ? arrivalId(region) : stateId(to)}`;
  };
  const nodeStates = new Map<string, StateJson>();
  for (const node of graph.nodes.values()) {
    const type = node.spec.type;
    const fragment = node.spec.compile({
      nodeId: node.id,
      settings: node.settings,
      language: doc.language ?? "en",
      target: (portId) => targetOf(node.id, graph.wiring.get(node.id)!.get(portId)!),
      action: (name, params) => ({ type: implName(type, name), ...(params && { params }) }),
      guard: (name, params) => ({ type: implName(type, name), ...(params && { params }) }),
    });
    const entry = [{ type: "node.entered", params: { nodeId: node.id } }, ...((fragment.entry as unknown[]) ?? [])];
    nodeStates.set(node.id, reenterSelfLoops({ ...fragment, id: stateId(node.id), entry }));
  }
  const states = { start: { on: Object.fromEntries(triggerTransitions) }, ...placeStates(nodeStates, graph.branching, graph.wiring, graph.nodes) };
  return { ok: true, machine: { id: "flow", initial: "start", states, on: ROOT_ON }, issues: [], warnings: graph.warnings };
}

type RegionJson = { initial: string; states: Record<string, StateJson> };

/**
 * Puts each branch's node states into its region of the parallel's state (a region per branch
 * port) and every other node at the top. Nested states keep their ids, so `#n_<node>` targets
 * resolve wherever the state sits.
 */
function placeStates(
  nodeStates: Map<string, StateJson>,
  { parallels, regionOf }: Branching,
  wiring: Wiring,
  nodes: Map<string, ResolvedNode>,
): Record<string, StateJson> {
  const regions = new Map<string, Record<string, RegionJson>>();
  for (const p of parallels.values()) {
    const first = (port: string) => wiring.get(p.id)!.get(port)!;
    regions.set(
      p.id,
      Object.fromEntries(p.branches.map((b) => [b.port, { initial: first(b.port) === p.joinId ? ARRIVED : stateId(first(b.port)), states: {} }])),
    );
  }
  const top: Record<string, StateJson> = {};
  for (const [id, state] of nodeStates) {
    const parallel = parallels.get(id);
    const region = regionOf.get(id);
    const placed = parallel ? { ...state, states: regions.get(id), ...leaving(parallel, nodes.get(id)!.spec) } : state;
    (region ? regions.get(region.parallelId)![region.port].states : top)[stateId(id)] = placed;
  }
  for (const p of parallels.values()) {
    for (const b of p.branches) regions.get(p.id)![b.port].states[ARRIVED] = arrival(p, b.port);
  }
  return top;
}

/**
 * `all`: a region's last state is final, and the parallel state's `onDone` (every region final)
 * enters the Join. `first`: arriving leaves for the Join at once, which exits the other regions.
 */
function arrival(p: Parallel, port: string): StateJson {
  const id = arrivalId({ parallelId: p.id, port });
  return p.mode === "all" ? { id, type: "final" } : { id, always: { target: `#${stateId(p.joinId)}` } };
}

/**
 * How the parallel state hands over to the Join; in `first` mode it also stops the other
 * branches, with the action the parallel's spec names for that.
 */
function leaving(p: Parallel, spec: NodeSpec): StateJson {
  if (p.mode === "all") return { onDone: { target: `#${stateId(p.joinId)}` } };
  const params: ParallelStop = { parallelId: p.id, nodeIds: p.branches.flatMap((b) => [...b.nodes]) };
  return { exit: spec.structure?.kind === "parallel" ? [{ type: implName(spec.type, spec.structure.stop), params }] : [] };
}

type Transition = { target?: string; reenter?: boolean };

/**
 * A wire from a node back into itself must run the node again: XState v5 does not exit and
 * re-enter a state for a transition to itself unless `reenter: true` is set.
 */
function reenterSelfLoops(state: StateJson): StateJson {
  const self = `#${state.id as string}`;
  const mark = (t: Transition | Transition[] | undefined): unknown => (Array.isArray(t) ? t.map(mark) : t && t.target === self ? { ...t, reenter: true } : t);
  const on = state.on as Record<string, Transition | Transition[]> | undefined;
  return {
    ...state,
    ...(state.always !== undefined && { always: mark(state.always as Transition) }),
    ...(on && { on: Object.fromEntries(Object.entries(on).map(([event, t]) => [event, mark(t)])) }),
  };
}
