"use client";
import { ArrowDown, ArrowUp, X } from "lucide-react";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { LineFields } from "./line-fields";
import { LINE_KINDS } from "./line-kinds";
import type { ScriptLine, TaskOutcomes } from "./script";

function Tool({ label, testId, disabled, onClick, children }: { label: string; testId: string; disabled?: boolean; onClick: () => void; children: ReactNode }) {
  return (
    <button
      type="button"
      onClick={onClick}
      disabled={disabled}
      title={label}
      aria-label={label}
      data-testid={testId}
      className="rounded p-0.5 text-slate-400 hover:bg-slate-100 hover:text-slate-700 disabled:invisible"
    >
      {children}
    </button>
  );
}

/** One line of the script: what the customer, the clock, an operator or another system does next. */
export function ScriptLineRow({
  index,
  count,
  line,
  outcomes,
  problem,
  onChange,
  onMove,
  onRemove,
}: {
  index: number;
  count: number;
  line: ScriptLine;
  outcomes: TaskOutcomes[];
  problem: string | null;
  onChange: (line: ScriptLine) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}) {
  const t = useTranslations("simulate.script");
  const kind = LINE_KINDS[line.do];
  const id = `sim-step-${index}`;
  return (
    <li className="group rounded-md border border-slate-200 bg-white p-2" data-testid={id} data-kind={line.do}>
      <div className="mb-1.5 flex items-center gap-2">
        <span className={`flex size-5 items-center justify-center rounded ${kind.tone}`}>
          <kind.icon className="size-3" aria-hidden />
        </span>
        <span className="text-xs font-medium text-slate-600">
          {index + 1}. {t(`kinds.${line.do}`)}
        </span>
        <span className="ml-auto flex items-center">
          <Tool label={t("moveUp")} testId={`${id}-up`} disabled={index === 0} onClick={() => onMove(-1)}>
            <ArrowUp className="size-3.5" />
          </Tool>
          <Tool label={t("moveDown")} testId={`${id}-down`} disabled={index === count - 1} onClick={() => onMove(1)}>
            <ArrowDown className="size-3.5" />
          </Tool>
          <Tool label={t("remove")} testId={`${id}-remove`} onClick={onRemove}>
            <X className="size-3.5" />
          </Tool>
        </span>
      </div>
      <LineFields line={line} outcomes={outcomes} id={id} n={index + 1} onChange={onChange} />
      {problem && (
        <p className="mt-1 text-[11px] text-rose-600" data-testid={`${id}-problem`}>
          {problem}
        </p>
      )}
    </li>
  );
}
