"use client";
import { ChevronDown, CircleAlert, CircleCheck } from "lucide-react";
import { useTranslations } from "next-intl";
import type { FlowDocument } from "@/engine/contracts/flow";
import { findNodeSpec } from "@/nodes/registry";
import { useNodeTexts } from "@/app/_ui/use-node-text";
import { issueText } from "@/engine/compiler/issue-text";
import { problemText } from "@/app/_ui/flow-canvas";
import type { FlowCheck } from "./use-flow-check";

/** Everything that blocks publishing, docked under the canvas. Clicking a problem focuses its node. */
export function IssuesPanel({
  check,
  doc,
  open,
  onToggle,
  onFocus,
}: {
  check: FlowCheck;
  doc: FlowDocument;
  open: boolean;
  onToggle: () => void;
  onFocus: (nodeId: string) => void;
}) {
  const t = useTranslations("editor.issues");
  const texts = useNodeTexts();
  const titleOf = (type: string) => {
    const spec = findNodeSpec(type);
    return spec ? texts(spec).title : type;
  };
  const rows = [
    ...check.general.map((issue) => ({
      key: `general-${issue.code}-${issue.message}`,
      code: issue.code,
      nodeId: undefined,
      title: t("flow"),
      text: issueText(issue, check.locale),
    })),
    ...doc.nodes.flatMap((node) =>
      (check.byNode.get(node.id) ?? []).map((p, i) => ({
        key: `${node.id}-${i}`,
        code: p.code,
        nodeId: node.id,
        title: titleOf(node.type),
        text: problemText(p),
      })),
    ),
  ];
  const ok = check.count === 0;

  return (
    <section className="shrink-0 border-t border-slate-200 bg-white" data-testid="issues-panel" data-count={check.count}>
      <button
        type="button"
        onClick={onToggle}
        disabled={ok}
        className="flex h-9 w-full items-center gap-2 px-4 text-left text-xs font-medium disabled:cursor-default"
        aria-expanded={open && !ok}
        data-testid="issues-toggle"
      >
        {ok ? (
          <>
            <CircleCheck className="size-4 text-emerald-500" aria-hidden />
            <span className="text-slate-600">{t("none")}</span>
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
      {open && !ok && (
        <ul className="max-h-44 overflow-y-auto border-t border-slate-100 py-1" data-testid="issue-list">
          {rows.map((row) => (
            <li key={row.key}>
              <button
                type="button"
                disabled={!row.nodeId}
                onClick={() => row.nodeId && onFocus(row.nodeId)}
                className="flex w-full items-baseline gap-3 px-4 py-1.5 text-left text-xs hover:bg-slate-50 disabled:cursor-default disabled:hover:bg-transparent"
                data-testid="issue-item"
                data-node-id={row.nodeId}
                data-code={row.code}
              >
                <span className="w-56 shrink-0 truncate font-medium text-slate-700">
                  {row.title}
                  {row.nodeId && <span className="font-mono font-normal text-slate-400"> · {row.nodeId}</span>}
                </span>
                <span className="min-w-0 text-slate-600">{row.text}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
