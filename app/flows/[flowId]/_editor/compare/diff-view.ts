import type { DiffMark, DiffMarks } from "@/app/_ui/flow-canvas";
import type { FlowDocument } from "@/engine/contracts/flow";
import type { Locale, NodeSpec } from "@/nodes/_kit/define-node";
import type { FlowDiff } from "@/nodes/_kit/flow-diff";
import { humanize, nodeText, settingFields, textPath } from "@/nodes/_kit/texts";

/** A removed connection's id on the comparison canvas: the newer version may use its old id for another one. */
export const removedEdgeId = (id: string) => `removed:${id}`;

/** The comparison canvas: the newer document, the removed nodes and connections drawn back in as ghosts, and every mark. */
export function comparisonCanvas(after: FlowDocument, diff: FlowDiff): { document: FlowDocument; marks: DiffMarks } {
  const ghosts = diff.nodes.flatMap((n) => (n.kind === "removed" ? [n.node] : []));
  const cut = diff.edges.removed.map((e) => ({ ...e, id: removedEdgeId(e.id) }));
  const edges = new Map<string, "added" | "removed">([...diff.edges.added.map((e) => [e.id, "added"] as const), ...cut.map((e) => [e.id, "removed"] as const)]);
  return {
    document: { ...after, nodes: [...after.nodes, ...ghosts], edges: [...after.edges, ...cut] },
    marks: { nodes: new Map<string, DiffMark>(diff.nodes.map((n) => [n.node.id, n.kind])), edges },
  };
}

/** The words a value is shown with when it is not text the user typed. */
export type ValueWords = { yes: string; no: string; unset: string; empty: string };

const isChoice = (spec: NodeSpec, path: string) => settingFields(spec).some((f) => f.path === textPath(path) && f.options);

/**
 * A settings value as the settings form shows it, in `locale`: a choice by its label, yes or no,
 * a list joined by commas, an item as its labelled fields; undefined is "not set".
 */
export function shownValue(value: unknown, at: { spec?: NodeSpec; path: string; locale: Locale }, words: ValueWords): string {
  const { spec, path, locale } = at;
  const inner = (v: unknown, key: string | number) => shownValue(v, { ...at, path: `${path}.${key}` }, words);
  if (value === undefined || value === null) return words.unset;
  if (typeof value === "boolean") return value ? words.yes : words.no;
  if (Array.isArray(value)) return value.length ? value.map(inner).join(", ") : words.empty;
  if (typeof value === "object") {
    const label = (key: string) => (spec && nodeText(spec, locale).setting(`${path}.${key}`).label) ?? humanize(key);
    return Object.entries(value)
      .map(([key, v]) => `${label(key)}: ${inner(v, key)}`)
      .join("; ");
  }
  const text = String(value);
  if (!text) return words.empty;
  return spec && isChoice(spec, path) ? (nodeText(spec, locale).option(path, text) ?? humanize(text)) : text;
}
