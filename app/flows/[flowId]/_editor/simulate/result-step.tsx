"use client";
import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useTRPC } from "@/app/_lib/trpc";
import { findNodeSpec } from "@/nodes/registry";
import { useChannelName, useNodeLocale, useNodeTexts } from "@/app/_ui/use-node-text";
import type { FlowDocument } from "@/engine/contracts/flow";
import { InstanceStatusBadge } from "@/app/_ui/instance-status-badge";
import { keyedTrail } from "@/app/_ui/trail-keys";
import { describeEffect } from "@/engine/effects/registry";
import { formatDuration } from "./script";
import type { SimulatedStep } from "./run-view";

/** "2026-01-05 09:00" in the schedule's own zone. */
const localTime = (ms: number, timeZone: string) => new Date(ms).toLocaleString("sv-SE", { timeZone, dateStyle: "short", timeStyle: "short" });

/** What happened to the instance, in words: `eventText(event)` in the viewer's language. */
export function useEventText(doc: FlowDocument): (event: SimulatedStep["event"]) => string {
  const t = useTranslations("simulate.event");
  const title = useNodeTitle(doc);
  /** The names of an object's fields, for a caption. */
  const fieldList = (data: Record<string, unknown>) => (Object.keys(data).length ? Object.keys(data).join(", ") : t("noFields"));
  return (event) => eventText(withNodeTitle(event, title), t, fieldList);
}

/** A node of the draft by its title in the reader's language, as the trace names it (ids are for machines). */
function useNodeTitle(doc: FlowDocument) {
  const t = useTranslations("simulate.result");
  const texts = useNodeTexts();
  return (nodeId: string) => {
    const node = doc.nodes.find((n) => n.id === nodeId);
    const spec = node && findNodeSpec(node.type);
    return node ? (spec ? texts(spec).title : node.type) : t("notInDraft");
  };
}

/** The wording of a failed delivery or call, by its event type. */
const FAILED = { "message.failed": "deliveryFailed", "http.failed": "httpFailed", "subflow.failed": "subflowFailed" } as const;

function eventText(
  event: SimulatedStep["event"],
  t: ReturnType<typeof useTranslations<"simulate.event">>,
  fieldList: (data: Record<string, unknown>) => string,
): string {
  if (event.type === "message.received") return t("message", { text: event.text });
  if (event.type === "task.completed") return t("taskCompleted", { outcome: event.outcome });
  if (event.type === "crm.event") return t("crm", { name: event.name });
  if (event.type === "timer.fired") return t("timer", { nodeId: event.nodeId });
  if (event.type === "http.responded") return t("http", { status: event.status, nodeId: event.nodeId });
  if (event.type === "webhook.received") return t("webhook", { hook: event.hook, fields: fieldList(event.payload) });
  if (event.type === "schedule.fired") return t("schedule", { time: localTime(event.scheduledFor, event.timeZone), timeZone: event.timeZone });
  if (event.type === "flow.started") return event.note ? t("startedNote", { note: event.note }) : t("started");
  if (event.type === "subflow.called") return t("subflowCalled", { fields: fieldList(event.inputs) });
  if (event.type === "subflow.completed")
    return event.outcome ? t("subflowEnded", { outcome: event.outcome, nodeId: event.nodeId }) : t("subflowEndedNone", { nodeId: event.nodeId });
  // Delivery and call results (English names them by their type, as the engine does), when they carry a node and an error.
  if (event.type === "message.delivered" && event.nodeId) return t("delivered", { nodeId: event.nodeId });
  if ((event.type === "message.failed" || event.type === "http.failed" || event.type === "subflow.failed") && event.nodeId && event.error)
    return t(FAILED[event.type], { nodeId: event.nodeId, error: event.error });
  // Engine events without their own wording: type, node and error.
  const { type, nodeId, error } = event as { type: string; nodeId?: string; error?: string };
  return `${type}${nodeId ? ` (${nodeId})` : ""}${error ? `: ${error}` : ""}`;
}

/** The event with the node it names (a timer's, a call's) by title, as people read the trace. */
function withNodeTitle(event: SimulatedStep["event"], title: (nodeId: string) => string): SimulatedStep["event"] {
  return "nodeId" in event && event.nodeId ? { ...event, nodeId: title(event.nodeId) } : event;
}

