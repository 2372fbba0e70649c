"use client";
import { ArrowDown, ArrowUp, Clock, Globe, MessageSquare, UserRoundCheck, Webhook, X } from "lucide-react";
import type { ReactNode } from "react";
import { inputBase } from "@/app/_ui/text-field";
import { CRM_EVENTS, samplePayload, WAIT_UNITS, type ScriptLine, type WaitUnit } from "./script";

const field = `${inputBase} h-8`;

/** The id of the outcome suggestions list the script editor renders once. */
export const OUTCOMES_LIST = "sim-outcomes";

const kinds = {
  message: { icon: MessageSquare, label: "Customer writes", tone: "bg-sky-100 text-sky-700" },
  wait: { icon: Clock, label: "Time passes", tone: "bg-amber-100 text-amber-700" },
  "complete-task": { icon: UserRoundCheck, label: "Operator completes the task", tone: "bg-violet-100 text-violet-700" },
  "crm-event": { icon: Webhook, label: "The CRM reports an event", tone: "bg-emerald-100 text-emerald-700" },
  "http-response": { icon: Globe, label: "The API answers", tone: "bg-teal-100 text-teal-700" },
} as const;

function Tool({ label, testId, disabled, onClick, children }: { label: string; testId: string; disabled?: boolean; onClick: () => void; children: ReactNode }) {
  return (
    <button type="button" onClick={onClick} disabled={disabled} title={label} aria-label={label} data-testid={testId} className="rounded p-0.5 text-slate-400 hover:bg-slate-100 hover:text-slate-700 disabled:invisible">
      {children}
    </button>
  );
}

/** One line of the script: what the customer, the clock or the operator does next. */
export function ScriptLineRow({ index, count, line, problem, onChange, onMove, onRemove }: {
  index: number;
  count: number;
  line: ScriptLine;
  problem: string | null;
  onChange: (line: ScriptLine) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}) {
  const kind = kinds[line.do];
  const id = `sim-step-${index}`;
  return (
    <li className="group rounded-md border border-slate-200 bg-white p-2" data-testid={id} data-kind={line.do}>
      <div className="mb-1.5 flex items-center gap-2">
        <span className={`flex size-5 items-center justify-center rounded ${kind.tone}`}>
          <kind.icon className="size-3" aria-hidden />
        </span>
        <span className="text-xs font-medium text-slate-600">
          {index + 1}. {kind.label}
        </span>
        <span className="ml-auto flex items-center">
          <Tool label="Move up" testId={`${id}-up`} disabled={index === 0} onClick={() => onMove(-1)}>
            <ArrowUp className="size-3.5" />
          </Tool>
          <Tool label="Move down" testId={`${id}-down`} disabled={index === count - 1} onClick={() => onMove(1)}>
            <ArrowDown className="size-3.5" />
          </Tool>
          <Tool label="Remove step" testId={`${id}-remove`} onClick={onRemove}>
            <X className="size-3.5" />
          </Tool>
        </span>
      </div>
      {line.do === "message" && (
        <input className={field} value={line.text} onChange={(e) => onChange({ ...line, text: e.target.value })} placeholder="What the customer writes" aria-label={`Step ${index + 1}: customer message`} data-testid={`${id}-text`} />
      )}
      {line.do === "wait" && (
        <div className="flex items-center gap-2">
          <input className={`${field} w-20`} type="number" min={1} value={line.amount} onChange={(e) => onChange({ ...line, amount: e.target.value })} aria-label={`Step ${index + 1}: wait amount`} data-testid={`${id}-amount`} />
          <select className={`${field} w-28`} value={line.unit} onChange={(e) => onChange({ ...line, unit: e.target.value as WaitUnit })} aria-label={`Step ${index + 1}: wait unit`} data-testid={`${id}-unit`}>
            {Object.keys(WAIT_UNITS).map((unit) => (
              <option key={unit} value={unit}>
                {unit}
              </option>
            ))}
          </select>
          <span className="text-[11px] leading-3 text-slate-400">timers fast-forward</span>
        </div>
      )}
      {line.do === "complete-task" && (
        <input className={field} value={line.outcome} onChange={(e) => onChange({ ...line, outcome: e.target.value })} placeholder="Outcome, e.g. resolved" list={OUTCOMES_LIST} aria-label={`Step ${index + 1}: task outcome`} data-testid={`${id}-outcome`} />
      )}
      {line.do === "crm-event" && (
        <div className="space-y-1.5">
          <select className={field} value={line.name} onChange={(e) => onChange({ ...line, name: e.target.value as typeof line.name, payload: samplePayload(e.target.value as typeof line.name) })} aria-label={`Step ${index + 1}: CRM event`} data-testid={`${id}-event`}>
            {CRM_EVENTS.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
          <textarea className={`${inputBase} min-h-20 py-1.5 font-mono text-xs`} value={line.payload} onChange={(e) => onChange({ ...line, payload: e.target.value })} spellCheck={false} aria-label={`Step ${index + 1}: event payload (JSON)`} data-testid={`${id}-payload`} />
        </div>
      )}
      {line.do === "http-response" && (
        <div className="space-y-1.5">
          <input className={field} value={line.status} onChange={(e) => onChange({ ...line, status: e.target.value })} inputMode="numeric" placeholder="Status, e.g. 200" aria-label={`Step ${index + 1}: HTTP status`} data-testid={`${id}-status`} />
          <textarea className={`${inputBase} min-h-16 py-1.5 font-mono text-xs`} value={line.body} onChange={(e) => onChange({ ...line, body: e.target.value })} spellCheck={false} aria-label={`Step ${index + 1}: response body`} data-testid={`${id}-body`} />
        </div>
      )}
      {problem && (
        <p className="mt-1 text-[11px] text-rose-600" data-testid={`${id}-problem`}>
          {problem}
        </p>
      )}
    </li>
  );
}
