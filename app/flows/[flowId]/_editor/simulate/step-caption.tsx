"use client";
import { Panel } from "@xyflow/react";
import { ChevronLeft, ChevronRight } from "lucide-react";
import { useTranslations } from "next-intl";
import type { FlowDocument } from "@/engine/contracts/flow";
import { useEventText } from "./result-step";
import type { Simulate } from "./use-simulation";

const arrow = "rounded p-1 text-slate-500 hover:bg-slate-100 hover:text-slate-900 disabled:text-slate-300 disabled:hover:bg-transparent";

/** Over the canvas: which step it shows and what happened in it, with the stepper at hand. */
export function StepCaption({ doc, sim }: { doc: FlowDocument; sim: Simulate }) {
  const t = useTranslations("simulate");
  const eventText = useEventText(doc);
  const steps = sim.result?.run.steps ?? [];
  const step = steps[sim.step];
  if (!step) return null;
  return (
    <Panel
      position="top-left"
      className="flex max-w-md items-center gap-1 rounded-lg border border-slate-200 bg-white/95 px-1.5 py-1 text-xs shadow-sm"
      data-testid="sim-caption"
    >
      <button type="button" className={arrow} onClick={() => sim.setStep(sim.step - 1)} disabled={sim.step === 0} aria-label={t("previousStep")}>
        <ChevronLeft className="size-4" />
      </button>
      <span className="shrink-0 font-semibold text-slate-700">{t("stepOf", { step: sim.step + 1, count: steps.length })}</span>
      <span className="min-w-0 truncate px-1 text-slate-600" title={eventText(step.event)}>
        {eventText(step.event)}
      </span>
      <button type="button" className={arrow} onClick={() => sim.setStep(sim.step + 1)} disabled={sim.step === steps.length - 1} aria-label={t("nextStep")}>
        <ChevronRight className="size-4" />
      </button>
    </Panel>
  );
}
