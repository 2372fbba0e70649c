"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useTRPC } from "@/app/_lib/trpc";
import { Button } from "@/app/_ui/button";
import { ErrorNotice } from "@/app/_ui/error-notice";
import { useDateFormat } from "@/app/_ui/time";

/** Customers merged into this one; a merge not yet split can be (every row it moved goes back). */
export function CustomerMerges({ customerId }: { customerId: string }) {
  const t = useTranslations("customers.merge");
  const common = useTranslations("common");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { dateTime } = useDateFormat();
  const merges = useQuery(trpc.customers.merges.queryOptions({ customerId }));
  const split = useMutation(trpc.customers.split.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.customers.pathKey() }) }));

  if (merges.isError) return <ErrorNotice error={merges.error} />;
  if (!merges.data?.length) return <p className="text-xs text-slate-500">{t("none")}</p>;
  return (
    <div className="space-y-2" data-testid="customer-merges">
      <h4 className="text-xs font-medium text-slate-500">{t("merged")}</h4>
      <ErrorNotice error={split.error} onDismiss={split.reset} />
      <ul className="space-y-2 text-xs">
        {merges.data.map((m) => (
          <li key={m.id} className="flex items-center justify-between gap-2 rounded-md border border-slate-200 px-2.5 py-2">
            <div className="min-w-0">
              <div className="truncate font-medium text-slate-800">{m.mergedName ?? common("unknownCustomer")}</div>
              <div className="text-slate-500">
                {m.splitAt ? t("splitOn", { date: dateTime(new Date(m.splitAt)) }) : t("mergedOn", { date: dateTime(new Date(m.createdAt)) })}
              </div>
            </div>
            {!m.splitAt && (
              <Button size="sm" disabled={split.isPending} onClick={() => split.mutate({ customerId, mergeId: m.id })} data-testid="split-merge">
                {t("split")}
              </Button>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
