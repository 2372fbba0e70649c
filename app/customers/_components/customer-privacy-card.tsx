"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Download, Eraser } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { downloadJson, fileName } from "@/app/_lib/download";
import { useTRPC } from "@/app/_lib/trpc";
import { Badge } from "@/app/_ui/badge";
import { Button } from "@/app/_ui/button";
import { Card } from "@/app/_ui/card";
import { ErrorNotice } from "@/app/_ui/error-notice";
import { Loading } from "@/app/_ui/loading";
import { useDateFormat } from "@/app/_ui/time";
import { useChannelName } from "@/app/_ui/use-node-text";
import { EraseCustomerDialog } from "./erase-customer-dialog";

const COUNTS = ["conversations", "messages", "tasks", "cases", "instances"] as const;

/** One customer: what is held about them, a JSON export of it, and erasure. */
export function CustomerPrivacyCard({ customerId }: { customerId: string }) {
  const t = useTranslations("customers.card");
  const common = useTranslations("common");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const channelName = useChannelName();
  const { date, dateTime } = useDateFormat();
  const [erasing, setErasing] = useState(false);
  const customer = useQuery(trpc.customers.get.queryOptions({ customerId }));
  const exported = useMutation(
    trpc.customers.export.mutationOptions({
      onSuccess: (data) => downloadJson(`customer-${fileName(data.customer.name ?? "", data.customer.id)}.json`, data),
    }),
  );
  const erase = useMutation(
    trpc.customers.erase.mutationOptions({
      onSuccess: async () => {
        setErasing(false);
        await queryClient.invalidateQueries({ queryKey: trpc.customers.pathKey() });
      },
    }),
  );

  if (customer.isPending) return <Loading />;
  if (customer.isError) return <ErrorNotice error={customer.error} />;
  const c = customer.data;
  return (
    <Card title={t("title")} testId="customer-privacy-card">
      <div className="space-y-4 text-sm">
        <div>
          <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
            <span className="truncate font-medium text-slate-900" data-testid="privacy-customer-name">
              {c.knownAs ?? common("unknownCustomer")}
            </span>
            {c.erasedAt && <Badge tone="red">{t("erasedOn", { date: dateTime(c.erasedAt) })}</Badge>}
          </div>
          <div className="text-xs text-slate-500">{t("since", { date: date(c.createdAt) })}</div>
          <div className="mt-1 font-mono text-xs break-all text-slate-400" data-testid="privacy-customer-id">
            {c.id}
          </div>
        </div>
        {c.identities.length > 0 && (
          <dl className="space-y-1 border-t border-slate-100 pt-3">
            {c.identities.map((i) => (
              <div key={`${i.channel}:${i.address}`} className="flex gap-2 text-xs">
                <dt className="font-medium text-slate-500">{channelName(i.channel)}</dt>
                <dd className="font-mono break-all text-slate-700">{i.address}</dd>
              </div>
            ))}
          </dl>
        )}
        <dl className="grid grid-cols-2 gap-x-3 gap-y-1 border-t border-slate-100 pt-3 text-xs" data-testid="customer-counts">
          {COUNTS.map((name) => (
            <div key={name} className="flex justify-between gap-2">
              <dt className="text-slate-500">{t(`counts.${name}`)}</dt>
              <dd className="font-medium text-slate-800 tabular-nums">{c.counts[name]}</dd>
            </div>
          ))}
        </dl>
        <ErrorNotice error={exported.error} onDismiss={exported.reset} />
        <div className="flex flex-wrap gap-2 border-t border-slate-100 pt-3">
          <Button onClick={() => exported.mutate({ customerId })} disabled={exported.isPending} data-testid="export-customer">
            <Download className="size-4" aria-hidden />
            {exported.isPending ? t("exporting") : t("export")}
          </Button>
          <Button variant="danger" onClick={() => setErasing(true)} data-testid="erase-customer">
            <Eraser className="size-4" aria-hidden />
            {t("erase")}
          </Button>
        </div>
        {erase.isSuccess && !erasing && (
          <p className="text-xs text-emerald-700" role="status">
            {t("erased")} {erase.data.stoppedInstances > 0 && t("stopped", { count: erase.data.stoppedInstances })}
          </p>
        )}
      </div>
      {erasing && (
        <EraseCustomerDialog
          name={c.name}
          pending={erase.isPending}
          error={erase.error}
          onClose={() => {
            setErasing(false);
            erase.reset();
          }}
          onConfirm={(confirmation) => erase.mutate({ customerId, confirmation })}
        />
      )}
    </Card>
  );
}
