"use client";
import { useTranslations } from "next-intl";
import type { KeyboardEvent, ReactNode } from "react";
import { diffBadge, nodeLook, type CanvasSelection, type DiffMark } from "@/app/_ui/flow-canvas";
import { useNodeLocale } from "@/app/_ui/use-node-text";
import type { FlowDocument, FlowEdge, FlowNode } from "@/engine/contracts/flow";
import type { FlowDiff, NodeChange, SettingChange } from "@/nodes/_kit/flow-diff";
import { nodeText } from "@/nodes/_kit/texts";
import { findNodeSpec } from "@/nodes/registry";
import { removedEdgeId, shownValue } from "./diff-view";

/** What picking a change selects on the canvas, and the nodes to bring into view. */
export type Pick = { selection: CanvasSelection; nodes: string[] };

type Props = { diff: FlowDiff; before: FlowDocument; after: FlowDocument; selection: CanvasSelection; onPick: (pick: Pick) => void };

/** Up and down arrows move between the changes, as in a list box; Tab still leaves the list. */
function moveFocus(event: KeyboardEvent<HTMLButtonElement>) {
  if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
  const list = event.currentTarget.closest("[data-change-list]");
  const items = [...(list?.querySelectorAll<HTMLButtonElement>("[data-change-item]") ?? [])];
  const at = items.indexOf(event.currentTarget);
  const next = items[event.key === "ArrowDown" ? Math.min(at + 1, items.length - 1) : Math.max(at - 1, 0)];
  if (!next) return;
  event.preventDefault();
  next.focus();
}

function Badge({ mark }: { mark: DiffMark }) {
  const t = useTranslations("canvas.diff");
  return <span className={`shrink-0 rounded-full px-1.5 text-[10px] leading-4 font-semibold ${diffBadge[mark]}`}>{t(mark)}</span>;
}

const item =
  "flex w-full min-w-0 items-start gap-2 px-4 py-2 text-left hover:bg-slate-50 focus-visible:bg-indigo-50 focus-visible:outline-none aria-pressed:bg-indigo-50";

function Item({ mark, pressed, onPick, testId, children }: { mark: DiffMark; pressed: boolean; onPick: () => void; testId: string; children: ReactNode }) {
  return (
    <button type="button" data-change-item aria-pressed={pressed} onClick={onPick} onKeyDown={moveFocus} data-testid={testId} className={item}>
      <Badge mark={mark} />
      <span className="min-w-0 flex-1">{children}</span>
    </button>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="border-b border-slate-100 py-2 last:border-b-0">
      <h3 className="px-4 pb-1 text-[11px] font-semibold tracking-wide text-slate-500 uppercase">{title}</h3>
      <ul>{children}</ul>
    </section>
  );
}

/** A node as people know it (its type's title and summary line) and its output ports' labels, in the reader's language. */
function useNodeName() {
  const locale = useNodeLocale();
  const t = useTranslations("canvas");
  const name = (node: FlowNode | undefined) => {
    const spec = node && findNodeSpec(node.type);
    if (!spec) return { title: node?.type ?? t("unknownNode"), summary: "" };
    return { title: nodeText(spec, locale).title, summary: nodeLook(spec, node.settings, locale).summary };
  };
  /** The label of a connection's port, where its node has several (a single "Next" says nothing). */
  name.port = (node: FlowNode | undefined, id: string) => {
    const spec = node && findNodeSpec(node.type);
    const ports = spec ? nodeLook(spec, node.settings).ports : null;
    const port = ports && ports.length > 1 ? ports.find((p) => p.id === id) : undefined;
    return spec && port ? nodeText(spec, locale).port(port.id, port.label) : null;
  };
  return name;
}

function Setting({ node, change }: { node: FlowNode; change: SettingChange }) {
  const t = useTranslations("editor.compare");
  const locale = useNodeLocale();
  const words = { yes: t("yes"), no: t("no"), unset: t("unset"), empty: t("empty") };
  const at = { spec: findNodeSpec(node.type), path: change.path, locale };
  const before = shownValue(change.before, at, words);
  const after = shownValue(change.after, at, words);
  const value = "rounded px-1 py-px break-words whitespace-pre-wrap";
  return (
    <div data-testid={`change-setting-${node.id}-${change.path}`}>
      <dt className="text-[11px] font-medium text-slate-600">{change.label}</dt>
      <dd className="text-xs leading-5">
        <del className={`${value} bg-rose-50 text-rose-800 decoration-rose-300`}>
          <span className="sr-only">{t("was")} </span>
          {before}
        </del>
        <span className="px-1 text-slate-400" aria-hidden>
          →
        </span>
        <ins className={`${value} bg-emerald-50 text-emerald-800 no-underline`}>
          <span className="sr-only">{t("now")} </span>
          {after}
        </ins>
      </dd>
    </div>
  );
}

