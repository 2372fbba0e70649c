"use client";
import { ChevronDown, CircleAlert, CircleCheck, Trash2, TriangleAlert } from "lucide-react";
import { useTranslations } from "next-intl";
import type { FlowDocument } from "@/engine/contracts/flow";
import { findNodeSpec } from "@/nodes/registry";
import { useNodeTexts } from "@/app/_ui/use-node-text";
import { issueText } from "@/engine/compiler/issue-text";
import { issueEdge, problemText } from "@/app/_ui/flow-canvas";
import type { FlowCheck } from "./use-flow-check";

/**
 * Everything that blocks publishing, docked under the canvas; once nothing does, what publishing will warn of. Clicking a problem selects what it is
 * about: its node, or the connection for a dangling one (which the row also offers to delete).
 */
export function IssuesPanel({
  check,
  doc,
  open,
  onToggle,
  onFocus,
  onFocusEdge,
  onDeleteEdge,
  viewOnly,
}: {
  check: FlowCheck;
  doc: FlowDocument;
  open: boolean;
  onToggle: () => void;
  onFocus: (nodeId: string) => void;
  onFocusEdge: (edgeId: string) => void;
  onDeleteEdge: (edgeId: string) => void;
  /** A reader who may not edit: a dangling connection is only listed, and "ready to publish" is not said. */
  viewOnly: boolean;
}) {
  const t = useTranslations("editor.issues");
  const texts = useNodeTexts();
  const titleOf = (type: string) => {
    const spec = findNodeSpec(type);
    return spec ? texts(spec).title : type;
  };
  const ok = check.count === 0;
  const warned = ok && check.warnings.length > 0;
  const warningRows = check.warnings.map((warning, i) => ({
    key: `warning-${warning.nodeId}-${i}`,
    code: warning.code,
    nodeId: warning.nodeId,
    edgeId: undefined as string | undefined,
    title: titleOf(doc.nodes.find((n) => n.id === warning.nodeId)?.type ?? ""),
    text: issueText(warning, check.locale),
  }));
  const problemRows = [
    ...check.general.map((issue) => ({
      key: `general-${issue.code}-${issue.message}`,
      code: issue.code,
      nodeId: undefined,
      edgeId: issueEdge(issue),
      title: issueEdge(issue) ? t("connection") : t("flow"),
      text: issueText(issue, check.locale),
    })),
    ...doc.nodes.flatMap((node) =>
      (check.byNode.get(node.id) ?? []).map((p, i) => ({
        key: `${node.id}-${i}`,
        code: p.code,
        nodeId: node.id,
        edgeId: p.edge,
        title: titleOf(node.type),
        text: problemText(p),
      })),
    ),
  ];
  const rows = warned ? warningRows : problemRows;

  return (
    <section className="shrink-0 border-t border-slate-200 bg-white" data-testid="issues-panel" data-count={check.count} data-warnings={check.warnings.length}>
      <button
        type="button"
        onClick={onToggle}
        disabled={ok && !warned}
        className="flex h-9 w-full items-center gap-2 px-4 text-left text-xs font-medium disabled:cursor-default"
        aria-expanded={open && (!ok || warned)}
        data-testid="issues-toggle"
      >
        {warned ? (
          <>
            <TriangleAlert className="size-4 text-amber-500" aria-hidden />
            <span className="text-amber-700" data-testid="warning-count">
              {t("warnings", { count: check.warnings.length })}
            </span>
            <ChevronDown className={`ml-auto size-4 text-slate-400 transition-transform ${open ? "" : "rotate-180"}`} aria-hidden />
          </>
        ) : ok ? (
          <>
            <CircleCheck className="size-4 text-emerald-500" aria-hidden />
            <span className="text-slate-600">{t(viewOnly ? "noneToRead" : "none")}</span>
          </>
        ) : (
          <>
            <CircleAlert className="size-4 text-rose-500" aria-hidden />
            <span className="text-rose-700" data-testid="issue-count">
              {t("count", { count: check.count })}
            </span>
            <ChevronDown className={`ml-auto size-4 text-slate-400 transition-transform ${open ? "" : "rotate-180"}`} aria-hidden />
          </>
        )}
      </button>
      {open && (!ok || warned) && (
        <ul className="max-h-44 overflow-y-auto border-t border-slate-100 py-1" data-testid="issue-list">
          {rows.map((row) => (
            <li key={row.key} className="flex items-center hover:bg-slate-50">
              <button
                type="button"
                disabled={!row.nodeId && !row.edgeId}
                onClick={() => (row.edgeId ? onFocusEdge(row.edgeId) : row.nodeId && onFocus(row.nodeId))}
                className="flex min-w-0 flex-1 items-baseline gap-3 px-4 py-1.5 text-left text-xs disabled:cursor-default"
                data-testid="issue-item"
                data-node-id={row.nodeId}
                data-edge-id={row.edgeId}
                data-code={row.code}
              >
                <span className="w-56 shrink-0 truncate font-medium text-slate-700">
                  {row.title}
                  {(row.nodeId ?? row.edgeId) && <span className="font-mono font-normal text-slate-400"> · {row.nodeId ?? row.edgeId}</span>}
                </span>
                <span className="min-w-0 text-slate-600">{row.text}</span>
              </button>
              {row.edgeId && !viewOnly && (
                <button
                  type="button"
                  onClick={() => onDeleteEdge(row.edgeId!)}
                  className="mr-3 inline-flex shrink-0 items-center gap-1 rounded px-2 py-1 text-[11px] font-medium text-rose-700 hover:bg-rose-50"
                  data-testid={`issue-delete-edge-${row.edgeId}`}
                >
                  <Trash2 className="size-3" aria-hidden />
                  {t("deleteConnection")}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
