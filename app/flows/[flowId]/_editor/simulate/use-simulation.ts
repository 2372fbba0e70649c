"use client";
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import type { FlowDocument } from "@/engine/contracts/flow";
import type { FlowTestCase } from "@/engine/contracts/simulation";
import { useTRPC } from "@/app/_lib/trpc";
import { stepHighlight, type RunResult, type TestResult } from "./run-view";
import { useNodeLocale } from "@/app/_ui/use-node-text";
import { emptyScript, scriptCustomer, scriptFromTest, scriptSteps, type Script } from "./script";

export type SimulateTab = "script" | "result" | "tests" | "replay";

/**
 * Simulate mode's state, kept by the editor so closing the panel loses nothing: the script, the
 * last run and the step shown on the canvas, the last test results. Runs go only to
 * `flows.simulate` / `flows.runTests`, which never send anything.
 */
export function useSimulation(doc: FlowDocument, firstTab: SimulateTab = "script") {
  const t = useTranslations("simulate");
  const trpc = useTRPC();
  // Until it is edited, the script follows the draft: it starts the way the draft's trigger starts.
  const [edited, setScript] = useState<Script | null>(null);
  const locale = useNodeLocale();
  const fresh = useMemo(() => emptyScript(doc, locale), [doc, locale]);
  const script = edited ?? fresh;
  const [checked, setChecked] = useState(false);
  const [result, setResult] = useState<RunResult | null>(null);
  const [step, setStep] = useState(0);
  const [tab, setTab] = useState<SimulateTab>(firstTab);
  const [testRun, setTestRun] = useState<{ doc: FlowDocument; results: TestResult[] } | null>(null);
  const simulate = useMutation(trpc.flows.simulate.mutationOptions());
  const runTests = useMutation(trpc.flows.runTests.mutationOptions());
  const steps = useMemo(() => scriptSteps(script), [script]);

  const show = (next: RunResult) => {
    setResult(next);
    setStep(0);
    setTab("result");
  };

  const run = () => {
    setChecked(true);
    if (!steps) return setTab("script");
    const at = doc;
    simulate.mutate(
      { document: at, steps, customer: scriptCustomer(script) },
      { onSuccess: (r) => show({ run: r, doc: at, steps, label: script.from ?? t("scriptLabel") }) },
    );
  };

  const load = (test: FlowTestCase) => {
    setScript(scriptFromTest(test));
    setChecked(false);
    simulate.reset();
    setTab("script");
  };

  const runAll = () => {
    const at = doc;
    runTests.mutate({ document: at }, { onSuccess: (results) => setTestRun({ doc: at, results }) });
  };

  const runSteps = result?.run.steps;
  const shown = Math.min(step, Math.max((runSteps?.length ?? 0) - 1, 0));
  const canvas = useMemo(() => (runSteps?.length ? stepHighlight(doc, runSteps, shown) : null), [doc, runSteps, shown]);

  return {
    script,
    setScript,
    steps,
    /** Show each line's problem only once a run was asked for. */
    checked,
    run,
    running: simulate.isPending,
    runError: simulate.error,
    result,
    show,
    step: shown,
    setStep,
    tab,
    setTab,
    load,
    testRun,
    runAll,
    testsRunning: runTests.isPending,
    testsError: runTests.error,
    /** Props for the canvas while Simulate is open. */
    canvas,
  };
}

export type Simulate = ReturnType<typeof useSimulation>;