/**
 * The changes between two versions, beside the comparison canvas: nodes added, changed (each
 * setting old → new), removed; connections; nodes only moved. Picking one shows it on the canvas.
 */
export function ChangeList({ diff, before, after, selection, onPick }: Props) {
  const t = useTranslations("editor.compare");
  const languages = useTranslations("flows.templates.languages");
  const name = useNodeName();
  const changes = diff.nodes.filter((n) => n.kind !== "moved");
  const moved = diff.nodes.filter((n) => n.kind === "moved");
  const edges = [
    ...diff.edges.added.map((e) => ({ edge: e, mark: "added" as const })),
    ...diff.edges.removed.map((e) => ({ edge: e, mark: "removed" as const })),
  ];
  const count = changes.length + edges.length + (diff.language ? 1 : 0);
  const pickNode = (id: string) => onPick({ selection: { nodes: [id], edges: [] }, nodes: [id] });

  const nodeItem = (change: NodeChange) => {
    const { title, summary } = name(change.node);
    const type = change.type && { before: name({ ...change.node, type: change.type.before }).title, after: title };
    return (
      <li key={change.node.id} data-kind={change.kind}>
        <Item
          mark={change.kind}
          pressed={selection.nodes.includes(change.node.id)}
          onPick={() => pickNode(change.node.id)}
          testId={`change-node-${change.node.id}`}
        >
          <span className="block truncate text-sm font-medium text-slate-900">{title}</span>
          {summary && <span className="block truncate text-xs text-slate-500">{summary}</span>}
        </Item>
        {(change.settings.length > 0 || type) && (
          <dl className="space-y-1.5 pr-4 pb-2 pl-12">
            {type && <Setting node={change.node} change={{ path: "", label: t("nodeType"), ...type }} />}
            {change.settings.map((setting) => (
              <Setting key={setting.path} node={change.node} change={setting} />
            ))}
          </dl>
        )}
      </li>
    );
  };

  const edgeItem = ({ edge, mark }: { edge: FlowEdge; mark: "added" | "removed" }) => {
    const doc = mark === "added" ? after : before;
    const [source, target] = [edge.source, edge.target].map((id) => doc.nodes.find((n) => n.id === id));
    const port = name.port(source, edge.sourcePort);
    const id = mark === "added" ? edge.id : removedEdgeId(edge.id);
    const ends = [name(source), name(target)];
    return (
      <li key={id}>
        <Item
          mark={mark}
          pressed={selection.edges.includes(id)}
          onPick={() => onPick({ selection: { nodes: [], edges: [id] }, nodes: [edge.source, edge.target] })}
          testId={`change-edge-${id}`}
        >
          <span className="block text-sm text-slate-800">
            {ends[0].title}
            {port && <span className="text-slate-500"> · {port}</span>}
            <span className="px-1 text-slate-400">→</span>
            {ends[1].title}
          </span>
          {/* Two nodes of one type are told apart by what they are set to. */}
          {ends.some((end) => end.summary) && (
            <span className="flex text-xs text-slate-500">
              <span className="min-w-0 truncate">{ends[0].summary}</span>
              <span className="px-1 text-slate-400">→</span>
              <span className="min-w-0 truncate">{ends[1].summary}</span>
            </span>
          )}
        </Item>
      </li>
    );
  };

  return (
    <div className="min-h-0 flex-1 overflow-y-auto" data-change-list data-testid="compare-changes">
      <p className="border-b border-slate-100 px-4 py-3 text-sm font-medium text-slate-800" data-testid="compare-summary" role="status">
        {diff.changed ? t("count", { count }) : t("same")}
        {moved.length > 0 && <span className="block text-xs font-normal text-slate-500">{t("movedNote", { count: moved.length })}</span>}
      </p>
      {changes.length > 0 && <Section title={t("nodes")}>{changes.map(nodeItem)}</Section>}
      {edges.length > 0 && <Section title={t("connections")}>{edges.map(edgeItem)}</Section>}
      {diff.language && (
        <Section title={t("flow")}>
          <li className="px-4 py-2 text-xs">
            <dl>
              <dt className="text-[11px] font-medium text-slate-600">{t("language")}</dt>
              <dd>
                {languages(diff.language.before)} → {languages(diff.language.after)}
              </dd>
            </dl>
          </li>
        </Section>
      )}
      {moved.length > 0 && (
        <Section title={t("moved")}>
          {moved.map((change) => (
            <li key={change.node.id}>
              <Item
                mark="moved"
                pressed={selection.nodes.includes(change.node.id)}
                onPick={() => pickNode(change.node.id)}
                testId={`change-node-${change.node.id}`}
              >
                <span className="block truncate text-sm text-slate-700">{name(change.node).title}</span>
              </Item>
            </li>
          ))}
        </Section>
      )}
    </div>
  );
}
