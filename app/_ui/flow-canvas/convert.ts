import { MarkerType, type Edge, type Node } from "@xyflow/react";
import type { FlowDocument, FlowNode } from "@/engine/contracts/flow";
import type { Port } from "@/nodes/_kit/define-node";
import { findNodeSpec } from "@/nodes/registry";
import { nodeLook, type NodeProblem } from "./node-view";

/**
 * How a node is marked on a read-only view: on a run's path, where the run rests, or off the path;
 * on a comparison, added, changed, removed (drawn as a ghost) or only moved, faded when the same.
 */
export type NodeMark = "path" | "current" | "dim" | DiffMark;
export type DiffMark = "added" | "changed" | "removed" | "moved";
/** A comparison's marks: nodes and connections it does not name are drawn faded. */
export type DiffMarks = { nodes: ReadonlyMap<string, DiffMark>; edges: ReadonlyMap<string, "added" | "removed"> };

export type CanvasNodeData = { node: FlowNode; ports: Port[]; problems: NodeProblem[]; mark?: NodeMark; readOnly: boolean };
export type CanvasNode = Node<CanvasNodeData, "omniflow">;

export type CanvasSelection = { nodes: string[]; edges: string[] };
export const NO_SELECTION: CanvasSelection = { nodes: [], edges: [] };

const NO_PROBLEMS: NodeProblem[] = [];

export type NodeOptions = {
  measured: Record<string, { width: number; height: number }>;
  selected: ReadonlySet<string>;
  problems?: ReadonlyMap<string, NodeProblem[]>;
  highlight?: ReadonlySet<string>;
  /** Nodes a run rests in (several inside a Run in parallel). */
  current?: readonly string[];
  marks?: DiffMarks;
  readOnly: boolean;
};

/** Flow nodes -> React Flow nodes. React Flow ids are the flow's node ids. */
export function toCanvasNodes(doc: FlowDocument, o: NodeOptions): CanvasNode[] {
  return doc.nodes.map((node) => ({
    id: node.id,
    type: "omniflow",
    position: node.position,
    selected: o.selected.has(node.id),
    measured: o.measured[node.id],
    data: {
      node,
      ports: portsOf(doc, node),
      problems: o.problems?.get(node.id) ?? NO_PROBLEMS,
      mark: runMark(node.id, o) ?? (o.marks && (o.marks.nodes.get(node.id) ?? "dim")),
      readOnly: o.readOnly,
    },
  }));
}

const runMark = (id: string, o: NodeOptions): NodeMark | undefined =>
  !o.highlight ? undefined : o.current?.includes(id) ? "current" : o.highlight.has(id) ? "path" : "dim";

/** A node's ports; if its settings are too broken to tell, the ports its edges use, so they still draw. */
function portsOf(doc: FlowDocument, node: FlowNode): Port[] {
  const spec = findNodeSpec(node.type);
  const ports = spec ? nodeLook(spec, node.settings).ports : null;
  if (ports) return ports;
  const used = [...new Set(doc.edges.filter((e) => e.source === node.id).map((e) => e.sourcePort))];
  return used.map((id) => ({ id, label: id }));
}

const stroke = { idle: "#94a3b8", selected: "#4f46e5", path: "#10b981", added: "#10b981", removed: "#f43f5e" };

/** Flow edges -> React Flow edges; `sourceHandle` is the output port. */
export function toCanvasEdges(doc: FlowDocument, selected: ReadonlySet<string>, highlight?: ReadonlySet<string>, marks?: DiffMarks): Edge[] {
  return doc.edges.map((edge) => {
    const tone = selected.has(edge.id) ? "selected" : highlight?.has(edge.id) ? "path" : (marks?.edges.get(edge.id) ?? "idle");
    return {
      id: edge.id,
      source: edge.source,
      sourceHandle: edge.sourcePort,
      target: edge.target,
      selected: selected.has(edge.id),
      animated: tone === "path",
      style: {
        stroke: stroke[tone],
        strokeWidth: tone === "idle" ? 1.5 : 2.5,
        opacity: (highlight || marks) && tone === "idle" ? 0.5 : 1,
        ...(tone === "removed" && { strokeDasharray: "6 4" }),
      },
      markerEnd: { type: MarkerType.ArrowClosed, color: stroke[tone], width: 16, height: 16 },
    };
  });
}

/** The nodes a run passed through, and the edges between consecutive ones, for highlighting. */
export function pathHighlight(doc: FlowDocument, path: string[]): { nodes: Set<string>; edges: Set<string> } {
  const steps = new Set(path.slice(1).map((target, i) => `${path[i]}\u0000${target}`));
  const edges = doc.edges.filter((e) => steps.has(`${e.source}\u0000${e.target}`)).map((e) => e.id);
  return { nodes: new Set(path), edges: new Set(edges) };
}
