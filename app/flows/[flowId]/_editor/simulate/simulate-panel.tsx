"use client";
import { FlaskConical, Play, Save, X } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import type { FlowDocument } from "@/engine/contracts/flow";
import type { FlowTestCase } from "@/engine/contracts/simulation";
import { Button } from "@/app/_ui/button";
import { ErrorNotice } from "@/app/_ui/error-notice";
import { RunResultView } from "./run-result";
import { expectationFromRun } from "./run-view";
import { SaveTestDialog } from "./save-test-dialog";
import { scriptCustomer } from "./script";
import { ReplayView } from "./replay-view";
import { ScriptEditor } from "./script-editor";
import { TestCases } from "./test-cases";
import type { Replay } from "./use-replay";
import type { Simulate, SimulateTab } from "./use-simulation";

type Props = {
  flowId: string;
  doc: FlowDocument;
  sim: Simulate;
  replay: Replay;
  /** The draft has changes not saved yet: a replay runs on the saved one. */
  draftUnsaved: boolean;
  /** Changes the draft's test cases through the editor's history (undo and autosave apply). */
  onTests: (update: (tests: FlowTestCase[]) => FlowTestCase[]) => void;
  onFocus: (nodeId: string) => void;
  onClose: () => void;
};

function Tab({ id, current, label, onSelect }: { id: SimulateTab; current: SimulateTab; label: string; onSelect: (id: SimulateTab) => void }) {
  const active = id === current;
  return (
    <button
      type="button"
      role="tab"
      aria-selected={active}
      onClick={() => onSelect(id)}
      className={`-mb-px border-b-2 px-3 py-2 text-xs font-medium ${active ? "border-indigo-500 text-indigo-700" : "border-transparent text-slate-500 hover:text-slate-800"}`}
      data-testid={`sim-tab-${id}`}
    >
      {label}
    </button>
  );
}

/** Simulate mode's side panel: script, run result and saved test cases. Nothing it runs is really sent. */
export function SimulatePanel({ flowId, doc, sim, replay, draftUnsaved, onTests, onFocus, onClose }: Props) {
  const t = useTranslations("simulate");
  const [saving, setSaving] = useState(false);
  const tests = doc.tests ?? [];
  const { result, steps } = sim;
  // Expectations are prefilled only from a run of exactly these steps.
  const prefill = result && steps && JSON.stringify(result.steps) === JSON.stringify(steps) ? expectationFromRun(result.run) : null;

  return (
    <aside className="flex w-96 shrink-0 flex-col border-l border-slate-200 bg-white" data-testid="simulate-panel">
      <header className="flex items-start gap-2.5 border-b border-slate-100 px-4 py-3">
        <span className="flex size-8 shrink-0 items-center justify-center rounded-md bg-indigo-100 text-indigo-700">
          <FlaskConical className="size-4" aria-hidden />
        </span>
        <div className="min-w-0 flex-1">
          <h2 className="text-sm font-semibold text-slate-900">{t("title")}</h2>
          <p className="text-xs text-slate-500">{t("subtitle")}</p>
        </div>
        <button
          type="button"
          onClick={onClose}
          className="rounded p-1 text-slate-400 hover:bg-slate-100 hover:text-slate-600"
          aria-label={t("close")}
          data-testid="simulate-close"
        >
          <X className="size-4" />
        </button>
      </header>
      <div className="flex border-b border-slate-200 px-2" role="tablist">
        <Tab id="script" current={sim.tab} label={t("tabs.script")} onSelect={sim.setTab} />
        <Tab
          id="result"
          current={sim.tab}
          label={result ? t("tabs.resultCount", { count: result.run.steps.length }) : t("tabs.result")}
          onSelect={sim.setTab}
        />
        <Tab id="tests" current={sim.tab} label={t("tabs.tests", { count: tests.length })} onSelect={sim.setTab} />
        <Tab id="replay" current={sim.tab} label={t("tabs.replay")} onSelect={sim.setTab} />
      </div>
      <div className="min-h-0 flex-1 overflow-y-auto bg-slate-50/60">
        {sim.tab === "script" && <ScriptEditor doc={doc} script={sim.script} checked={sim.checked} onChange={sim.setScript} />}
        {sim.tab === "result" && <RunResultView doc={doc} result={result} step={sim.step} onStep={sim.setStep} onFocus={onFocus} onRerun={sim.run} />}
        {sim.tab === "tests" && <TestCases doc={doc} sim={sim} onDelete={(id) => onTests((list) => list.filter((t) => t.id !== id))} />}
        {sim.tab === "replay" && <ReplayView flowId={flowId} doc={doc} replay={replay} saving={draftUnsaved} onFocus={onFocus} />}
      </div>
      <footer className="space-y-2 border-t border-slate-200 px-4 py-3">
        <ErrorNotice error={sim.runError} />
        <div className="flex gap-2">
          <Button variant="primary" size="sm" className="flex-1" onClick={sim.run} disabled={sim.running} data-testid="sim-run">
            <Play className="size-3.5" aria-hidden /> {sim.running ? t("running") : t("run")}
          </Button>
          <Button
            size="sm"
            onClick={() => (steps ? setSaving(true) : sim.run())}
            disabled={tests.length >= 50}
            title={t("saveTestTitle")}
            data-testid="sim-save-test"
          >
            <Save className="size-3.5" aria-hidden /> {t("saveTest")}
          </Button>
        </div>
      </footer>
      {saving && steps && (
        <SaveTestDialog
          steps={steps}
          customer={scriptCustomer(sim.script)}
          tests={tests}
          prefill={prefill}
          onClose={() => setSaving(false)}
          onSave={(test) => {
            onTests((list) => [...list, test]);
            setSaving(false);
            sim.setTab("tests");
          }}
        />
      )}
    </aside>
  );
}
