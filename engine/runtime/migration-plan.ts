import { type MachineJson, stateId } from "../compiler/compile";
import { englishErrorText, type ErrorParams } from "../contracts/error-texts";
import type { FlowDocument } from "../contracts/flow";
import type { StateJson } from "../../nodes/_kit/define-node";
import { findNodeSpec } from "../../nodes/registry";
import type { PersistedState } from "./step";

/** Where each waiting node of the old version goes: old node id → new node id. */
export type NodeMapping = Record<string, string>;

/** A published version as a plan reads it: its graph and compiled machine. */
export type PlanVersion = { number: number; document: FlowDocument; machine: MachineJson };

export type MigrationProblemCode =
  | "migration.unmapped"
  | "migration.unknown-target"
  | "migration.different-kind"
  | "migration.cannot-wait"
  | "migration.missing-outcome"
  | "migration.state-unresolved";

/** Why a plan cannot be applied, naming the old node (the engine's error texts word it in each language). */
export type MigrationProblem = { code: MigrationProblemCode; nodeId: string; params: ErrorParams; message: string };

/** A problem with its English text. */
export const problem = (code: MigrationProblemCode, nodeId: string, params: Record<string, string | number>): MigrationProblem => ({
  code,
  nodeId,
  params,
  message: englishErrorText(code as never, params as never),
});

/** Whether a node of a document can hold an instance (a wait for a reply, a timer, a task, a call...). */
export function nodeWaits(document: FlowDocument, nodeId: string): boolean {
  const node = document.nodes.find((n) => n.id === nodeId);
  const spec = node && findNodeSpec(node.type);
  if (!node || !spec) return false;
  return typeof spec.waits === "function" ? spec.waits(spec.settings.parse(node.settings) as never) : !!spec.waits;
}

/** The suggestion: each waiting node goes to the node of the same id, where the new version has one of the same type. */
export function suggestMapping(from: FlowDocument, to: FlowDocument, waitingNodeIds: readonly string[]): NodeMapping {
  const typeIn = (doc: FlowDocument, id: string) => doc.nodes.find((n) => n.id === id)?.type;
  return Object.fromEntries(waitingNodeIds.filter((id) => typeIn(to, id) !== undefined && typeIn(to, id) === typeIn(from, id)).map((id) => [id, id]));
}

/** A node's compiled state, wherever it sits (the top, or a branch of a Run in parallel). */
export function findState(states: Record<string, StateJson>, nodeId: string): StateJson | undefined {
  for (const [key, state] of Object.entries(states)) {
    if (key === stateId(nodeId)) return state;
    const nested = state.states as Record<string, StateJson> | undefined;
    const found = nested && findState(nested, nodeId);
    if (found) return found;
  }
  return undefined;
}

type Transition = { guard?: { params?: { outcome?: unknown } } };

/**
 * The events a state waits for; per event the outcomes its guards accept (a task's outcome ports),
 * or "any" when some transition takes the event whatever its outcome.
 */
export function waitsFor(state: StateJson | undefined): Map<string, Set<string> | "any"> {
  const taken = new Map<string, Set<string> | "any">();
  for (const [event, spec] of Object.entries((state?.on ?? {}) as Record<string, Transition | Transition[]>)) {
    const outcomes = [spec].flat().map((t) => t.guard?.params?.outcome);
    taken.set(event, outcomes.every((o) => typeof o === "string") ? new Set(outcomes as string[]) : "any");
  }
  return taken;
}

/**
 * What stops the plan, per waiting node of `from`: unmapped, mapped to a node the new version lacks,
 * to a node of another type, or to one that does not wait for everything the old one waits for (a
 * timer, a task outcome): an event it holds would then reach a node that ignores it.
 */
export function planProblems(from: PlanVersion, to: PlanVersion, waitingNodeIds: readonly string[], mapping: NodeMapping): MigrationProblem[] {
  return waitingNodeIds.flatMap((node): MigrationProblem[] => {
    const target = mapping[node];
    if (!target) return [problem("migration.unmapped", node, { node, version: to.number })];
    const targetNode = to.document.nodes.find((n) => n.id === target);
    if (!targetNode) return [problem("migration.unknown-target", node, { node, target, version: to.number })];
    const type = from.document.nodes.find((n) => n.id === node)?.type ?? "?";
    if (targetNode.type !== type) return [problem("migration.different-kind", node, { node, type, target, targetType: targetNode.type })];
    const theirs = waitsFor(findState(to.machine.states, target));
    return [...waitsFor(findState(from.machine.states, node))].flatMap(([event, outcomes]): MigrationProblem[] => {
      const taken = theirs.get(event);
      if (!taken) return [problem("migration.cannot-wait", node, { node, target, event })];
      if (outcomes === "any" || taken === "any") return [];
      return [...outcomes].filter((o) => !taken.has(o)).map((outcome) => problem("migration.missing-outcome", node, { node, target, outcome }));
    });
  });
}

/** A stored state value with each mapped node's state renamed (`n_old` → `n_new`), keys of a Run in parallel included. */
export function renameStateValue(value: unknown, mapping: NodeMapping): unknown {
  if (typeof value === "string") return value.startsWith("n_") && mapping[value.slice(2)] ? stateId(mapping[value.slice(2)]) : value;
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [renameStateValue(key, mapping) as string, renameStateValue(inner, mapping)]));
}

/** `<node>` or `<node>#<what>` (a task's SLA timer) under the node's new id. */
const renameKey = (key: string, mapping: NodeMapping) => {
  const [node, ...rest] = key.split("#");
  return [mapping[node] ?? node, ...rest].join("#");
};
const renameKeys = <V>(record: Record<string, V>, mapping: NodeMapping) =>
  Object.fromEntries(Object.entries(record).map(([key, v]) => [renameKey(key, mapping), v]));

/**
 * An instance's snapshot as the new version reads it: pinned to `toVersionId`, resting in the mapped
 * nodes, with what those nodes hold (the timer or task each is parked on, the task it is responsible
 * for, its counter) under their new ids. The keys themselves are kept, so the timer rows and tasks
 * they name still wake it.
 */
export function migrateState(state: PersistedState, mapping: NodeMapping, toVersionId: string): PersistedState {
  const c = state.context;
  return {
    ...state,
    value: renameStateValue(state.value, mapping),
    context: {
      ...c,
      versionId: toVersionId,
      waits: renameKeys(c.waits, mapping),
      counters: renameKeys(c.counters ?? {}, mapping),
      ...(c.openTasks && { openTasks: c.openTasks.map((t) => ({ ...t, nodeId: mapping[t.nodeId] ?? t.nodeId })) }),
    },
  };
}
