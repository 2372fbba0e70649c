"use client";
import { useQuery } from "@tanstack/react-query";
import { ArrowLeft, PenLine, Rows3 } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useTRPC } from "@/app/_lib/trpc";
import { EmptyState } from "@/app/_ui/empty-state";
import { ErrorNotice } from "@/app/_ui/error-notice";
import { Loading } from "@/app/_ui/loading";
import { PageHeader } from "@/app/_ui/page-header";
import { InstancesTable } from "./instances-table";

/** Every instance of one flow, newest first, refreshed every 2 s. */
export function InstancesPage({ flowId }: { flowId: string }) {
  const t = useTranslations("instances");
  const trpc = useTRPC();
  const flow = useQuery(trpc.flows.get.queryOptions({ flowId }));
  const instances = useQuery(trpc.instances.list.queryOptions({ flowId }, { refetchInterval: 2000 }));
  const liveVersion = flow.data?.versions[0]?.number;

  return (
    <div className="mx-auto max-w-6xl px-6 py-8">
      <PageHeader
        eyebrow={
          <Link href="/" className="inline-flex items-center gap-1 hover:text-slate-700">
            <ArrowLeft className="size-3.5" aria-hidden />
            {t("back")}
          </Link>
        }
        title={<span data-testid="instances-flow-name">{flow.data?.name ?? (flow.isError ? t("unknownFlow") : "…")}</span>}
        description={liveVersion ? t("descriptionLive", { version: liveVersion }) : t("descriptionUnpublished")}
        actions={
          <Link
            href={`/flows/${flowId}`}
            className="inline-flex h-9 items-center gap-2 rounded-md border border-slate-300 bg-white px-3.5 text-sm font-medium text-slate-700 shadow-sm hover:bg-slate-50"
            data-testid="open-editor"
          >
            <PenLine className="size-4" aria-hidden />
            {t("openEditor")}
          </Link>
        }
      />
      <ErrorNotice error={flow.error} className="mb-4" />
      <div className="overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm">
        {instances.isPending ? (
          <Loading label={t("loading")} />
        ) : instances.isError ? (
          <ErrorNotice error={instances.error} className="m-4" />
        ) : instances.data.length === 0 ? (
          <EmptyState icon={Rows3} title={t("empty.title")}>
            {t("empty.body")}
          </EmptyState>
        ) : (
          <InstancesTable instances={instances.data} liveVersion={liveVersion} />
        )}
      </div>
    </div>
  );
}
