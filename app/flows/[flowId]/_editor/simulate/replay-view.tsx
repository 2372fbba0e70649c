"use client";
import { useQuery } from "@tanstack/react-query";
import { CircleCheck, GitCompareArrows, Info } from "lucide-react";
import { useTranslations } from "next-intl";
import type { FlowDocument } from "@/engine/contracts/flow";
import { findNodeSpec } from "@/nodes/registry";
import { useTRPC } from "@/app/_lib/trpc";
import { Button } from "@/app/_ui/button";
import { ErrorNotice } from "@/app/_ui/error-notice";
import { InstanceStatusBadge } from "@/app/_ui/instance-status-badge";
import { useNodeTexts } from "@/app/_ui/use-node-text";
import { useEventText } from "./result-step";
import type { Replay, ReplayResult } from "./use-replay";

type PathNode = ReplayResult["draft"]["path"][number];

/** A node by its title in the reader's language, from its type in the document it belongs to. */
function useTitle() {
  const texts = useNodeTexts();
  return (node: { type: string | null; nodeId: string }) => {
    const spec = node.type ? findNodeSpec(node.type) : undefined;
    return spec ? texts(spec).title : (node.type ?? node.nodeId);
  };
}

/** The "Replay" tab: pick an instance of this flow, see its real path beside the draft's and where they part. */
export function ReplayView({
  flowId,
  doc,
  replay,
  saving,
  onFocus,
}: {
  flowId: string;
  doc: FlowDocument;
  replay: Replay;
  saving: boolean;
  onFocus: (nodeId: string) => void;
}) {
  const t = useTranslations("simulate.replay");
  const common = useTranslations("common");
  const trpc = useTRPC();
  const instances = useQuery(trpc.instances.list.queryOptions({ flowId }));
  const { data } = replay;
  return (
    <div className="space-y-3 p-4" data-testid="replay">
      <label className="block text-xs font-medium text-slate-600">
        {t("pick")}
        <select
          className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-xs text-slate-800"
          value={replay.instanceId ?? ""}
          onChange={(e) => replay.setInstanceId(e.target.value || null)}
          data-testid="replay-pick"
        >
          <option value="">{t("pickNone")}</option>
          {/* The instance asked for in the address may be older than the latest 200 listed. */}
          {replay.instanceId && !instances.data?.some((i) => i.id === replay.instanceId) && <option value={replay.instanceId}>{replay.instanceId}</option>}
          {instances.data?.map((i) => (
            <option key={i.id} value={i.id}>
              {t("option", { id: i.id.slice(-8), version: i.version, status: common("instanceStatus", { status: i.status }), customer: i.customerName ?? "—" })}
            </option>
          ))}
        </select>
      </label>
      {!replay.instanceId && <p className="text-xs text-slate-500">{t("explain")}</p>}
      <ErrorNotice error={replay.error} />
      {saving && (
        <p className="text-xs text-amber-700" data-testid="replay-saving">
          {t("saving")}
        </p>
      )}
      {replay.loading && !data && <p className="text-xs text-slate-500">{t("running")}</p>}
      {data && <Result doc={doc} data={data} onFocus={onFocus} onRerun={() => void replay.refetch()} />}
    </div>
  );
}

