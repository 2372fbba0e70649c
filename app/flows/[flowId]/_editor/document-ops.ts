import type { FlowDocument, FlowNode } from "@/engine/contracts/flow";
import type { Locale, Port } from "@/nodes/_kit/define-node";
import { findNodeSpec } from "@/nodes/registry";
import { nodeLook } from "@/app/_ui/flow-canvas/node-view";

/** Pure edits of a FlowDocument. Each returns a new document and shares what did not change. */

const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

/** A short random id (`send-k3x9`), unique in `taken`; matches the document's id rule. */
export function newId(prefix: string, taken: (id: string) => boolean): string {
  for (;;) {
    const bytes = crypto.getRandomValues(new Uint8Array(4));
    const id = `${prefix}-${Array.from(bytes, (b) => alphabet[b % alphabet.length]).join("")}`;
    if (!taken(id)) return id;
  }
}

/**
 * New settings: the schema's defaults where they parse, otherwise empty (and shown as errors).
 * In a language other than English, texts people read start in that language (`ru.defaults`).
 */
function initialSettings(type: string, locale: Locale): Record<string, unknown> {
  const spec = findNodeSpec(type);
  if (!spec) return {};
  const translated = locale === "en" ? undefined : spec[locale].defaults;
  const parsed = spec.settings.safeParse({ ...translated });
  if (parsed.success) return parsed.data;
  // Required fields are missing: keep the translated texts so they still start in the reader's language.
  return translated ? { ...translated } : {};
}

/** A node of `type` at `position`, with an id not used in `doc`; its texts start in `locale`. */
export function newNode(doc: FlowDocument, type: string, position: { x: number; y: number }, locale: Locale): FlowNode {
  const prefix =
    type
      .split(".")
      .pop()!
      .replace(/[^A-Za-z0-9_-]/g, "") || "node";
  const id = newId(prefix, (candidate) => doc.nodes.some((n) => n.id === candidate));
  return { id, type, position, settings: initialSettings(type, locale) };
}

export function addNode(doc: FlowDocument, node: FlowNode): FlowDocument {
  return { ...doc, nodes: [...doc.nodes, node] };
}

export function moveNodes(doc: FlowDocument, positions: Record<string, { x: number; y: number }>): FlowDocument {
  return { ...doc, nodes: doc.nodes.map((n) => (positions[n.id] ? { ...n, position: positions[n.id] } : n)) };
}

/** Removes nodes (with their edges) and edges. */
export function removeElements(doc: FlowDocument, nodeIds: string[], edgeIds: string[]): FlowDocument {
  const nodes = new Set(nodeIds);
  const edges = new Set(edgeIds);
  return {
    ...doc,
    nodes: doc.nodes.filter((n) => !nodes.has(n.id)),
    edges: doc.edges.filter((e) => !edges.has(e.id) && !nodes.has(e.source) && !nodes.has(e.target)),
  };
}

/** Connects an output port; a port leads to one node, so an existing connection from it is replaced. */
export function connect(doc: FlowDocument, edge: { source: string; sourcePort: string; target: string }): FlowDocument {
  const kept = doc.edges.filter((e) => !(e.source === edge.source && e.sourcePort === edge.sourcePort));
  const id = newId("e", (candidate) => doc.edges.some((e) => e.id === candidate));
  return { ...doc, edges: [...kept, { id, ...edge }] };
}

/**
 * Replaces a node's settings. If that changes its ports, connections follow their port by label
 * when the ids shifted (removing rule 2 of 3 keeps rule 3's edge on what is now rule 2), keep
 * their id otherwise, and are dropped when their port is gone.
 */
export function updateSettings(doc: FlowDocument, nodeId: string, settings: Record<string, unknown>): FlowDocument {
  const node = doc.nodes.find((n) => n.id === nodeId);
  const spec = node && findNodeSpec(node.type);
  if (!node || !spec) return doc;
  const nodes = doc.nodes.map((n) => (n.id === nodeId ? { ...n, settings } : n));
  const before = nodeLook(spec, node.settings).ports;
  const after = nodeLook(spec, settings).ports;
  if (!before || !after) return { ...doc, nodes };
  const moves = portMoves(before, after);
  const edges = doc.edges.flatMap((e) => {
    if (e.source !== nodeId) return [e];
    const port = moves.get(e.sourcePort);
    if (port === undefined) return [e];
    return port === null ? [] : [port === e.sourcePort ? e : { ...e, sourcePort: port }];
  });
  const changed = edges.length !== doc.edges.length || edges.some((e, i) => e !== doc.edges[i]);
  return { ...doc, nodes, edges: changed ? edges : doc.edges };
}

/** old port id -> new port id, or null when the port is gone. Labels win; an id claimed by a label is taken. */
function portMoves(before: Port[], after: Port[]): Map<string, string | null> {
  const unique = (ports: Port[]) => {
    const counts = new Map<string, number>();
    for (const p of ports) counts.set(p.label, (counts.get(p.label) ?? 0) + 1);
    return new Map(ports.filter((p) => counts.get(p.label) === 1).map((p) => [p.label, p.id]));
  };
  const oldLabels = unique(before);
  const newLabels = unique(after);
  const byLabel = new Map(before.flatMap((p) => (oldLabels.has(p.label) && newLabels.has(p.label) ? [[p.id, newLabels.get(p.label)!]] : [])));
  const claimed = new Set(byLabel.values());
  const free = new Set(after.map((p) => p.id).filter((id) => !claimed.has(id)));
  return new Map(before.map((p) => [p.id, byLabel.get(p.id) ?? (free.has(p.id) ? p.id : null)]));
}

/** Roughly a node's footprint on the canvas, for placing new nodes without covering others. */
const FOOTPRINT = { width: 260, height: 110 };

/** `at`, or the first spot below it where a new node covers no other (clicked-in nodes do not pile up). */
export function freeSpot(doc: FlowDocument, at: { x: number; y: number }): { x: number; y: number } {
  const spot = { x: Math.round(at.x), y: Math.round(at.y) };
  const covers = (y: number) => doc.nodes.some((n) => Math.abs(n.position.x - spot.x) < FOOTPRINT.width && Math.abs(n.position.y - y) < FOOTPRINT.height);
  while (covers(spot.y)) spot.y += 40;
  return spot;
}
