import type { FlowDocument, FlowEdge, FlowLanguage, FlowNode } from "../../engine/contracts/flow";
import type { Locale, NodeSpec } from "./define-node";
import { humanize, settingLabel } from "./texts";

/** A settings field that differs: its path, its label in the reader's language, the values before and after (undefined: not set). */
export type SettingChange = { path: string; label: string; before: unknown; after: unknown };

/** `moved`: only the position differs, which changes how the flow looks, not how it runs. */
export type NodeChangeKind = "added" | "removed" | "changed" | "moved";

/** A node that differs between two documents; `node` is the newer one (the older for a removed node). */
export type NodeChange = {
  kind: NodeChangeKind;
  node: FlowNode;
  /** For a changed node: the settings fields that differ (none when its type changed, as then all of them do). */
  settings: SettingChange[];
  /** For a changed node whose type changed: the type before and after. */
  type?: { before: string; after: string };
  /** Whether its position differs (a changed node may also have moved). */
  moved: boolean;
};

export type FlowDiff = {
  /** Newer document's order (added, changed, moved), then the removed nodes in the older one's. */
  nodes: NodeChange[];
  /** A connection is its endpoints (source, port, target): its id does not count. */
  edges: { added: FlowEdge[]; removed: FlowEdge[] };
  language: { before: FlowLanguage; after: FlowLanguage } | null;
  /** Whether anything but positions differs. */
  changed: boolean;
};

export type DiffOptions = { specOf: (type: string) => NodeSpec | undefined; locale: Locale };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => same(item, b[i]));
  if (!isRecord(a) || !isRecord(b)) return false;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((key) => same(a[key], b[key]));
}

type Difference = { path: string; before: unknown; after: unknown };

/** The leaves where two settings values differ: into objects by key, into lists of objects by item; other lists count whole. */
function differences(before: unknown, after: unknown, path: string, out: Difference[]): Difference[] {
  if (same(before, after)) return out;
  const at = (key: string | number) => (path ? `${path}.${key}` : String(key));
  if (isRecord(before) && isRecord(after)) {
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) differences(before[key], after[key], at(key), out);
  } else if (Array.isArray(before) && Array.isArray(after) && [...before, ...after].every(isRecord)) {
    for (let i = 0; i < Math.max(before.length, after.length); i++) differences(before[i], after[i], at(i), out);
  } else {
    out.push({ path, before, after });
  }
  return out;
}

/** Settings with their defaults filled in, so a default written out and one left implicit compare equal. */
function settingsOf(node: FlowNode, spec: NodeSpec | undefined): unknown {
  const parsed = spec?.settings.safeParse(node.settings);
  return parsed?.success ? parsed.data : node.settings;
}

function nodeChange(before: FlowNode, after: FlowNode, { specOf, locale }: DiffOptions): NodeChange | null {
  const moved = before.position.x !== after.position.x || before.position.y !== after.position.y;
  if (before.type !== after.type) return { kind: "changed", node: after, settings: [], type: { before: before.type, after: after.type }, moved };
  const spec = specOf(after.type);
  const settings = differences(settingsOf(before, spec), settingsOf(after, spec), "", []).map(({ path, before, after }) => ({
    path,
    label: spec ? settingLabel(spec, path, locale) : humanize(path),
    before,
    after,
  }));
  if (settings.length) return { kind: "changed", node: after, settings, moved };
  return moved ? { kind: "moved", node: after, settings, moved } : null;
}

const edgeKey = (e: FlowEdge) => `${e.source}\u0000${e.sourcePort}\u0000${e.target}`;

/**
 * What changed from `before` to `after`: nodes added, removed, changed (which settings, old and
 * new, labelled as the settings form labels them in `locale`) or only moved; connections added
 * and removed; the flow's language. Saved test cases are not part of the graph and are ignored.
 */
export function diffFlows(before: FlowDocument, after: FlowDocument, options: DiffOptions): FlowDiff {
  const older = new Map(before.nodes.map((n) => [n.id, n]));
  const newer = new Set(after.nodes.map((n) => n.id));
  const nodes = [
    ...after.nodes.flatMap((node) => {
      const old = older.get(node.id);
      const change = old ? nodeChange(old, node, options) : { kind: "added" as const, node, settings: [], moved: false };
      return change ? [change] : [];
    }),
    ...before.nodes.filter((n) => !newer.has(n.id)).map((node) => ({ kind: "removed" as const, node, settings: [], moved: false })),
  ];
  const olderEdges = new Set(before.edges.map(edgeKey));
  const newerEdges = new Set(after.edges.map(edgeKey));
  const edges = { added: after.edges.filter((e) => !olderEdges.has(edgeKey(e))), removed: before.edges.filter((e) => !newerEdges.has(edgeKey(e))) };
  const languages = { before: before.language ?? "en", after: after.language ?? "en" };
  const language = languages.before === languages.after ? null : languages;
  const changed = nodes.some((n) => n.kind !== "moved") || edges.added.length > 0 || edges.removed.length > 0 || language !== null;
  return { nodes, edges, language, changed };
}
