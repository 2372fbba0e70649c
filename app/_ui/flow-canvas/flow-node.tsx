"use client";
import { Handle, Position, useUpdateNodeInternals, type NodeProps } from "@xyflow/react";
import { CircleAlert } from "lucide-react";
import { useTranslations } from "next-intl";
import { memo, useEffect, useRef } from "react";
import { findNodeSpec } from "@/nodes/registry";
import { useNodeLocale, useNodeTexts } from "../use-node-text";
import { categoryStyle, diffBadge, unknownStyle } from "./category-style";
import type { CanvasNode, DiffMark, MissingNode, NodeMark } from "./convert";
import { NodeIcon } from "./node-icon";
import { nodeLook, problemText } from "./node-view";

const handleClass = "size-3! border-2! border-white! bg-slate-400! transition-colors hover:bg-indigo-500!";

const card = "relative w-60 rounded-lg border shadow-sm transition-[border-color,box-shadow,opacity]";

const marked: Record<NodeMark, string> = {
  current: "border-amber-400 ring-4 ring-amber-300/50",
  path: "border-emerald-400 ring-2 ring-emerald-300/60",
  dim: "border-slate-200 opacity-55",
  added: "border-emerald-500 ring-2 ring-emerald-300/60",
  changed: "border-amber-500 ring-2 ring-amber-300/60",
  removed: "border-dashed border-rose-400 opacity-75",
  moved: "border-slate-300",
};

const isDiff = (mark?: NodeMark): mark is DiffMark => !!mark && mark in diffBadge;

const frame = (selected: boolean, failing: boolean, mark?: NodeMark) => {
  // On a comparison, the node picked in the list of changes stands out around its mark.
  if (mark) return `${marked[mark]} ${selected && isDiff(mark) ? "outline-2 outline-offset-4 outline-indigo-500" : ""}`;
  if (failing) return selected ? "border-rose-500 ring-2 ring-rose-400/50" : "border-rose-400";
  return selected ? "border-indigo-500 ring-2 ring-indigo-400/40" : "border-slate-200 hover:border-slate-300";
};

/** The one node component: every node type is drawn from its spec (icon, title, summary, ports). */
function FlowNodeView({ id, data, selected }: NodeProps<CanvasNode>) {
  const t = useTranslations("canvas");
  const { node, ports, problems, mark, readOnly } = data;
  const spec = findNodeSpec(node.type);
  const style = spec ? categoryStyle[spec.category] : unknownStyle;
  // Title, port labels and the summary line in the reader's language (data the user typed stays as it is).
  const texts = useNodeTexts();
  const locale = useNodeLocale();
  const text = spec ? texts(spec) : null;
  const summary = spec ? nodeLook(spec, node.settings, locale).summary : node.type;
  const problem = problems[0];
  const hasInput = spec?.hasInput ?? true;
  // The input sits level with the first output, so a chain of nodes draws as straight lines.
  const input = <Handle type="target" position={Position.Left} className={handleClass} isConnectable={!readOnly} />;

  // Handles live in rows that change with settings; React Flow must re-read their positions.
  // Not on mount: React Flow measures new nodes itself, and an early call would fit the view to one node.
  const updateNodeInternals = useUpdateNodeInternals();
  const portKey = ports.map((p) => p.id).join("|");
  const measuredPorts = useRef(portKey);
  useEffect(() => {
    if (measuredPorts.current === portKey) return;
    measuredPorts.current = portKey;
    updateNodeInternals(id);
  }, [id, portKey, updateNodeInternals]);

  return (
    <div
      className={`${card} ${mark === "removed" ? "bg-rose-50" : "bg-white"} ${frame(!!selected, !!problem, mark)}`}
      data-testid={`flow-node-${id}`}
      data-type={node.type}
      data-invalid={problem ? "true" : undefined}
      data-mark={mark}
    >
      {isDiff(mark) && (
        // The comparison's word beside its colour: colour alone does not tell everyone.
        <span className={`absolute -top-2.5 right-2 rounded-full px-2 text-[10px] leading-4 font-semibold ${diffBadge[mark]}`} data-testid={`diff-badge-${id}`}>
          {t(`diff.${mark}`)}
        </span>
      )}
      <div className="relative flex items-start gap-2.5 px-3 pt-2.5 pb-2">
        {hasInput && ports.length === 0 && input}
        <span className={`mt-0.5 flex size-7 shrink-0 items-center justify-center rounded-md ${style.chip}`}>
          <NodeIcon name={spec?.icon ?? "Box"} className="size-4" />
        </span>
        <div className="min-w-0 flex-1">
          <div className="truncate text-[13px] leading-5 font-semibold text-slate-900">{text?.title ?? t("unknownNode")}</div>
          <div className="h-4 truncate text-xs leading-4 text-slate-500" title={summary}>
            {summary || <span className="text-slate-400 italic">{t("notSetUp")}</span>}
          </div>
        </div>
      </div>
      {ports.length > 0 && (
        <div className="border-t border-slate-100 py-1">
          {ports.map((port, i) => (
            <div key={port.id} className="relative flex h-6 items-center justify-end pr-3.5 pl-3">
              {hasInput && i === 0 && input}
              {port.missing ? (
                <span className="truncate text-[11px] font-medium text-rose-600" title={t("missingPort")} data-testid={`missing-port-${id}-${port.id}`}>
                  {t("missingPortLabel", { port: port.id })}
                </span>
              ) : (
                <span className="truncate text-[11px] font-medium text-slate-500" title={text?.port(port.id, port.label) ?? port.label}>
                  {text?.port(port.id, port.label) ?? port.label}
                </span>
              )}
              <Handle type="source" position={Position.Right} id={port.id} className={handleClass} isConnectable={!readOnly} />
            </div>
          ))}
        </div>
      )}
      {problem && (
        <div
          className="flex items-start gap-1.5 rounded-b-lg border-t border-rose-100 bg-rose-50 px-3 py-1.5 text-[11px] leading-4 text-rose-700"
          data-testid={`node-error-${id}`}
        >
          <CircleAlert className="mt-px size-3 shrink-0" aria-hidden />
          <span className="line-clamp-2 break-words">
            {problemText(problem)}
            {problems.length > 1 && <span className="text-rose-500">{t("more", { count: problems.length - 1 })}</span>}
          </span>
        </div>
      )}
    </div>
  );
}

export const FlowNode = memo(FlowNodeView);

/** The marker a connection to (or from) a node the document lacks ends at: the connection draws and can be selected and deleted. */
function MissingNodeView({ data }: NodeProps<MissingNode>) {
  const t = useTranslations("canvas");
  return (
    <div
      className="relative flex w-40 items-center gap-1.5 rounded-lg border-2 border-dashed border-rose-300 bg-rose-50/80 px-2.5 py-2 text-[11px] leading-4 text-rose-700"
      title={t("missingNodeHelp")}
      data-testid={`missing-node-${data.nodeId}`}
    >
      <Handle type="target" position={Position.Left} className={handleClass} isConnectable={false} />
      <CircleAlert className="size-3.5 shrink-0" aria-hidden />
      <span className="min-w-0">
        <span className="block font-semibold">{t("missingNode")}</span>
        <span className="block truncate font-mono">{data.nodeId}</span>
      </span>
      <Handle type="source" position={Position.Right} className={handleClass} isConnectable={false} />
    </div>
  );
}

export const MissingNodeMarker = memo(MissingNodeView);
