import { useEffect, useMemo, useRef } from "react";
import { compileFlow } from "@/engine/compiler/compile";
import type { FlowDocument, FlowIssue } from "@/engine/contracts/flow";
import { nodeProblems, type NodeProblem } from "@/app/_ui/flow-canvas/node-view";

export type FlowCheck = {
  doc: FlowDocument;
  issues: FlowIssue[];
  /** Readable problems per node id (only nodes that have some). */
  byNode: ReadonlyMap<string, NodeProblem[]>;
  /** Problems not about one node, e.g. "no trigger". */
  general: FlowIssue[];
  count: number;
};

/** Moving nodes changes nothing the compiler looks at. */
const sameGraph = (a: FlowDocument, b: FlowDocument) =>
  a.edges === b.edges &&
  a.nodes.length === b.nodes.length &&
  a.nodes.every((n, i) => n.id === b.nodes[i].id && n.type === b.nodes[i].type && n.settings === b.nodes[i].settings);

function check(doc: FlowDocument): FlowCheck {
  const { issues } = compileFlow(doc);
  const byNode = new Map<string, NodeProblem[]>();
  for (const node of doc.nodes) {
    const own = issues.filter((i) => i.nodeId === node.id);
    if (own.length) byNode.set(node.id, nodeProblems(node, own));
  }
  const general = issues.filter((i) => !i.nodeId || !doc.nodes.some((n) => n.id === i.nodeId));
  const count = general.length + [...byNode.values()].reduce((sum, list) => sum + list.length, 0);
  return { doc, issues, byNode, general, count };
}

/**
 * Runs the publish compiler on every change, client-side, so problems show as they are made.
 * Drags reuse the previous result: the same check object keeps the canvas from re-rendering.
 */
export function useFlowCheck(doc: FlowDocument): FlowCheck {
  const previous = useRef<FlowCheck | null>(null);
  const result = useMemo(() => (previous.current && sameGraph(previous.current.doc, doc) ? previous.current : check(doc)), [doc]);
  useEffect(() => {
    previous.current = result;
  }, [result]);
  return result;
}
