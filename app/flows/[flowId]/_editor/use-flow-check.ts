import { useQuery } from "@tanstack/react-query";
import { useEffect, useMemo, useRef } from "react";
import { compileFlow } from "@/engine/compiler/compile";
import type { FlowDocument, FlowIssue } from "@/engine/contracts/flow";
import { nodeProblems, type NodeProblem } from "@/app/_ui/flow-canvas/node-view";
import { useTRPC } from "@/app/_lib/trpc";
import { useMayCall } from "@/app/_lib/use-may-call";
import { findNodeSpec } from "@/nodes/registry";
import type { Locale } from "@/nodes/_kit/define-node";
import { useNodeLocale } from "@/app/_ui/use-node-text";

const NONE: FlowIssue[] = [];

export type FlowCheck = {
  doc: FlowDocument;
  /** The language the problems are worded in. */
  locale: Locale;
  /** The server's answer about called flows that this check includes. */
  linked?: FlowIssue[];
  issues: FlowIssue[];
  /** Readable problems per node id (only nodes that have some). */
  byNode: ReadonlyMap<string, NodeProblem[]>;
  /** Problems not about one node, e.g. "no trigger". */
  general: FlowIssue[];
  count: number;
  /** What publishing will warn of without refusing (a loop that waits for nobody); found once nothing blocks. */
  warnings: FlowIssue[];
};

/** Moving nodes changes nothing the compiler looks at. */
const sameGraph = (a: FlowDocument, b: FlowDocument) =>
  a.edges === b.edges &&
  a.nodes.length === b.nodes.length &&
  a.nodes.every((n, i) => n.id === b.nodes[i].id && n.type === b.nodes[i].type && n.settings === b.nodes[i].settings);

function check(doc: FlowDocument, linked: FlowIssue[], locale: Locale): FlowCheck {
  const compiled = compileFlow(doc);
  const issues = [...compiled.issues, ...linked];
  const warnings = compiled.ok && linked.length === 0 ? compiled.warnings : NONE;
  const byNode = new Map<string, NodeProblem[]>();
  for (const node of doc.nodes) {
    const own = issues.filter((i) => i.nodeId === node.id);
    if (own.length) byNode.set(node.id, nodeProblems(node, own, locale));
  }
  const general = issues.filter((i) => !i.nodeId || !doc.nodes.some((n) => n.id === i.nodeId));
  const count = general.length + [...byNode.values()].reduce((sum, list) => sum + list.length, 0);
  return { doc, locale, issues, byNode, general, count, warnings };
}

/** Nodes only the server can check: they call other flows, or outside URLs (its outbound allow list). */
const serverChecked = (type: string) => {
  const spec = findNodeSpec(type);
  return !!(spec?.callsFlow || spec?.reachesUrl);
};

/**
 * What the server checks (a Call subflow's target must be published and callable; a URL must not
 * name an internal host): those nodes and the triggers, positions left out so dragging does not ask again.
 */
function linkedPart(doc: FlowDocument): FlowDocument | null {
  if (!doc.nodes.some((n) => serverChecked(n.type))) return null;
  const nodes = doc.nodes.filter((n) => serverChecked(n.type) || findNodeSpec(n.type)?.trigger);
  return { nodes: nodes.map((n) => ({ ...n, position: { x: 0, y: 0 } })), edges: [] };
}

/**
 * Runs the publish compiler on every change, client-side, so problems show as they are made, and
 * asks the server about flows this one calls. Drags reuse the previous result: the same check
 * object keeps the canvas from re-rendering.
 */
export function useFlowCheck(doc: FlowDocument, flowId: string): FlowCheck {
  const trpc = useTRPC();
  const locale = useNodeLocale();
  const previous = useRef<FlowCheck | null>(null);
  const part = linkedPart(doc);
  // A reader who may not build flows (view only) is not asked about linked flows: the server would refuse.
  const mayAsk = useMayCall("flows.linkedFlowIssues");
  const linked = useQuery(
    trpc.flows.linkedFlowIssues.queryOptions(
      { document: part ?? { nodes: [], edges: [] }, flowId },
      { enabled: part !== null && mayAsk, placeholderData: (prior) => prior },
    ),
  );
  const linkedIssues = (part && linked.data) || NONE;
  const result = useMemo(
    () =>
      previous.current && sameGraph(previous.current.doc, doc) && previous.current.linked === linkedIssues && previous.current.locale === locale
        ? previous.current
        : { ...check(doc, linkedIssues, locale), linked: linkedIssues },
    [doc, linkedIssues, locale],
  );
  useEffect(() => {
    previous.current = result;
  }, [result]);
  return result;
}
