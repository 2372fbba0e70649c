"use client";
import { useQuery } from "@tanstack/react-query";
import { KeyRound } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useTRPC } from "@/app/_lib/trpc";
import { EmptyState } from "@/app/_ui/empty-state";
import { ErrorNotice } from "@/app/_ui/error-notice";
import { Loading } from "@/app/_ui/loading";
import { PageHeader } from "@/app/_ui/page-header";
import { AddCredentialForm } from "./add-credential-form";
import { CredentialRow } from "./credential-row";

const th = "px-3 py-2.5 text-left text-xs font-medium tracking-wide text-slate-500 uppercase";

/** Settings → Credentials: the secrets HTTP request nodes use, by name. Values can be set, never read back. */
export function CredentialsPage() {
  const t = useTranslations("credentials");
  const trpc = useTRPC();
  const credentials = useQuery(trpc.credentials.list.queryOptions());
  const [actionError, setActionError] = useState<unknown>(null);

  return (
    <div className="mx-auto max-w-6xl px-6 py-8">
      <PageHeader title={t("title")} description={t("description")} />
      <ErrorNotice error={actionError} onDismiss={() => setActionError(null)} className="mb-4" />
      <div className="mb-6 overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm">
        {credentials.isPending ? (
          <Loading label={t("loading")} />
        ) : credentials.isError ? (
          <ErrorNotice error={credentials.error} className="m-4" />
        ) : credentials.data.length === 0 ? (
          <EmptyState icon={KeyRound} title={t("empty.title")}>
            {t("empty.body")}
          </EmptyState>
        ) : (
          <table className="w-full table-fixed" data-testid="credentials-table">
            <thead className="border-b border-slate-200 bg-slate-50/80">
              <tr>
                <th className={`${th} pl-5`}>{t("table.name")}</th>
                <th className={`${th} w-48`}>{t("table.kind")}</th>
                <th className={`${th} w-28`}>{t("table.hint")}</th>
                <th className={`${th} w-32`}>{t("table.updated")}</th>
                <th className={`${th} w-96 pr-5`}>
                  <span className="sr-only">{t("table.actions")}</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {credentials.data.map((credential) => (
                <CredentialRow key={credential.id} credential={credential} onError={setActionError} />
              ))}
            </tbody>
          </table>
        )}
      </div>
      <AddCredentialForm onError={setActionError} />
    </div>
  );
}
