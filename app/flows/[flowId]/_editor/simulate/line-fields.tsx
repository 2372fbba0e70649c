"use client";
import { useTranslations } from "next-intl";
import { inputBase } from "@/app/_ui/text-field";
import { findNodeSpec } from "@/nodes/registry";
import { useNodeTexts } from "@/app/_ui/use-node-text";
import { CRM_EVENTS, samplePayload, WAIT_UNITS, type ScriptLine, type TaskOutcomes, type WaitUnit } from "./script";

const field = `${inputBase} h-8`;

/** Id of the webhook-name suggestion list the script editor renders once. */
export const HOOKS_LIST = "sim-hooks";

/**
 * The outcome an operator picks, from the draft's task nodes (grouped by node); an outcome no node
 * offers (a test case saved before the draft changed) stays shown, marked. Free text only when the
 * draft has no node with outcomes.
 */
function OutcomePicker({
  value,
  outcomes,
  onChange,
  label,
  testId,
}: {
  value: string;
  outcomes: TaskOutcomes[];
  onChange: (v: string) => void;
  label: string;
  testId: string;
}) {
  const t = useTranslations("simulate.line");
  const textOf = useNodeTexts();
  if (!outcomes.length)
    return (
      <input
        className={field}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        placeholder={t("outcomePlaceholder")}
        aria-label={label}
        data-testid={testId}
      />
    );
  const offered = outcomes.some((task) => task.outcomes.includes(value));
  return (
    <select className={field} value={value} onChange={(e) => onChange(e.target.value)} aria-label={label} aria-invalid={!offered} data-testid={testId}>
      {!offered && <option value={value}>{value ? t("outcomeNotOffered", { outcome: value }) : t("outcomeChoose")}</option>}
      {outcomes.map((task) => {
        const spec = findNodeSpec(task.type);
        return (
          <optgroup key={task.nodeId} label={`${spec ? textOf(spec).title : task.type} · ${task.nodeId}`}>
            {task.outcomes.map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </optgroup>
        );
      })}
    </select>
  );
}

/** A JSON object typed as text, under a visible label; the line's problem says when it does not parse. */
function JsonText({
  n,
  label,
  value,
  onChange,
  testId,
  height = "min-h-20",
}: {
  n: number;
  label: string;
  value: string;
  onChange: (text: string) => void;
  testId: string;
  height?: string;
}) {
  const t = useTranslations("simulate.line");
  return (
    <label className="block">
      <span className="mb-0.5 block text-[11px] text-slate-500">{label}</span>
      <textarea
        className={`${inputBase} ${height} py-1.5 font-mono text-xs`}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        spellCheck={false}
        aria-label={t("aria", { n, label })}
        data-testid={testId}
      />
    </label>
  );
}

/** The inputs of one script line, by kind. `id` prefixes their test ids, `n` is the line's number. */
export function LineFields({
  line,
  outcomes,
  id,
  n,
  onChange,
}: {
  line: ScriptLine;
  outcomes: TaskOutcomes[];
  id: string;
  n: number;
  onChange: (line: ScriptLine) => void;
}) {
  const t = useTranslations("simulate.line");
  const aria = (label: string) => t("aria", { n, label });
  switch (line.do) {
    case "message":
      return (
        <input
          className={field}
          value={line.text}
          onChange={(e) => onChange({ ...line, text: e.target.value })}
          placeholder={t("messagePlaceholder")}
          aria-label={aria(t("message"))}
          data-testid={`${id}-text`}
        />
      );
    case "wait":
      return (
        <div className="flex items-center gap-2">
          <input
            className={`${field} w-20`}
            type="number"
            min={1}
            value={line.amount}
            onChange={(e) => onChange({ ...line, amount: e.target.value })}
            aria-label={aria(t("waitAmount"))}
            data-testid={`${id}-amount`}
          />
          <select
            className={`${field} w-28`}
            value={line.unit}
            onChange={(e) => onChange({ ...line, unit: e.target.value as WaitUnit })}
            aria-label={aria(t("waitUnit"))}
            data-testid={`${id}-unit`}
          >
            {Object.keys(WAIT_UNITS).map((unit) => (
              <option key={unit} value={unit}>
                {t("unit", { unit })}
              </option>
            ))}
          </select>
          <span className="text-[11px] leading-3 text-slate-400">{t("fastForward")}</span>
        </div>
      );
    case "complete-task":
      return (
        <OutcomePicker
          value={line.outcome}
          outcomes={outcomes}
          onChange={(outcome) => onChange({ ...line, outcome })}
          label={aria(t("taskOutcome"))}
          testId={`${id}-outcome`}
        />
      );
    case "crm-event":
      return (
        <div className="space-y-1.5">
          <select
            className={field}
            value={line.name}
            onChange={(e) => onChange({ ...line, name: e.target.value as typeof line.name, payload: samplePayload(e.target.value as typeof line.name) })}
            aria-label={aria(t("crmEvent"))}
            data-testid={`${id}-event`}
          >
            {CRM_EVENTS.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
          <JsonText n={n} label={t("payload")} value={line.payload} onChange={(payload) => onChange({ ...line, payload })} testId={`${id}-payload`} />
        </div>
      );
    case "http-response":
      return (
        <div className="space-y-1.5">
          <input
            className={field}
            value={line.status}
            onChange={(e) => onChange({ ...line, status: e.target.value })}
            inputMode="numeric"
            placeholder={t("statusPlaceholder")}
            aria-label={aria(t("httpStatus"))}
            data-testid={`${id}-status`}
          />
          <JsonText
            n={n}
            label={t("responseBody")}
            value={line.body}
            onChange={(body) => onChange({ ...line, body })}
            testId={`${id}-body`}
            height="min-h-16"
          />
        </div>
      );
    case "webhook":
      return (
        <div className="space-y-1.5">
          <label className="flex items-center gap-2 text-[11px] text-slate-500">
            <span className="shrink-0 font-mono">POST /api/hooks/</span>
            <input
              className={field}
              value={line.hook}
              onChange={(e) => onChange({ ...line, hook: e.target.value })}
              placeholder="webhook-name"
              list={HOOKS_LIST}
              aria-label={aria(t("webhookName"))}
              data-testid={`${id}-hook`}
            />
          </label>
          <JsonText n={n} label={t("payload")} value={line.payload} onChange={(payload) => onChange({ ...line, payload })} testId={`${id}-payload`} />
        </div>
      );
    case "schedule":
      return <p className="text-[11px] text-slate-500">{t("schedule")}</p>;
    case "operator-start":
      return (
        <input
          className={field}
          value={line.note}
          onChange={(e) => onChange({ ...line, note: e.target.value })}
          placeholder={t("notePlaceholder")}
          aria-label={aria(t("note"))}
          data-testid={`${id}-note`}
        />
      );
    case "subflow-call":
      return <JsonText n={n} label={t("inputs")} value={line.inputs} onChange={(inputs) => onChange({ ...line, inputs })} testId={`${id}-inputs`} />;
    case "subflow-result":
      return (
        <div className="space-y-1.5">
          <input
            className={field}
            value={line.outcome}
            onChange={(e) => onChange({ ...line, outcome: e.target.value })}
            placeholder={t("subflowOutcomePlaceholder")}
            aria-label={aria(t("subflowOutcome"))}
            data-testid={`${id}-outcome`}
          />
          <JsonText
            n={n}
            label={t("outputs")}
            value={line.outputs}
            onChange={(outputs) => onChange({ ...line, outputs })}
            testId={`${id}-outputs`}
            height="min-h-16"
          />
        </div>
      );
  }
}
