"use client";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import type { SimulatedStep } from "./run-view";

/** A JSON value as a tree: scalars coloured by type, objects and arrays as collapsible lists. */
function JsonValue({ value }: { value: unknown }) {
  if (value === null || typeof value !== "object") {
    const tone = typeof value === "string" ? "text-emerald-700" : typeof value === "number" ? "text-sky-700" : "text-violet-700";
    return <span className={`font-mono break-all ${tone}`}>{value === undefined ? "undefined" : JSON.stringify(value)}</span>;
  }
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  if (entries.length === 0) return <span className="font-mono text-slate-400">{Array.isArray(value) ? "[]" : "{}"}</span>;
  return (
    <details open className="min-w-0">
      <summary className="cursor-pointer font-mono text-slate-400">{Array.isArray(value) ? `[${entries.length}]` : `{${entries.length}}`}</summary>
      <Rows entries={entries} />
    </details>
  );
}

function Rows({ entries }: { entries: (readonly [string, unknown])[] }) {
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 pl-2">
      {entries.map(([key, value]) => (
        <Row key={key} name={key}>
          <JsonValue value={value} />
        </Row>
      ))}
    </dl>
  );
}

function Row({ name, children }: { name: string; children: ReactNode }) {
  return (
    <>
      <dt className="font-mono text-slate-500">{name}</dt>
      <dd className="min-w-0">{children}</dd>
    </>
  );
}

/** Everything the instance knows after one step: its status, machine state and flow variables. */
export function VarsInspector({ step, index }: { step: SimulatedStep; index: number }) {
  const t = useTranslations("simulate.result");
  const common = useTranslations("common");
  const vars = Object.entries(step.vars);
  return (
    <section className="rounded-md border border-slate-200 bg-white text-xs" data-testid="sim-vars" data-step={index}>
      <h3 className="border-b border-slate-100 px-3 py-2 font-semibold text-slate-700">{t("after", { n: index + 1 })}</h3>
      <div className="space-y-2 px-3 py-2">
        <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
          <Row name={t("status")}>
            <span className="font-mono text-slate-800" data-testid="sim-vars-status" data-status={step.status}>
              {common("instanceStatus", { status: step.status })}
            </span>
          </Row>
          <Row name={t("state")}>
            <JsonValue value={step.state} />
          </Row>
        </dl>
        <div className="border-t border-slate-100 pt-2">
          {vars.length ? (
            <Rows entries={vars.map(([k, v]) => [`vars.${k}`, v] as const)} />
          ) : (
            <p className="text-slate-400" data-testid="sim-vars-empty">
              {t("noVars")}
            </p>
          )}
        </div>
      </div>
    </section>
  );
}
