"use client";
import { useLocale, useTranslations } from "next-intl";
import { useMemo } from "react";
import type { FlowDocument } from "@/engine/contracts/flow";
import { Button } from "@/app/_ui/button";
import { inputBase } from "@/app/_ui/text-field";
import { useChannelName } from "@/app/_ui/use-node-text";
import { HOOKS_LIST } from "./line-fields";
import { LINE_KINDS } from "./line-kinds";
import { CHANNELS, draftHooks, lineProblem, newLine, taskOutcomes, type Script, type ScriptLine } from "./script";
import { ScriptLineRow } from "./script-line-row";

/** The scripted conversation: who the customer is, then what happens, line by line. */
export function ScriptEditor({ doc, script, checked, onChange }: { doc: FlowDocument; script: Script; checked: boolean; onChange: (script: Script) => void }) {
  const t = useTranslations("simulate.script");
  const locale = useLocale();
  const channelName = useChannelName();
  const outcomes = useMemo(() => taskOutcomes(doc), [doc]);
  const hooks = useMemo(() => draftHooks(doc).map((h) => h.hook), [doc]);
  const { customer, lines } = script;
  const setLines = (next: ScriptLine[]) => onChange({ ...script, lines: next, from: undefined });
  const move = (from: number, to: number) => {
    const next = [...lines];
    next.splice(to, 0, ...next.splice(from, 1));
    setLines(next);
  };

  return (
    <div className="space-y-4 p-4" data-testid="sim-script">
      {script.from && (
        <p className="rounded-md bg-indigo-50 px-3 py-2 text-xs text-indigo-800" data-testid="sim-script-from">
          {t("loadedFrom", { name: script.from })}
        </p>
      )}
      <fieldset className="grid grid-cols-[1fr_7.5rem] gap-2">
        <legend className="mb-1.5 text-xs font-semibold tracking-wide text-slate-500 uppercase">{t("customer")}</legend>
        <input
          className={`${inputBase} h-8`}
          value={customer.name}
          onChange={(e) => onChange({ ...script, customer: { ...customer, name: e.target.value } })}
          placeholder={t("namePlaceholder")}
          aria-label={t("customerName")}
          data-testid="sim-customer-name"
        />
        <select
          className={`${inputBase} h-8`}
          value={customer.channel}
          onChange={(e) => onChange({ ...script, customer: { ...customer, channel: e.target.value as Script["customer"]["channel"] } })}
          aria-label={t("channel")}
          data-testid="sim-customer-channel"
        >
          {CHANNELS.map((c) => (
            <option key={c} value={c}>
              {channelName(c)}
            </option>
          ))}
        </select>
        <div className="col-span-2 flex flex-wrap items-center gap-1 text-[11px] text-slate-500">
          <span className="mr-0.5">{t("alsoOn")}</span>
          {CHANNELS.filter((c) => c !== customer.channel).map((c) => {
            const on = customer.alsoOn.includes(c);
            return (
              <button
                key={c}
                type="button"
                aria-pressed={on}
                onClick={() =>
                  onChange({ ...script, customer: { ...customer, alsoOn: on ? customer.alsoOn.filter((x) => x !== c) : [...customer.alsoOn, c] } })
                }
                className={`rounded-full px-2 py-0.5 ring-1 ring-inset ${on ? "bg-indigo-50 text-indigo-700 ring-indigo-300" : "text-slate-500 ring-slate-200 hover:bg-slate-100"}`}
                title={t("alsoOnTitle")}
                data-testid={`sim-customer-also-${c}`}
              >
                {channelName(c)}
              </button>
            );
          })}
        </div>
      </fieldset>

      <div>
        <h3 className="mb-1.5 text-xs font-semibold tracking-wide text-slate-500 uppercase">{t("steps")}</h3>
        {lines.length === 0 ? (
          <p className="rounded-md border border-dashed border-slate-300 px-3 py-4 text-center text-xs text-slate-500">{t("empty")}</p>
        ) : (
          <ol className="space-y-2">
            {lines.map((line, i) => (
              <ScriptLineRow
                key={line.key}
                index={i}
                count={lines.length}
                line={line}
                outcomes={outcomes}
                problem={checked ? lineProblem(line, locale) : null}
                onChange={(next) => setLines(lines.map((l) => (l.key === line.key ? next : l)))}
                onMove={(by) => move(i, i + by)}
                onRemove={() => setLines(lines.filter((l) => l.key !== line.key))}
              />
            ))}
          </ol>
        )}
        <datalist id={HOOKS_LIST}>
          {hooks.map((h) => (
            <option key={h} value={h} />
          ))}
        </datalist>
        <div className="mt-2 flex flex-wrap gap-1.5">
          {(Object.keys(LINE_KINDS) as ScriptLine["do"][]).map((kind) => {
            const Icon = LINE_KINDS[kind].icon;
            return (
              <Button key={kind} size="sm" onClick={() => setLines([...lines, newLine(kind, doc)])} data-testid={`sim-add-${kind}`}>
                <Icon className="size-3.5" aria-hidden /> {t(`add.${kind}`)}
              </Button>
            );
          })}
        </div>
      </div>
    </div>
  );
}
