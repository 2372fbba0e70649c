"use client";
import { useTranslations } from "next-intl";
import { findNodeSpec } from "@/nodes/registry";
import { useChannelName, useNodeLocale, useNodeTexts } from "@/app/_ui/use-node-text";
import type { RouterOutputs } from "@/app/_ui/router-types";
import { useDateFormat } from "@/app/_ui/time";
import { keyedTrail } from "@/app/_ui/trail-keys";
import { describeEffect } from "@/engine/effects/registry";

type Instance = RouterOutputs["instances"]["get"];
type Event = Instance["events"][number];

const str = (value: unknown) => (typeof value === "string" ? value : value === undefined ? "" : JSON.stringify(value));

/** `name: value` pairs of a payload (values as JSON unless text), for one line of the log. */
const fieldList = (value: unknown, none: string) => {
  const entries = value && typeof value === "object" ? Object.entries(value) : [];
  return entries.length ? entries.map(([k, v]) => `${k}: ${str(v)}`).join(", ") : none;
};

/** One line about what arrived, per event type of engine/contracts/events, in the reader's language. */
function payloadSummary(event: Event, t: ReturnType<typeof useTranslations<"instance.log">>, channelName: (channel: string) => string): string {
  const p = event.payload;
  if (event.type === "message.received")
    return p.channel ? t("receivedVia", { text: str(p.text), channel: channelName(str(p.channel)) }) : t("received", { text: str(p.text) });
  if (event.type === "task.completed") return t("operatorPicked", { outcome: str(p.outcome) });
  if (event.type === "timer.fired") return t("timeout", { nodeId: str(p.nodeId) });
  if (event.type === "http.responded") return t("httpResponded", { status: str(p.status) });
  if (event.type === "http.failed" || event.type === "message.failed") return t("failed", { error: str(p.error) });
  if (event.type === "message.delivered") return t("delivered");
  const none = t("noData");
  if (event.type === "crm.event") return t("crmEvent", { name: str(p.name), fields: fieldList(p.payload, none) });
  if (event.type === "webhook.received") return t("webhook", { hook: str(p.hook), fields: fieldList(p.payload, none) });
  if (event.type === "schedule.fired") return t("scheduled", { cron: str(p.cron), timeZone: str(p.timeZone) });
  if (event.type === "flow.started") return p.note ? t("startedBy", { note: str(p.note) }) : t("startedByNoNote");
  if (event.type === "subflow.called") return t("subflowCalled", { fields: fieldList(p.inputs, none) });
  if (event.type === "subflow.completed") return t("subflowCompleted", { outcome: str(p.outcome ?? "—") });
  if (event.type === "subflow.failed") return t("failed", { error: str(p.error) });
  if (event.type === "instance.stopped" && p.reason === "budget")
    return t("stoppedOverBudget", { budget: str(p.budget), max: Number(p.max), nodeId: str(p.nodeId) });
  if (event.type === "instance.migrated") {
    const version = (v: unknown) => Number((v as { number?: number } | undefined)?.number);
    const nodes = (p.nodes as { from: string; to: string }[] | undefined) ?? [];
    return t("migrated", { from: version(p.from), to: version(p.to), nodes: nodes.map((n) => `${n.from} → ${n.to}`).join(", ") });
  }
  if (event.type === "instance.stopped") return t("stoppedAtLimit", { limit: str(p.limit), max: Number(p.max), hours: Number(p.windowHours) });
  return JSON.stringify(p);
}

/** The instance's steps, oldest first: what arrived, which nodes it passed, what it did. */
export function EventLog({ instance, onFocusNode }: { instance: Instance; onFocusNode: (nodeId: string) => void }) {
  const t = useTranslations("instance.log");
  const { time } = useDateFormat();
  const types = new Map(instance.document.nodes.map((n) => [n.id, n.type]));
  const texts = useNodeTexts();
  const locale = useNodeLocale();
  const channelName = useChannelName();
  const titleOf = (nodeId: string) => {
    const spec = findNodeSpec(types.get(nodeId) ?? "");
    return spec ? texts(spec).title : t("node");
  };
  return (
    <aside className="flex w-[26rem] shrink-0 flex-col border-l border-slate-200 bg-white" data-testid="event-log">
      <div className="flex h-10 shrink-0 items-center justify-between border-b border-slate-100 px-4">
        <h2 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">{t("title")}</h2>
        {instance.status === "waiting" && <span className="text-[11px] text-slate-400">{t("live")}</span>}
      </div>
      <ol className="min-h-0 flex-1 space-y-3 overflow-y-auto p-4">
        {instance.events.map((event) => (
          <li key={event.step} className="rounded-lg border border-slate-200 p-3" data-testid={`event-${event.step}`}>
            <div className="flex items-baseline justify-between gap-2">
              <span className="flex items-baseline gap-2">
                <span className="text-[11px] font-semibold text-slate-400 tabular-nums">#{event.step}</span>
                <span className="font-mono text-xs font-medium text-slate-800">{event.type}</span>
              </span>
              <time className="text-[11px] text-slate-400" dateTime={event.createdAt.toISOString()}>
                {time(event.createdAt)}
              </time>
            </div>
            <p className="mt-1 text-sm break-words text-slate-700">{payloadSummary(event, t, channelName)}</p>
            {event.trail.length > 0 && (
              <div className="mt-2">
                <div className="mb-1 text-[11px] font-medium text-slate-400">{t("passed")}</div>
                <div className="flex flex-wrap items-center gap-1">
                  {keyedTrail(event.trail).map(({ nodeId, key }, i) => (
                    <span key={key} className="flex items-center gap-1">
                      {i > 0 && <span className="text-slate-300">→</span>}
                      <button
                        type="button"
                        onClick={() => onFocusNode(nodeId)}
                        className="rounded bg-emerald-50 px-1.5 py-0.5 text-[11px] font-medium text-emerald-800 ring-1 ring-emerald-200 ring-inset hover:bg-emerald-100"
                        title={t("showOnCanvas", { nodeId })}
                      >
                        {titleOf(nodeId)} <span className="font-mono font-normal text-emerald-600">{nodeId}</span>
                      </button>
                    </span>
                  ))}
                </div>
              </div>
            )}
            {event.effects.length > 0 && (
              <ul className="mt-2 space-y-0.5 border-t border-slate-100 pt-2">
                {event.effects.map((effect) => (
                  <li key={effect.key} className="flex gap-2 text-xs text-slate-600">
                    <span className="shrink-0 font-mono text-[11px] text-slate-400">{effect.kind}</span>
                    <span className="min-w-0 break-words">{describeEffect(effect, { flowName: (id) => id, simulated: false, locale })}</span>
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
        {instance.events.length === 0 && <li className="py-10 text-center text-sm text-slate-500">{t("empty")}</li>}
      </ol>
    </aside>
  );
}
