"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { GitMerge } from "lucide-react";
import { useTranslations } from "next-intl";
import { useTRPC } from "@/app/_lib/trpc";
import type { RouterOutputs } from "@/app/_ui/router-types";
import { Button } from "@/app/_ui/button";
import { ErrorNotice } from "@/app/_ui/error-notice";
import { useChannelName } from "@/app/_ui/use-node-text";

type Suggestion = RouterOutputs["customers"]["suggestions"][number];
const COUNTS = ["identities", "conversations", "cases", "tasks", "instances"] as const;

/**
 * Merge suggestions the customer is part of: which identifier linked the two records, and what
 * joins the surviving customer if accepted. Accept merges (a split undoes it), reject dismisses.
 */
export function MergeSuggestions({ customerId }: { customerId: string }) {
  const t = useTranslations("customers.merge");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const suggestions = useQuery(trpc.customers.suggestions.queryOptions({ customerId }));
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.customers.pathKey() });
  const accept = useMutation(trpc.customers.acceptMerge.mutationOptions({ onSuccess: refresh }));
  const reject = useMutation(trpc.customers.rejectMerge.mutationOptions({ onSuccess: refresh }));
  const error = accept.error ?? reject.error;

  if (!suggestions.data?.length) return null;
  return (
    <section className="space-y-2 border-t border-slate-100 pt-3" data-testid="merge-suggestions">
      <h4 className="flex items-center gap-1.5 text-xs font-medium text-amber-700">
        <GitMerge className="size-3.5" aria-hidden />
        {t("title")}
      </h4>
      <ErrorNotice
        error={error}
        onDismiss={() => {
          accept.reset();
          reject.reset();
        }}
      />
      {suggestions.data.map((s) => (
        <div key={s.id} className="space-y-2 rounded-md border border-amber-200 bg-amber-50 p-2.5 text-xs" data-testid="merge-suggestion">
          <p className="text-slate-700">{t("because", { kind: t(`kind.${s.kind}`), value: s.value, source: t(`source.${s.source}`) })}</p>
          <Preview suggestion={s} />
          <div className="flex gap-2">
            <Button
              size="sm"
              variant="primary"
              disabled={accept.isPending}
              onClick={() => accept.mutate({ customerId, suggestionId: s.id })}
              data-testid="accept-merge"
            >
              {t("accept")}
            </Button>
            <Button size="sm" disabled={reject.isPending} onClick={() => reject.mutate({ customerId, suggestionId: s.id })} data-testid="reject-merge">
              {t("reject")}
            </Button>
          </div>
        </div>
      ))}
    </section>
  );
}

/** What joins: the merged customer's addresses and how many rows of each kind move to the survivor. */
function Preview({ suggestion }: { suggestion: Suggestion }) {
  const t = useTranslations("customers.merge");
  const common = useTranslations("common");
  const channelName = useChannelName();
  const { merged, survivor } = suggestion;
  return (
    <div className="space-y-1 text-slate-600">
      <p>{t("joins", { merged: merged.name ?? common("unknownCustomer"), survivor: survivor.name ?? common("unknownCustomer") })}</p>
      <ul className="flex flex-wrap gap-x-3 gap-y-0.5 font-mono">
        {merged.identities.map((i) => (
          <li key={`${i.channel}:${i.address}`}>
            {channelName(i.channel)}: {i.address}
          </li>
        ))}
      </ul>
      <p className="tabular-nums">{COUNTS.map((name) => t(`counts.${name}`, { count: merged.counts[name] })).join(" · ")}</p>
    </div>
  );
}
