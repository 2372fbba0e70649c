/**
 * Node-RED-style node tests: wire one node into a tiny flow (trigger → node → one sink per output
 * port) and run it through the compiler and the pure step functions, no database.
 * @example
 * const run = runNode("logic.text-match", { rules: [{ match: "keywords", pattern: "hours" }] }, "your hours?");
 * expect(run.port).toBe("rule-1");
 */
import { compileFlow } from "../compiler/compile";
import type { FlowEvent } from "../contracts/events";
import type { FlowDocument, FlowIssue, FlowNode } from "../contracts/flow";
import { findNodeSpec } from "../../nodes/registry";
import { startFlow, type FlowRun } from "./flow-harness";

/** Node tests import the engine through `engine/testing` only: the compiler and Simulate, re-exported. */
export { compileFlow };
export { simulateFlow } from "../simulate/simulate";

/** The id of the node under test in every tiny flow. */
export const NODE_ID = "node";
export const TRIGGER_ID = "trigger";
const sinkId = (index: number) => `sink-${index + 1}`;

const at = (x: number, y = 0) => ({ x, y });

/** The node's output ports for these settings ([] if the settings do not parse). */
export function portsOf(type: string, settings: Record<string, unknown>): string[] {
  const spec = findNodeSpec(type);
  if (!spec) return [];
  const parsed = spec.settings.safeParse(settings);
  return parsed.success ? spec.outputs(parsed.data).map((p) => p.id) : [];
}

/** trigger → node → a `flow.end` sink per output port (a trigger under test is the flow's start). */
export function tinyFlow(type: string, settings: Record<string, unknown> = {}): FlowDocument {
  const isTrigger = !!findNodeSpec(type)?.trigger;
  const nodes: FlowNode[] = [{ id: NODE_ID, type, position: at(200), settings }];
  const edges: FlowDocument["edges"] = [];
  if (!isTrigger) {
    nodes.unshift({ id: TRIGGER_ID, type: "trigger.message-received", position: at(0), settings: { channel: "any" } });
    edges.push({ id: "e-in", source: TRIGGER_ID, sourcePort: "out", target: NODE_ID });
  }
  portsOf(type, settings).forEach((port, i) => {
    nodes.push({ id: sinkId(i), type: "flow.end", position: at(400, i * 100), settings: { outcome: port } });
    edges.push({ id: `e-${i + 1}`, source: NODE_ID, sourcePort: port, target: sinkId(i) });
  });
  return { nodes, edges };
}

export type NodeRun = FlowRun & {
  /** The output port the run left the node through (null while it is still inside). */
  readonly port: string | null;
};

/** Compiles the node's tiny flow and starts it with `first` (a message text or an event). */
export function runNode(type: string, settings: Record<string, unknown> = {}, first: FlowEvent | string = "hello"): NodeRun {
  const ports = portsOf(type, settings);
  const run = startFlow(tinyFlow(type, settings), first);
  return Object.defineProperty(run, "port", {
    get() {
      const sink = run.trail.find((id) => id.startsWith("sink-"));
      return sink ? ports[Number(sink.slice("sink-".length)) - 1] : null;
    },
  }) as NodeRun;
}

/** The issues the compiler reports about the node under test (and none of the tiny flow's own). */
export function nodeIssues(type: string, settings: Record<string, unknown>): FlowIssue[] {
  return compileFlow(tinyFlow(type, settings)).issues.filter((i) => i.nodeId === NODE_ID);
}
