"use client";
import { useQuery } from "@tanstack/react-query";
import { ArrowDown, ArrowUp } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { useTRPC } from "@/app/_lib/trpc";
import { Button } from "@/app/_ui/button";
import { Dialog } from "@/app/_ui/dialog";
import { ErrorNotice, engineErrorCode, readableError } from "@/app/_ui/error-notice";
import { Loading } from "@/app/_ui/loading";

/** Whether a refusal is a trigger overlap (publishing or activating needs an order). */
export const isTriggerOverlap = (error: unknown) => engineErrorCode(error) === "flow.trigger-overlap";

/**
 * Why publishing (or activating) was refused — the flow it would shadow, named — and the order
 * to go ahead with: this flow and every active flow its triggers overlap, first goes first. This
 * flow is proposed after the flows as narrow as it is (confirming leaves them as they were) and
 * before those that take all it takes and more: a Telegram bot beside a flow for any channel answers on Telegram.
 */
export function FlowOrderDialog({
  flowId,
  flowName,
  refusal,
  action,
  pending,
  error,
  onClose,
  onConfirm,
}: {
  flowId: string;
  flowName: string;
  refusal: unknown;
  action: "publish" | "activate";
  pending: boolean;
  error: unknown;
  onClose: () => void;
  onConfirm: (order: string[]) => void;
}) {
  const t = useTranslations("flows.order");
  const common = useTranslations("common");
  const locale = useLocale() === "ru" ? "ru" : "en";
  const trpc = useTRPC();
  const overlaps = useQuery(trpc.flows.overlaps.queryOptions({ flowId }, { staleTime: 0 }));
  const [moved, setMoved] = useState<string[] | null>(null);
  const others = overlaps.data ?? [];
  const proposed = [...others.filter((o) => !o.broader).map((o) => o.flowId), flowId, ...others.filter((o) => o.broader).map((o) => o.flowId)];
  const order = moved ?? proposed;
  const nameOf = (id: string) => (id === flowId ? t("thisFlow", { name: flowName }) : (overlaps.data?.find((o) => o.flowId === id)?.name ?? id));
  const move = (index: number, by: -1 | 1) => {
    const next = [...order];
    [next[index], next[index + by]] = [next[index + by], next[index]];
    setMoved(next);
  };

  return (
    <Dialog
      open
      title={t("title")}
      description={t("description")}
      onClose={onClose}
      onSubmit={() => overlaps.data && onConfirm(order)}
      testId="flow-order-dialog"
      actions={
        <>
          <Button onClick={onClose}>{common("cancel")}</Button>
          <Button type="submit" variant="primary" disabled={pending || !overlaps.data} data-testid="flow-order-confirm">
            {t(action)}
          </Button>
        </>
      }
    >
      <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" role="alert" data-testid="flow-order-refusal">
        {readableError(refusal, locale)}
      </p>
      {overlaps.isPending && <Loading label={t("loading")} />}
      <ErrorNotice error={overlaps.error ?? error} />
      {overlaps.data && (
        <ol className="mt-3 divide-y divide-slate-100 rounded-md border border-slate-200" data-testid="flow-order-list">
          {order.map((id, i) => {
            const other = overlaps.data.find((o) => o.flowId === id);
            return (
              <li key={id} className="flex items-center gap-2 px-3 py-2 text-sm" data-testid={`flow-order-item-${i}`} data-flow-id={id}>
                <span className="w-5 text-right text-slate-400 tabular-nums">{i + 1}.</span>
                <span className="min-w-0 flex-1">
                  <span className={`block truncate ${id === flowId ? "font-semibold text-slate-900" : "text-slate-800"}`}>{nameOf(id)}</span>
                  {other && <span className="block truncate text-xs text-slate-500">{t("listensTo", { what: other.listensTo[locale] })}</span>}
                </span>
                <Button variant="ghost" size="sm" disabled={i === 0} onClick={() => move(i, -1)} aria-label={t("up", { name: nameOf(id) })}>
                  <ArrowUp className="size-3.5" />
                </Button>
                <Button variant="ghost" size="sm" disabled={i === order.length - 1} onClick={() => move(i, 1)} aria-label={t("down", { name: nameOf(id) })}>
                  <ArrowDown className="size-3.5" />
                </Button>
              </li>
            );
          })}
        </ol>
      )}
      <p className="mt-2 text-xs text-slate-500">{t("orDeactivate")}</p>
    </Dialog>
  );
}
