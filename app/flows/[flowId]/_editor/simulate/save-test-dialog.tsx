"use client";
import { useState } from "react";
import { expectationSchema, flowTestCaseSchema, type Expectation, type FlowTestCase, type SimulationStep } from "@/engine/contracts/simulation";
import { Button } from "@/app/_ui/button";
import { Dialog } from "@/app/_ui/dialog";
import { ErrorNotice } from "@/app/_ui/error-notice";
import { inputClass, TextField } from "@/app/_ui/text-field";
import { testId } from "./run-view";

const STATUSES = expectationSchema.shape.status.unwrap().options;
const label = "mb-1 block text-sm font-medium text-slate-700";

/**
 * Names the script as a test case and says what it must lead to. Expectations start from the last
 * run of this same script; a blank field is not checked. Mount it only while open.
 */
export function SaveTestDialog({
  steps,
  customer,
  tests,
  prefill,
  onSave,
  onClose,
}: {
  steps: SimulationStep[];
  customer: FlowTestCase["customer"];
  tests: FlowTestCase[];
  prefill: Expectation | null;
  onSave: (test: FlowTestCase) => void;
  onClose: () => void;
}) {
  const [name, setName] = useState("");
  const [status, setStatus] = useState(prefill?.status ?? "");
  const [outcome, setOutcome] = useState(prefill?.outcome ?? "");
  // One snippet per line: a multi-line message is expected by its first line.
  const [sent, setSent] = useState((prefill?.sent ?? []).map((text) => text.split("\n")[0]).join("\n"));
  const [error, setError] = useState<Error | null>(null);

  const save = () => {
    const snippets = sent
      .split("\n")
      .map((s) => s.trim())
      .filter(Boolean);
    const expect = { ...(status && { status }), ...(outcome.trim() && { outcome: outcome.trim() }), ...(snippets.length && { sent: snippets }) };
    const parsed = flowTestCaseSchema.safeParse({ id: testId(name, tests), name, customer, steps, expect });
    if (!parsed.success) return setError(new Error(parsed.error.issues[0].message));
    onSave(parsed.data);
  };

  const hint = prefill ? "Expectations come from the last run; keep what matters." : "Run the script first to prefill the expectations.";
  return (
    <Dialog
      open
      title="Save as test case"
      description={`Saves the script's ${steps.length === 1 ? "step" : `${steps.length} steps`} with the flow. ${hint}`}
      onClose={onClose}
      onSubmit={save}
      testId="save-test-dialog"
      actions={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" disabled={!name.trim()} data-testid="save-test-submit">
            Save test case
          </Button>
        </>
      }
    >
      <TextField
        id="save-test-name"
        label="Name"
        value={name}
        onChange={(e) => setName(e.target.value)}
        placeholder="e.g. A price question is answered"
        autoFocus
        data-testid="save-test-name"
      />
      <div className="grid grid-cols-2 gap-3">
        <div>
          <label htmlFor="save-test-status" className={label}>
            Ends as
          </label>
          <select
            id="save-test-status"
            className={inputClass}
            value={status}
            onChange={(e) => setStatus(e.target.value as typeof status)}
            data-testid="save-test-status"
          >
            <option value="">(not checked)</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </div>
        <TextField
          id="save-test-outcome"
          label="Outcome"
          value={outcome}
          onChange={(e) => setOutcome(e.target.value)}
          placeholder="(not checked)"
          data-testid="save-test-outcome"
        />
      </div>
      <div>
        <label htmlFor="save-test-sent" className={label}>
          Messages sent, in order
        </label>
        <textarea
          id="save-test-sent"
          className={`${inputClass} min-h-24 resize-y`}
          value={sent}
          onChange={(e) => setSent(e.target.value)}
          placeholder="(not checked)"
          data-testid="save-test-sent"
        />
        <p className="mt-1 text-xs text-slate-500">One line per message; each line must be part of the message sent at that position.</p>
      </div>
      <ErrorNotice error={error} />
    </Dialog>
  );
}