/** One engine step of a run: the event, the nodes it passed, what it "sent" and did. */
export function ResultStep({
  doc,
  step,
  index,
  elapsedMs,
  selected,
  onSelect,
  onFocus,
}: {
  doc: FlowDocument;
  step: SimulatedStep;
  index: number;
  elapsedMs: number;
  selected: boolean;
  onSelect: () => void;
  onFocus: (nodeId: string) => void;
}) {
  const t = useTranslations("simulate.result");
  const eventText = useEventText(doc);
  const title = useNodeTitle(doc);
  const locale = useNodeLocale();
  const channelName = useChannelName();
  const trpc = useTRPC();
  const flows = useQuery(trpc.flows.list.queryOptions());
  const flowName = (id: string) => flows.data?.find((f) => f.id === id)?.name ?? id;
  const tone = selected ? "border-amber-300 bg-amber-50/60 ring-2 ring-amber-200/60" : "border-slate-200 bg-white hover:border-slate-300";
  return (
    <li
      className={`relative cursor-pointer rounded-md border px-3 py-2 text-xs transition-colors ${tone}`}
      data-testid={`sim-result-step-${index}`}
      data-selected={selected}
      aria-current={selected ? "step" : undefined}
    >
      {/* Selects the step. Its ::after stretches over the whole card, so a click anywhere on it
          selects; the trail's buttons sit above (relative) and show their node instead. */}
      <button type="button" onClick={onSelect} className="flex w-full cursor-pointer items-start gap-2 text-left after:absolute after:inset-0 after:rounded-md">
        <span className="mt-px flex size-5 shrink-0 items-center justify-center rounded-full bg-slate-100 font-semibold text-slate-600">{index + 1}</span>
        <span className="min-w-0 flex-1 font-medium break-words text-slate-800">{eventText(step.event)}</span>
        <span className="shrink-0 text-slate-400" title={t("elapsed")}>
          +{formatDuration(elapsedMs, locale)}
        </span>
      </button>
      <div className="mt-1.5 flex flex-wrap items-center gap-1 pl-7" data-testid={`sim-result-step-${index}-trail`}>
        {keyedTrail(step.trail).map(({ nodeId, key }, i) => (
          <span key={key} className="flex items-center gap-1">
            {i > 0 && <span className="text-slate-300">→</span>}
            <button
              type="button"
              onClick={() => onFocus(nodeId)}
              className="relative rounded bg-slate-100 px-1.5 py-0.5 text-[11px] text-slate-700 hover:bg-indigo-100 hover:text-indigo-800"
              title={t("showOnCanvas", { title: `${title(nodeId)} (${nodeId})` })}
              data-node-id={nodeId}
            >
              {title(nodeId)}
            </button>
          </span>
        ))}
        {step.trail.length === 0 && <span className="text-slate-400 italic">{t("noNodeMoved")}</span>}
      </div>
      <ul className="mt-1.5 space-y-1 pl-7">
        {step.effects.map((effect) =>
          effect.kind === "message.send" ? (
            <li
              key={effect.key}
              className="w-fit max-w-full rounded-xl rounded-tl-sm bg-slate-100 px-2.5 py-1 break-words text-slate-800 ring-1 ring-slate-200"
              data-testid="sim-sent"
            >
              {effect.channel && <span className="mr-1 font-mono text-[10px] text-slate-500 uppercase">{channelName(effect.channel)}</span>}
              {effect.text}
              {effect.buttons && (
                <span className="mt-1 flex flex-wrap gap-1" data-testid="sim-quick-replies">
                  {effect.buttons.map((b) => (
                    <span key={b} className="rounded-full border border-sky-300 bg-white px-2 text-[11px] text-sky-800">
                      {b}
                    </span>
                  ))}
                </span>
              )}
            </li>
          ) : (
            <li key={effect.key} className="text-slate-500 italic">
              {describeEffect(effect, { flowName, simulated: true, locale })}
            </li>
          ),
        )}
      </ul>
      <div className="mt-1.5 pl-7">
        <InstanceStatusBadge status={step.status} />
      </div>
    </li>
  );
}
