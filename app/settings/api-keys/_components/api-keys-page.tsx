"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { KeyRound } from "lucide-react";
import { useTranslations } from "next-intl";
import { useTRPC } from "@/app/_lib/trpc";
import { EmptyState } from "@/app/_ui/empty-state";
import { ErrorNotice } from "@/app/_ui/error-notice";
import { Loading } from "@/app/_ui/loading";
import { PageHeader } from "@/app/_ui/page-header";
import { ApiKeysTable } from "./api-keys-table";
import { NewApiKeyForm } from "./new-api-key-form";

/** The API keys machine callers use: create one (shown once), see when each was last used, revoke. */
export function ApiKeysPage() {
  const t = useTranslations("apiKeys");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const keys = useQuery(trpc.apiKeys.list.queryOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.apiKeys.list.queryKey() });
  const revoke = useMutation(trpc.apiKeys.revoke.mutationOptions({ onSuccess: refresh }));

  return (
    <div className="mx-auto max-w-5xl px-6 py-8">
      <PageHeader title={t("title")} description={t("description")} />
      <div className="space-y-6">
        <NewApiKeyForm onCreated={refresh} />
        <ErrorNotice error={revoke.error} onDismiss={revoke.reset} />
        <div className="overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm">
          {keys.isPending ? (
            <Loading />
          ) : keys.isError ? (
            <ErrorNotice error={keys.error} className="m-4" />
          ) : keys.data.length === 0 ? (
            <EmptyState icon={KeyRound} title={t("empty.title")}>
              {t("empty.body")}
            </EmptyState>
          ) : (
            <ApiKeysTable keys={keys.data} onRevoke={(keyId) => revoke.mutate({ keyId })} revoking={revoke.isPending ? revoke.variables.keyId : null} />
          )}
        </div>
      </div>
    </div>
  );
}
