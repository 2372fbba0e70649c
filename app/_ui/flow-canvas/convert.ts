import { MarkerType, type Edge, type Node } from "@xyflow/react";
import type { FlowDocument, FlowEdge, FlowNode } from "@/engine/contracts/flow";
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

/** An output port; `missing` is one a connection uses but the node does not have (an import from elsewhere). */
export type CanvasPort = Port & { missing?: true };

export type CanvasNodeData = { node: FlowNode; ports: CanvasPort[]; problems: NodeProblem[]; mark?: NodeMark; readOnly: boolean };
export type CanvasNode = Node<CanvasNodeData, "omniflow">;
/** Stands in for a node that connections name but the document lacks, so those connections draw and can be selected. */
export type MissingNode = Node<{ nodeId: string }, "missing">;
export type AnyCanvasNode = CanvasNode | MissingNode;

export type CanvasSelection = { nodes: string[]; edges: string[] };
export const NO_SELECTION: CanvasSelection = { nodes: [], edges: [] };

const NO_PROBLEMS: NodeProblem[] = [];
const MISSING_PREFIX = "missing:";
/** Canvas id of the marker for a missing node (flow ids never contain ":"). */
export const missingId = (nodeId: string) => `${MISSING_PREFIX}${nodeId}`;
export const isMissingId = (id: string) => id.startsWith(MISSING_PREFIX);

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

// The last canvas node built for each flow node. A drag or an edit replaces a few flow nodes and keeps
// the rest, so the rest keep their canvas node too: React Flow and the memoised FlowNode then skip them.
const built = new WeakMap<FlowNode, CanvasNode>();

const samePorts = (a: CanvasPort[], b: CanvasPort[]) => a === b || (a.length === b.length && a.every((p, i) => p.id === b[i].id && p.missing === b[i].missing));

/** Flow nodes -> React Flow nodes (ids are the flow's node ids), plus a marker per missing node that edges name. */
export function toCanvasNodes(doc: FlowDocument, o: NodeOptions): AnyCanvasNode[] {
  const usedPorts = portsInUse(doc.edges);
  const nodes = doc.nodes.map((node): CanvasNode => {
    const data: CanvasNodeData = {
      node,
      ports: portsOf(node, usedPorts.get(node.id)),
      problems: o.problems?.get(node.id) ?? NO_PROBLEMS,
      mark: runMark(node.id, o) ?? (o.marks && (o.marks.nodes.get(node.id) ?? "dim")),
      readOnly: o.readOnly,
    };
    const selected = o.selected.has(node.id);
    const measured = o.measured[node.id];
    const last = built.get(node);
    const d = last?.data;
    if (
      last &&
      d &&
      last.selected === selected &&
      last.measured === measured &&
      d.problems === data.problems &&
      d.mark === data.mark &&
      d.readOnly === data.readOnly &&
      samePorts(d.ports, data.ports)
    )
      return last;
    const next: CanvasNode = { id: node.id, type: "omniflow", position: node.position, selected, measured, data };
    built.set(node, next);
    return next;
  });
  return [...nodes, ...missingNodes(doc, o.measured)];
}

const runMark = (id: string, o: NodeOptions): NodeMark | undefined =>
  !o.highlight ? undefined : o.current?.includes(id) ? "current" : o.highlight.has(id) ? "path" : "dim";

/** Output ports each node's edges use, built once per document rather than once per node. */
function portsInUse(edges: FlowEdge[]): Map<string, Set<string>> {
  const used = new Map<string, Set<string>>();
  for (const e of edges) {
    const ports = used.get(e.source) ?? new Set<string>();
    ports.add(e.sourcePort);
    used.set(e.source, ports);
  }
  return used;
}

/**
 * A node's ports, plus any its edges use that it lacks (marked missing, so the edge draws and can be
 * deleted); if its settings are too broken to tell, the ports its edges use.
 */
function portsOf(node: FlowNode, used: Set<string> | undefined): CanvasPort[] {
  const spec = findNodeSpec(node.type);
  const ports = spec ? nodeLook(spec, node.settings).ports : null;
  if (!ports) return [...(used ?? [])].map((id) => ({ id, label: id }));
  const extra = [...(used ?? [])].filter((id) => !ports.some((p) => p.id === id));
  return extra.length ? [...ports, ...extra.map((id) => ({ id, label: id, missing: true as const }))] : ports;
}

/** Markers for node ids that edges name but the document lacks: right of the edge's source, or left of its target. */
function missingNodes(doc: FlowDocument, measured: NodeOptions["measured"]): MissingNode[] {
  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  const markers = new Map<string, MissingNode>();
  const mark = (nodeId: string, near: FlowNode | undefined, dx: number) => {
    if (byId.has(nodeId) || markers.has(nodeId)) return;
    const at = near ? { x: near.position.x + dx, y: near.position.y } : { x: 0, y: markers.size * 80 };
    const id = missingId(nodeId);
    // Its measured size goes back in, as for any node: React Flow counts a node without one as not drawn yet.
    markers.set(nodeId, { id, type: "missing", position: at, measured: measured[id], data: { nodeId }, selectable: false, draggable: false, deletable: false });
  };
  for (const e of doc.edges) {
    mark(e.target, byId.get(e.source), 320);
    mark(e.source, byId.get(e.target), -200);
  }
  return [...markers.values()];
}

const stroke = { idle: "#94a3b8", selected: "#4f46e5", path: "#10b981", broken: "#f43f5e", added: "#10b981", removed: "#f43f5e" };

/** Flow edges -> React Flow edges; `sourceHandle` is the output port. Edges to or from a missing node end at its marker. */
export function toCanvasEdges(doc: FlowDocument, selected: ReadonlySet<string>, highlight?: ReadonlySet<string>, marks?: DiffMarks): Edge[] {
  const ids = new Set(doc.nodes.map((n) => n.id));
  return doc.edges.map((edge) => {
    const broken = !ids.has(edge.source) || !ids.has(edge.target);
    const tone = selected.has(edge.id) ? "selected" : broken ? "broken" : highlight?.has(edge.id) ? "path" : (marks?.edges.get(edge.id) ?? "idle");
    return {
      id: edge.id,
      source: ids.has(edge.source) ? edge.source : missingId(edge.source),
      sourceHandle: ids.has(edge.source) ? edge.sourcePort : null,
      target: ids.has(edge.target) ? edge.target : missingId(edge.target),
      selected: selected.has(edge.id),
      animated: tone === "path",
      style: {
        stroke: stroke[tone],
        strokeWidth: tone === "idle" ? 1.5 : 2.5,
        strokeDasharray: broken || tone === "removed" ? "6 4" : undefined,
        opacity: (highlight || marks) && tone === "idle" ? 0.5 : 1,
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
