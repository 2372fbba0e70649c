"use client";
import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useTRPC } from "@/app/_lib/trpc";
import { Button } from "@/app/_ui/button";
import { Dialog } from "@/app/_ui/dialog";
import { ErrorNotice } from "@/app/_ui/error-notice";

/** Deactivating stops new starts; the count of waiting instances comes first, and whether they finish or are cancelled. */
export function DeactivateFlowDialog({
  flowId,
  name,
  pending,
  error,
  onClose,
  onConfirm,
}: {
  flowId: string;
  name: string;
  pending: boolean;
  error: unknown;
  onClose: () => void;
  onConfirm: (cancelWaiting: boolean) => void;
}) {
  const t = useTranslations("flows.deactivate");
  const common = useTranslations("common");
  const trpc = useTRPC();
  const waiting = useQuery(trpc.flows.waitingCount.queryOptions({ flowId }, { staleTime: 0 }));
  const [cancelWaiting, setCancelWaiting] = useState(false);
  const count = waiting.data ?? 0;
  return (
    <Dialog
      open
      title={t("title", { name })}
      description={t("description")}
      onClose={onClose}
      onSubmit={() => onConfirm(cancelWaiting && count > 0)}
      testId="deactivate-flow-dialog"
      actions={
        <>
          <Button onClick={onClose}>{common("cancel")}</Button>
          <Button type="submit" variant="danger" disabled={pending || waiting.isPending} data-testid="confirm-deactivate">
            {pending ? t("pending") : t("confirm")}
          </Button>
        </>
      }
    >
      <p className="text-sm font-medium text-slate-800" data-testid="deactivate-waiting-count">
        {waiting.isPending ? t("counting") : t("waiting", { count })}
      </p>
      {count > 0 && (
        <fieldset className="mt-2 space-y-1.5 text-sm text-slate-700">
          {[false, true].map((cancel) => (
            <label key={String(cancel)} className="flex items-center gap-2">
              <input
                type="radio"
                name="waiting"
                checked={cancelWaiting === cancel}
                onChange={() => setCancelWaiting(cancel)}
                data-testid={cancel ? "deactivate-cancel-waiting" : "deactivate-keep-waiting"}
              />
              {cancel ? t("cancel") : t("keep")}
            </label>
          ))}
        </fieldset>
      )}
      <ErrorNotice error={waiting.error ?? error} />
    </Dialog>
  );
}
