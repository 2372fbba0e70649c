import { Graph, layout } from "@dagrejs/dagre";
import type { FlowDocument } from "@/engine/contracts/flow";

export type Size = { width: number; height: number };
/** A node not measured yet (never drawn, e.g. off screen in a large flow): the common one-output node. */
const DEFAULT_SIZE: Size = { width: 240, height: 80 };

/**
 * Lays the flow out left to right in ranks (dagre, the layered "Sugiyama" layout): each node right
 * of what leads to it, outputs fanning out top to bottom in port order. Positions only; connections
 * to nodes the document lacks are left out. Returns `doc` itself when nothing moves.
 */
export function autoLayout(doc: FlowDocument, sizeOf: (nodeId: string) => Size | undefined): FlowDocument {
  const graph = new Graph({ multigraph: true });
  graph.setGraph({ rankdir: "LR", nodesep: 40, ranksep: 80, edgesep: 20, marginx: 0, marginy: 0 });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const node of doc.nodes) graph.setNode(node.id, { ...(sizeOf(node.id) ?? DEFAULT_SIZE) });
  for (const edge of doc.edges) if (graph.hasNode(edge.source) && graph.hasNode(edge.target)) graph.setEdge(edge.source, edge.target, {}, edge.id);
  layout(graph);
  let moved = false;
  const nodes = doc.nodes.map((node) => {
    const { x, y, width, height } = graph.node(node.id);
    // dagre gives centres; the document keeps top-left corners.
    const position = { x: Math.round(x - width / 2), y: Math.round(y - height / 2) };
    if (position.x === node.position.x && position.y === node.position.y) return node;
    moved = true;
    return { ...node, position };
  });
  return moved ? { ...doc, nodes } : doc;
}
