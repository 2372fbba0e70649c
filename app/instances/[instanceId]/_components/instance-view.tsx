"use client";
import { useQuery } from "@tanstack/react-query";
import { ReactFlowProvider, useReactFlow, useStoreApi } from "@xyflow/react";
import { ChevronLeft, ExternalLink, GitCompareArrows } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useMemo } from "react";
import { useTRPC } from "@/app/_lib/trpc";
import { useMayCall } from "@/app/_lib/use-may-call";
import { nodeIdsOfState } from "@/engine/compiler/compile";
import { ErrorNotice } from "@/app/_ui/error-notice";
import { FlowCanvas, pathHighlight } from "@/app/_ui/flow-canvas";
import { InstanceStatusBadge } from "@/app/_ui/instance-status-badge";
import { Loading } from "@/app/_ui/loading";
import type { RouterOutputs } from "@/app/_ui/router-types";
import { useDateFormat } from "@/app/_ui/time";
import { EventLog } from "./event-log";

type Instance = RouterOutputs["instances"]["get"];

/** `/instances/[id]`: the run drawn on its version's graph, and the events that moved it. */
export function InstanceView({ instanceId }: { instanceId: string }) {
  const t = useTranslations("instance");
  const trpc = useTRPC();
  // A waiting instance can move at any moment (a reply, a timer, an operator); a finished one cannot.
  const instance = useQuery(trpc.instances.get.queryOptions({ instanceId }, { refetchInterval: (q) => (q.state.data?.status === "waiting" ? 2000 : false) }));
  if (instance.isPending) return <Loading label={t("loading")} />;
  if (instance.isError) return <ErrorNotice error={instance.error} className="m-6" />;
  return (
    <ReactFlowProvider>
      <Run instance={instance.data} />
    </ReactFlowProvider>
  );
}

/** The nodes a live run rests in (one per unfinished branch inside a Run in parallel); none once it ended or was cancelled. */
const restingNodes = (instance: Instance) =>
  instance.status === "waiting" || instance.status === "stuck" || instance.status === "stopped" ? nodeIdsOfState(instance.state) : [];

function Run({ instance }: { instance: Instance }) {
  const { nodes, edges } = useMemo(() => pathHighlight(instance.document, instance.path), [instance.document, instance.path]);
  const current = useMemo(() => restingNodes(instance), [instance]);
  const t = useTranslations("instance");
  const { dateTime } = useDateFormat();
  const { setCenter } = useReactFlow();
  const store = useStoreApi();
  const mayReplay = useMayCall("instances.replayOnDraft");

  const focus = (nodeId: string) => {
    const node = store.getState().nodeLookup.get(nodeId);
    if (!node) return;
    const { x, y } = node.internals.positionAbsolute;
    void setCenter(x + (node.measured.width ?? 240) / 2, y + (node.measured.height ?? 80) / 2, { zoom: 1.1, duration: 300 });
  };

  return (
    <div className="flex h-full flex-col" data-testid="instance-view">
      <div className="flex h-12 shrink-0 items-center gap-3 border-b border-slate-200 bg-white px-3">
        <Link
          href={`/flows/${instance.flowId}/instances`}
          className="flex size-8 shrink-0 items-center justify-center rounded-md text-slate-500 hover:bg-slate-100 hover:text-slate-900"
          aria-label={t("allInstances")}
          title={t("allInstances")}
        >
          <ChevronLeft className="size-4" />
        </Link>
        <div className="min-w-0">
          <div className="flex items-center gap-2">
            <h1 className="truncate text-sm font-semibold text-slate-900">{instance.flowName}</h1>
            <span className="rounded bg-slate-100 px-1.5 py-0.5 text-[11px] font-medium text-slate-600 tabular-nums" data-testid="instance-version">
              v{instance.version.number}
            </span>
            <InstanceStatusBadge status={instance.status} />
          </div>
          <p className="truncate font-mono text-[11px] text-slate-400">{instance.id}</p>
          {instance.calledBy && (
            <p className="truncate text-[11px] text-slate-500" data-testid="instance-called-by">
              {t("calledBy")}{" "}
              <Link href={`/instances/${instance.calledBy.instanceId}`} className="font-medium text-indigo-600 hover:text-indigo-500">
                {instance.calledBy.flowName}
              </Link>
            </p>
          )}
        </div>
        <dl className="ml-6 hidden items-center gap-5 text-xs md:flex">
          <div>
            <dt className="text-slate-400">{t("started")}</dt>
            <dd className="text-slate-700">{dateTime(instance.createdAt)}</dd>
          </div>
          <div>
            <dt className="text-slate-400">
              {instance.status === "completed"
                ? t("endedIn")
                : instance.status === "cancelled" || instance.status === "stopped"
                  ? t("stoppedIn")
                  : t("restingIn")}
            </dt>
            <dd className="font-mono text-slate-700" data-testid="instance-state">
              {nodeIdsOfState(instance.state).join(", ") || instance.state}
            </dd>
          </div>
          <div>
            <dt className="text-slate-400">{t("steps")}</dt>
            <dd className="text-slate-700 tabular-nums">{instance.events.length}</dd>
          </div>
        </dl>
        {mayReplay && (
          <Link
            href={`/flows/${instance.flowId}?replay=${instance.id}`}
            className="ml-auto inline-flex h-8 items-center gap-1.5 rounded-md px-2.5 text-xs font-medium text-indigo-600 hover:bg-indigo-50 hover:text-indigo-700"
            title={t("replayTitle")}
            data-testid="instance-replay"
          >
            <GitCompareArrows className="size-3.5" aria-hidden />
            {t("replay")}
          </Link>
        )}
        <Link
          href={`/flows/${instance.flowId}`}
          className={`${mayReplay ? "" : "ml-auto "}inline-flex h-8 items-center gap-1.5 rounded-md px-2.5 text-xs font-medium text-slate-600 hover:bg-slate-100 hover:text-slate-900`}
          data-testid="instance-open-flow"
        >
          <ExternalLink className="size-3.5" aria-hidden />
          {t("openFlow")}
        </Link>
      </div>
      <div className="flex min-h-0 flex-1">
        <div className="relative min-w-0 flex-1">
          <FlowCanvas document={instance.document} readOnly highlight={nodes} highlightEdges={edges} current={current} testId="instance-canvas" />
          <Legend waiting={current.length > 0} />
        </div>
        <EventLog instance={instance} onFocusNode={focus} />
      </div>
    </div>
  );
}

function Legend({ waiting }: { waiting: boolean }) {
  const t = useTranslations("instance.legend");
  return (
    <div className="pointer-events-none absolute top-3 left-3 flex gap-3 rounded-md border border-slate-200 bg-white/90 px-3 py-1.5 text-[11px] text-slate-600 shadow-sm">
      <span className="flex items-center gap-1.5">
        <span className="size-2.5 rounded-full bg-emerald-400" /> {t("passed")}
      </span>
      {waiting && (
        <span className="flex items-center gap-1.5">
          <span className="size-2.5 rounded-full bg-amber-400" /> {t("restingHere")}
        </span>
      )}
    </div>
  );
}