function Result({ doc, data, onFocus, onRerun }: { doc: FlowDocument; data: ReplayResult; onFocus: (nodeId: string) => void; onRerun: () => void }) {
  const t = useTranslations("simulate.replay");
  const title = useTitle();
  const eventText = useEventText(doc);
  const { divergence } = data;
  const inDraft = (nodeId: string) => doc.nodes.some((n) => n.id === nodeId);
  const rows = Math.max(data.real.path.length, data.draft.path.length);

  const cell = (node: PathNode | undefined, index: number, side: "real" | "draft") => {
    if (!node) return <span className="px-2 py-1 text-slate-300">{t("ended")}</span>;
    const parted = divergence?.index === index;
    return (
      <button
        type="button"
        disabled={!inDraft(node.nodeId)}
        onClick={() => onFocus(node.nodeId)}
        title={inDraft(node.nodeId) ? t("showOnCanvas") : t("notInDraft")}
        className={`w-full truncate rounded px-2 py-1 text-left hover:bg-white disabled:cursor-default ${parted ? "font-semibold text-rose-800" : "text-slate-700"}`}
        data-testid={`replay-${side}-node`}
        data-node-id={node.nodeId}
      >
        {title(node)} <span className="font-mono text-[10px] font-normal text-slate-400">{node.nodeId}</span>
      </button>
    );
  };

  return (
    <div className="space-y-3" data-testid="replay-result" data-diverged={divergence ? "yes" : "no"}>
      <div className="flex flex-wrap items-center gap-2 text-xs">
        <span className="font-semibold text-slate-800">{t("really", { version: data.version })}</span>
        <InstanceStatusBadge status={data.real.status} />
        <span className="text-slate-400">→</span>
        <span className="font-semibold text-slate-800">{t("draft")}</span>
        {data.draft.status === "not-started" ? <span className="text-slate-500">{t("notStarted")}</span> : <InstanceStatusBadge status={data.draft.status} />}
        <Button size="sm" variant="ghost" className="ml-auto" onClick={onRerun}>
          {t("again")}
        </Button>
      </div>

      {!data.run.ok && <p className="rounded-md border border-rose-200 bg-rose-50 px-3 py-2 text-xs text-rose-800">{t("notCompiled")}</p>}

      {divergence ? (
        <div className="flex gap-2 rounded-md border border-rose-200 bg-rose-50 px-3 py-2 text-xs text-rose-800" data-testid="replay-divergence">
          <GitCompareArrows className="mt-px size-3.5 shrink-0" aria-hidden />
          <span>
            {t("parts", {
              step: divergence.step,
              real: divergence.real ? title(divergence.real) : t("endedHere"),
              draft: divergence.draft ? title(divergence.draft) : t("stopsHere"),
            })}
          </span>
        </div>
      ) : (
        <div className="flex gap-2 rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-xs text-emerald-800" data-testid="replay-same">
          <CircleCheck className="mt-px size-3.5 shrink-0" aria-hidden /> {t("same")}
        </div>
      )}

      <div className="overflow-hidden rounded-md border border-slate-200 bg-slate-50 text-xs" data-testid="replay-paths">
        <div className="grid grid-cols-[2.5rem_1fr_1fr] border-b border-slate-200 bg-white font-medium text-slate-500">
          <span className="px-2 py-1.5">{t("step")}</span>
          <span className="px-2 py-1.5">{t("realPath")}</span>
          <span className="px-2 py-1.5">{t("draftPath")}</span>
        </div>
        <ol>
          {Array.from({ length: rows }, (_, i) => {
            const [real, draft] = [data.real.path[i], data.draft.path[i]];
            const after = divergence !== null && i > divergence.index;
            return (
              <li
                // biome-ignore lint/suspicious/noArrayIndexKey: a row is a position on the two paths, which a replay never reorders.
                key={i}
                className={`grid grid-cols-[2.5rem_1fr_1fr] items-center ${divergence?.index === i ? "bg-rose-100" : after ? "opacity-70" : ""}`}
                data-testid="replay-row"
                data-parted={divergence?.index === i ? "yes" : undefined}
              >
                <span className="px-2 text-slate-400 tabular-nums">{(real ?? draft)?.step}</span>
                {cell(real, i, "real")}
                {cell(draft, i, "draft")}
              </li>
            );
          })}
        </ol>
      </div>

      {data.unconsumed.length > 0 && (
        <section data-testid="replay-unconsumed">
          <h3 className="mb-1 text-xs font-semibold text-slate-700">{t("unconsumedTitle")}</h3>
          <ul className="space-y-1 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-xs text-amber-900">
            {data.unconsumed.map((u) => (
              <li key={u.step} className="flex gap-1.5">
                <Info className="mt-px size-3.5 shrink-0" aria-hidden />
                <span>{t("unconsumed", { step: u.step, event: eventText(u.event), reason: t(`reasons.${u.reason}`) })}</span>
              </li>
            ))}
          </ul>
        </section>
      )}

      <section data-testid="replay-sent">
        <h3 className="mb-1 text-xs font-semibold text-slate-700">{data.sent.first === null ? t("sentSame") : t("sentDiffer")}</h3>
        <div className="grid grid-cols-2 gap-2 text-xs">
          {(["real", "draft"] as const).map((side) => (
            <ol key={side} className="space-y-1" data-testid={`replay-sent-${side}`}>
              <li className="font-medium text-slate-500">{side === "real" ? t("realPath") : t("draftPath")}</li>
              {data.sent[side].map((text, i) => (
                <li
                  // biome-ignore lint/suspicious/noArrayIndexKey: the same text may be sent twice; its place in the run tells them apart.
                  key={i}
                  className={`rounded px-2 py-1 ${data.sent.first !== null && i >= data.sent.first ? "bg-rose-50 text-rose-800" : "bg-white text-slate-700"}`}
                >
                  {text}
                </li>
              ))}
              {data.sent[side].length === 0 && <li className="text-slate-400">{t("nothingSent")}</li>}
            </ol>
          ))}
        </div>
      </section>
    </div>
  );
}
