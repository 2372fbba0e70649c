"use client";
import { useQuery } from "@tanstack/react-query";
import { Workflow } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useTRPC } from "@/app/_lib/trpc";
import { EmptyState } from "@/app/_ui/empty-state";
import { ErrorNotice } from "@/app/_ui/error-notice";
import { Loading } from "@/app/_ui/loading";
import { PageHeader } from "@/app/_ui/page-header";
import { FlowsTable } from "./flows-table";
import { useMayCall } from "@/app/_lib/use-may-call";
import { ImportFlowButton } from "./import-flow-button";
import { NewFlowButton } from "./new-flow-button";
import { TemplateGalleryButton } from "./template-gallery-button";

/** The landing page: every flow, its publish state, and what you can do with it. */
export function FlowsPage() {
  const t = useTranslations("flows");
  const trpc = useTRPC();
  const flows = useQuery(trpc.flows.list.queryOptions());
  // Marketers and supervisors read the list; process owners and admins build.
  const mayBuild = useMayCall("flows.create");
  const [actionError, setActionError] = useState<unknown>(null);

  return (
    <div className="mx-auto max-w-6xl px-6 py-8">
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          mayBuild && (
            <>
              <ImportFlowButton onError={setActionError} />
              <TemplateGalleryButton />
              <NewFlowButton />
            </>
          )
        }
      />
      <ErrorNotice error={actionError} onDismiss={() => setActionError(null)} className="mb-4" />
      <div className="overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm">
        {flows.isPending ? (
          <Loading label={t("loading")} />
        ) : flows.isError ? (
          <ErrorNotice error={flows.error} className="m-4" />
        ) : flows.data.length === 0 ? (
          <EmptyState icon={Workflow} title={t("empty.title")} action={mayBuild && <NewFlowButton testId="new-flow-empty" />}>
            {t("empty.body")}
          </EmptyState>
        ) : (
          <FlowsTable flows={flows.data} onError={setActionError} />
        )}
      </div>
    </div>
  );
}
