"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { CircleAlert, CircleCheck, Rocket } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import type { FlowDocument, FlowIssue } from "@/engine/contracts/flow";
import { useTRPC, useTRPCClient } from "@/app/_lib/trpc";
import { Button } from "@/app/_ui/button";
import { readableError } from "@/app/_ui/error-notice";
import { FlowOrderDialog, isTriggerOverlap } from "@/app/_components/flow-order-dialog";

type Outcome = { doc: FlowDocument; ok: boolean; text: string };

/**
 * Saves, then publishes (the server compiles and refuses invalid graphs). The outcome stays
 * shown until the document changes; a refusal opens the issues list, and a trigger overlap asks
 * which flow goes first.
 */
export function PublishButton({
  flowId,
  flowName,
  doc,
  flush,
  onRefused,
}: {
  flowId: string;
  flowName: string;
  doc: FlowDocument;
  flush: () => Promise<boolean>;
  onRefused: () => void;
}) {
  const t = useTranslations("editor.publish");
  const locale = useLocale();
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [overlap, setOverlap] = useState<unknown>(null);
  const publish = useMutation({
    mutationFn: async (order?: string[]) => {
      if (!(await flush())) throw new Error(t("notSaved"));
      return client.flows.publish.mutate({ flowId, order });
    },
    onSuccess: async (version) => {
      setOverlap(null);
      setOutcome({ doc, ok: true, text: t("published", { version: version.number }) });
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: trpc.flows.get.queryKey({ flowId }) }),
        queryClient.invalidateQueries({ queryKey: trpc.flows.list.queryKey() }),
      ]);
    },
    onError: (error) => {
      const issues = (error as { data?: { issues?: FlowIssue[] | null } }).data?.issues;
      if (issues?.length) onRefused();
      if (isTriggerOverlap(error)) setOverlap(error);
      setOutcome({
        doc,
        ok: false,
        text: issues?.length ? t("refused", { count: issues.length }) : readableError(error, locale),
      });
    },
  });
  const shown = outcome?.doc === doc ? outcome : null;

  return (
    <div className="flex items-center gap-2">
      {shown && (
        <span
          className={`flex max-w-64 items-center gap-1 truncate text-xs font-medium ${shown.ok ? "text-emerald-700" : "text-rose-700"}`}
          role="status"
          data-testid="publish-result"
          data-ok={shown.ok}
        >
          {shown.ok ? <CircleCheck className="size-3.5 shrink-0" aria-hidden /> : <CircleAlert className="size-3.5 shrink-0" aria-hidden />}
          <span className="truncate" title={shown.text}>
            {shown.text}
          </span>
        </span>
      )}
      <Button variant="primary" size="sm" disabled={publish.isPending} onClick={() => publish.mutate(undefined)} data-testid="publish-button">
        <Rocket className="size-3.5" aria-hidden />
        {publish.isPending ? t("pending") : t("button")}
      </Button>
      {overlap ? (
        <FlowOrderDialog
          flowId={flowId}
          flowName={flowName}
          refusal={overlap}
          action="publish"
          pending={publish.isPending}
          error={publish.error && !isTriggerOverlap(publish.error) ? publish.error : null}
          onClose={() => setOverlap(null)}
          onConfirm={(order) => publish.mutate(order)}
        />
      ) : null}
    </div>
  );
}
