"use client";
import { useTranslations } from "next-intl";
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
  const t = useTranslations("simulate.save");
  const common = useTranslations("common");
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

  const hint = prefill ? t("hintPrefilled") : t("hintEmpty");
  return (
    <Dialog
      open
      title={t("title")}
      description={t("description", { count: steps.length, hint })}
      onClose={onClose}
      onSubmit={save}
      testId="save-test-dialog"
      actions={
        <>
          <Button onClick={onClose}>{common("cancel")}</Button>
          <Button type="submit" variant="primary" disabled={!name.trim()} data-testid="save-test-submit">
            {t("submit")}
          </Button>
        </>
      }
    >
      <TextField
        id="save-test-name"
        label={t("name")}
        value={name}
        onChange={(e) => setName(e.target.value)}
        placeholder={t("namePlaceholder")}
        autoFocus
        data-testid="save-test-name"
      />
      <div className="grid grid-cols-2 gap-3">
        <div>
          <label htmlFor="save-test-status" className={label}>
            {t("endsAs")}
          </label>
          <select
            id="save-test-status"
            className={inputClass}
            value={status}
            onChange={(e) => setStatus(e.target.value as typeof status)}
            data-testid="save-test-status"
          >
            <option value="">{t("notChecked")}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {common("instanceStatus", { status: s })}
              </option>
            ))}
          </select>
        </div>
        <TextField
          id="save-test-outcome"
          label={t("outcome")}
          value={outcome}
          onChange={(e) => setOutcome(e.target.value)}
          placeholder={t("notChecked")}
          data-testid="save-test-outcome"
        />
      </div>
      <div>
        <label htmlFor="save-test-sent" className={label}>
          {t("sent")}
        </label>
        <textarea
          id="save-test-sent"
          className={`${inputClass} min-h-24 resize-y`}
          value={sent}
          onChange={(e) => setSent(e.target.value)}
          placeholder={t("notChecked")}
          data-testid="save-test-sent"
        />
        <p className="mt-1 text-xs text-slate-500">{t("sentHelp")}</p>
      </div>
      <ErrorNotice error={error} />
    </Dialog>
  );
}
