"use client";
import { ChevronLeft, ChevronRight, CircleAlert, Info, Play } from "lucide-react";
import { useTranslations } from "next-intl";
import type { FlowDocument } from "@/engine/contracts/flow";
import { findNodeSpec } from "@/nodes/registry";
import { useNodeLocale, useNodeTexts } from "@/app/_ui/use-node-text";
import { issueText } from "@/engine/compiler/issue-text";
import { Badge } from "@/app/_ui/badge";
import { Button } from "@/app/_ui/button";
import { nodeProblems, problemText } from "@/app/_ui/flow-canvas";
import { InstanceStatusBadge } from "@/app/_ui/instance-status-badge";
import { ResultStep } from "./result-step";
import { graphChanged, type RunResult } from "./run-view";
import { VarsInspector } from "./vars-inspector";

/** Compile problems of the simulated draft, worded as on the nodes; clicking one shows its node, like the issues panel. */
function Issues({ doc, issues, onFocus }: { doc: FlowDocument; issues: RunResult["run"]["issues"]; onFocus: (nodeId: string) => void }) {
  const t = useTranslations("simulate.result");
  const texts = useNodeTexts();
  const locale = useNodeLocale();
  const titleOf = (type: string) => {
    const spec = findNodeSpec(type);
    return spec ? texts(spec).title : type;
  };
  // Keyed as in the issues panel: problems have no id, so a node's are told apart by their order.
  const rows = [
    ...issues
      .filter((i) => !doc.nodes.some((n) => n.id === i.nodeId))
      .map((i) => ({ key: `general-${i.code}-${i.nodeId ?? ""}-${i.message}`, node: undefined, text: issueText(i, locale) })),
    ...doc.nodes.flatMap((node) => {
      const own = issues.filter((i) => i.nodeId === node.id);
      return own.length ? nodeProblems(node, own, locale).map((p, j) => ({ key: `${node.id}-${j}`, node, text: problemText(p) })) : [];
    }),
  ];
  return (
    <section className="rounded-md border border-rose-200 bg-rose-50 text-xs" data-testid="sim-issues">
      <h3 className="flex items-center gap-1.5 px-3 pt-2 font-semibold text-rose-800">
        <CircleAlert className="size-3.5" aria-hidden /> {t("notCompiled")}
      </h3>
      <ul className="py-1">
        {rows.map(({ key, node, text }) => (
          <li key={key}>
            <button
              type="button"
              disabled={!node}
              onClick={() => node && onFocus(node.id)}
              className="w-full px-3 py-1 text-left text-rose-700 hover:bg-rose-100 disabled:hover:bg-transparent"
              data-testid="sim-issue"
              data-node-id={node?.id}
            >
              <span className="font-medium">
                {node ? titleOf(node.type) : t("flow")}
                {node && <span className="font-mono font-normal text-rose-500"> · {node.id}</span>}
              </span>
              <span className="block">{text}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The last run: a summary, a stepper driving the canvas, every engine step, and the variables after the shown step. */
export function RunResultView({
  doc,
  result,
  step,
  onStep,
  onFocus,
  onRerun,
}: {
  doc: FlowDocument;
  result: RunResult | null;
  step: number;
  onStep: (index: number) => void;
  onFocus: (nodeId: string) => void;
  onRerun: () => void;
}) {
  const t = useTranslations("simulate.result");
  const sim = useTranslations("simulate");
  if (!result) {
    return (
      <div className="flex flex-col items-center gap-3 px-6 py-12 text-center text-sm text-slate-500" data-testid="sim-no-result">
        <Play className="size-5 text-slate-400" aria-hidden />
        {t("none")}
      </div>
    );
  }
  const { run } = result;
  const steps = run.steps;
  const stale = graphChanged(doc, result.doc);

  return (
    <div className="space-y-3 p-4" data-testid="sim-result" data-status={run.status} data-outcome={run.outcome ?? ""}>
      <div className="flex flex-wrap items-center gap-2 text-xs" data-testid="sim-summary">
        <span className="font-semibold text-slate-800">{result.label}</span>
        {run.status === "not-started" ? <Badge>{t("notStarted")}</Badge> : <InstanceStatusBadge status={run.status} />}
        {run.outcome && <Badge tone="indigo">{t("outcome", { outcome: run.outcome })}</Badge>}
        <span className="text-slate-500">{t("sent", { count: run.sent.length })}</span>
      </div>

      {stale && (
        <div className="flex items-center gap-2 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-xs text-amber-800" data-testid="sim-stale">
          <span className="flex-1">{t("stale")}</span>
          <Button size="sm" onClick={onRerun}>
            {t("runAgain")}
          </Button>
        </div>
      )}

      {!run.ok && <Issues doc={doc} issues={run.issues} onFocus={onFocus} />}

      {run.notes.length > 0 && (
        <ul className="space-y-1 rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-xs text-slate-600" data-testid="sim-notes">
          {run.notes.map((note) => (
            // A script line's notes say different things, so line and message tell them apart.
            <li key={`${note.input}:${note.message}`} className="flex gap-1.5">
              <Info className="mt-px size-3.5 shrink-0 text-slate-400" aria-hidden />
              <span>{t("scriptStep", { n: note.input + 1, message: note.message })}</span>
            </li>
          ))}
        </ul>
      )}

      {steps.length > 0 && (
        <>
          <div className="sticky top-0 z-10 -mx-4 flex items-center justify-between gap-2 border-y border-slate-100 bg-white/95 px-4 py-1.5 backdrop-blur">
            <Button size="sm" variant="ghost" onClick={() => onStep(step - 1)} disabled={step === 0} aria-label={sim("previousStep")} data-testid="sim-prev">
              <ChevronLeft className="size-4" aria-hidden />
            </Button>
            <span className="text-xs font-medium text-slate-700" data-testid="sim-step-label" aria-live="polite">
              {sim("stepOf", { step: step + 1, count: steps.length })}
            </span>
            <Button
              size="sm"
              variant="ghost"
              onClick={() => onStep(step + 1)}
              disabled={step === steps.length - 1}
              aria-label={sim("nextStep")}
              data-testid="sim-next"
            >
              <ChevronRight className="size-4" aria-hidden />
            </Button>
          </div>
          <ol className="space-y-2">
            {steps.map((s, i) => (
              <ResultStep
                // biome-ignore lint/suspicious/noArrayIndexKey: a step is its number in the run (the instance's step counter); a run only appends them.
                key={i}
                doc={doc}
                step={s}
                index={i}
                elapsedMs={s.at - steps[0].at}
                selected={i === step}
                onSelect={() => onStep(i)}
                onFocus={onFocus}
              />
            ))}
          </ol>
          <VarsInspector step={steps[step]} index={step} />
        </>
      )}
    </div>
  );
}
