"use client";
import { useInfiniteQuery } from "@tanstack/react-query";
import { ScrollText } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useTRPC } from "@/app/_lib/trpc";
import { Button } from "@/app/_ui/button";
import { EmptyState } from "@/app/_ui/empty-state";
import { ErrorNotice } from "@/app/_ui/error-notice";
import { Loading } from "@/app/_ui/loading";
import { PageHeader } from "@/app/_ui/page-header";
import type { AuditFilter } from "@/engine/contracts/audit";
import { AuditFilters } from "./audit-filters";
import { AuditTable } from "./audit-table";
import { ChainCheck } from "./chain-check";
import { ExportButtons } from "./export-buttons";
import { emptyForm, toFilter } from "./filter-form";

const PAGE = 50;

/** The audit trail: filters, the newest rows first (more on demand), the chain check and the export. */
export function AuditPage() {
  const t = useTranslations("audit");
  const trpc = useTRPC();
  const [filter, setFilter] = useState<AuditFilter>(toFilter(emptyForm));
  const trail = useInfiniteQuery(
    trpc.audit.list.infiniteQueryOptions({ ...filter, limit: PAGE }, { getNextPageParam: (page) => page.nextCursor ?? undefined }),
  );
  const rows = trail.data?.pages.flatMap((page) => page.rows) ?? [];

  return (
    <div className="mx-auto max-w-7xl px-6 py-8">
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <>
            <ChainCheck />
            <ExportButtons filter={filter} />
          </>
        }
      />
      <AuditFilters onApply={(form) => setFilter(toFilter(form))} />
      <div className="overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm">
        {trail.isPending ? (
          <Loading label={t("loading")} />
        ) : trail.isError ? (
          <ErrorNotice error={trail.error} className="m-4" />
        ) : rows.length === 0 ? (
          <EmptyState icon={ScrollText} title={t("empty.title")}>
            {t("empty.body")}
          </EmptyState>
        ) : (
          <AuditTable rows={rows} />
        )}
      </div>
      {trail.hasNextPage && (
        <div className="mt-4 flex justify-center">
          <Button onClick={() => void trail.fetchNextPage()} disabled={trail.isFetchingNextPage} data-testid="audit-more">
            {trail.isFetchingNextPage ? t("loading") : t("loadMore")}
          </Button>
        </div>
      )}
    </div>
  );
}
