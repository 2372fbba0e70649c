"use client";
import { CircleCheck, CircleX, FlaskConical, Play, Trash2, Upload } from "lucide-react";
import { useTranslations } from "next-intl";
import type { FlowDocument } from "@/engine/contracts/flow";
import type { FlowTestCase } from "@/engine/contracts/simulation";
import { Button } from "@/app/_ui/button";
import { ErrorNotice } from "@/app/_ui/error-notice";
import { graphChanged, type RunResult, type TestResult } from "./run-view";
import type { Simulate } from "./use-simulation";

function Outcome({ result, onShow }: { result: TestResult; onShow: () => void }) {
  const t = useTranslations("simulate.tests");
  return (
    <div className="mt-1.5 text-xs" data-testid={`test-result-${result.id}`} data-passed={result.passed}>
      <div className="flex items-center gap-1.5">
        {result.passed ? <CircleCheck className="size-3.5 text-emerald-600" aria-hidden /> : <CircleX className="size-3.5 text-rose-600" aria-hidden />}
        <span className={`font-medium ${result.passed ? "text-emerald-700" : "text-rose-700"}`}>{result.passed ? t("passed") : t("failed")}</span>
        <button type="button" onClick={onShow} className="ml-auto text-indigo-600 hover:underline" data-testid={`test-show-run-${result.id}`}>
          {t("showRun")}
        </button>
      </div>
      {result.failures.length > 0 && (
        <ul className="mt-1 list-disc space-y-0.5 pl-5 text-rose-700">
          {result.failures.map((failure) => (
            <li key={failure}>{failure}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The flow's saved test cases: load one into the script, delete one, or run them all. */
export function TestCases({ doc, sim, onDelete }: { doc: FlowDocument; sim: Simulate; onDelete: (id: string) => void }) {
  const t = useTranslations("simulate.tests");
  const sim_ = useTranslations("simulate");
  const tests = doc.tests ?? [];
  const results = sim.testRun && !graphChanged(doc, sim.testRun.doc) ? sim.testRun.results : [];
  const passed = results.filter((r) => tests.some((test) => test.id === r.id) && r.passed).length;
  const show = (test: FlowTestCase, result: TestResult) =>
    sim.show({ run: result.run, doc: sim.testRun!.doc, steps: test.steps, label: test.name } satisfies RunResult);

  return (
    <div className="space-y-3 p-4" data-testid="sim-tests">
      <div className="flex items-center gap-2">
        <div className="flex-1 text-xs text-slate-500">
          <p>{t("intro")}</p>
          {results.length > 0 && (
            <p className={`mt-0.5 font-medium ${passed === tests.length ? "text-emerald-700" : "text-rose-700"}`} data-testid="sim-tests-summary">
              {t("summary", { passed, count: tests.length })}
            </p>
          )}
        </div>
        <Button size="sm" onClick={sim.runAll} disabled={!tests.length || sim.testsRunning} data-testid="sim-run-tests">
          <Play className="size-3.5" aria-hidden /> {sim.testsRunning ? sim_("running") : t("runAll")}
        </Button>
      </div>
      <ErrorNotice error={sim.testsError} />
      {tests.length === 0 ? (
        <div className="flex flex-col items-center gap-2 rounded-md border border-dashed border-slate-300 px-4 py-8 text-center text-xs text-slate-500">
          <FlaskConical className="size-5 text-slate-400" aria-hidden />
          {t("empty")}
        </div>
      ) : (
        <ul className="space-y-2">
          {tests.map((test) => {
            const result = results.find((r) => r.id === test.id);
            return (
              <li key={test.id} className="rounded-md border border-slate-200 bg-white px-3 py-2" data-testid={`test-case-${test.id}`}>
                <div className="flex items-start gap-2">
                  <div className="min-w-0 flex-1">
                    <p className="text-xs font-medium break-words text-slate-800">{test.name}</p>
                    <p className="mt-0.5 text-[11px] text-slate-500">
                      {t("steps", { count: test.steps.length })}
                      {test.expect.outcome && t("expects", { outcome: test.expect.outcome })}
                    </p>
                  </div>
                  <Button size="sm" variant="ghost" onClick={() => sim.load(test)} title={t("loadTitle")} data-testid={`test-load-${test.id}`}>
                    <Upload className="size-3.5" aria-hidden /> {t("load")}
                  </Button>
                  <Button
                    size="sm"
                    variant="ghost"
                    className="w-8 px-0 hover:text-rose-700"
                    onClick={() => onDelete(test.id)}
                    title={t("deleteTitle")}
                    aria-label={t("delete", { name: test.name })}
                    data-testid={`test-delete-${test.id}`}
                  >
                    <Trash2 className="size-3.5" aria-hidden />
                  </Button>
                </div>
                {result && <Outcome result={result} onShow={() => show(test, result)} />}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
