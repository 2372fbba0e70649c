"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ArrowRightLeft, CircleAlert, CircleCheck, Rocket, TriangleAlert } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { issueText } from "@/engine/compiler/issue-text";
import type { FlowDocument, FlowIssue } from "@/engine/contracts/flow";
import { useTRPC, useTRPCClient } from "@/app/_lib/trpc";
import { useMayCall } from "@/app/_lib/use-may-call";
import { Button } from "@/app/_ui/button";
import { Dialog } from "@/app/_ui/dialog";
import { engineErrorCode, readableError } from "@/app/_ui/error-notice";
import { FlowOrderDialog, isTriggerOverlap } from "@/app/_components/flow-order-dialog";
import { useNodeLocale } from "@/app/_ui/use-node-text";
import { MigrateDialog } from "./migrate-dialog";

/** `notice`: a refusal that asks a question (which flow goes first) or says there is nothing to publish, not a fault. */
type Outcome = { doc: FlowDocument; ok: boolean; notice?: boolean; text: string; warnings: FlowIssue[] };

/**
 * Saves, then publishes (the server compiles and refuses invalid graphs). The outcome stays
 * shown until the document changes; a refusal opens the issues list, and a trigger overlap asks
 * which flow goes first. Warnings (a send on a channel with no adapter) do not stop publishing:
 * they open a dialog listing them, and the outcome shows their count. Once published, instances
 * still waiting on older versions are counted, with a way to migrate them.
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
  const issueLocale = useNodeLocale();
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [overlap, setOverlap] = useState<unknown>(null);
  const [warningsOpen, setWarningsOpen] = useState(false);
  const [migrating, setMigrating] = useState(false);
  const mayMigrate = useMayCall("instances.migrate");
  const publish = useMutation({
    mutationFn: async (order?: string[]) => {
      if (!(await flush())) throw new Error(t("notSaved"));
      return client.flows.publish.mutate({ flowId, order });
    },
    onSuccess: async (version) => {
      setOverlap(null);
      const { warnings } = version;
      const text = warnings.length
        ? t("publishedWithWarnings", { version: version.number, count: warnings.length })
        : t("published", { version: version.number });
      setOutcome({ doc, ok: true, text, warnings });
      setWarningsOpen(warnings.length > 0);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: trpc.flows.get.queryKey({ flowId }) }),
        queryClient.invalidateQueries({ queryKey: trpc.flows.list.queryKey() }),
        queryClient.invalidateQueries({ queryKey: trpc.instances.migrationPlan.queryKey({ flowId }) }),
      ]);
    },
    onError: (error) => {
      const issues = (error as { data?: { issues?: FlowIssue[] | null } }).data?.issues;
      if (issues?.length) onRefused();
      if (isTriggerOverlap(error)) setOverlap(error);
      setOutcome({
        doc,
        ok: false,
        notice: isTriggerOverlap(error) || engineErrorCode(error) === "flow.publish-unchanged",
        text: issues?.length ? t("refused", { count: issues.length }) : readableError(error, locale),
        warnings: [],
      });
    },
  });
  const shown = outcome?.doc === doc ? outcome : null;
  const warned = !!shown?.ok && shown.warnings.length > 0;
  const color = shown?.notice || warned ? "text-amber-700" : !shown?.ok ? "text-rose-700" : "text-emerald-700";
  const plan = useQuery(trpc.instances.migrationPlan.queryOptions({ flowId }, { enabled: !!shown?.ok && mayMigrate }));
  const olderWaiting = shown?.ok ? (plan.data?.sources.reduce((sum, s) => sum + s.waiting, 0) ?? 0) : 0;

  return (
    <div className="flex items-center gap-2">
      {shown && (
        <span
          className={`flex max-w-64 items-center gap-1 truncate text-xs font-medium ${color}`}
          role="status"
          data-testid="publish-result"
          data-ok={shown.ok}
          data-warnings={shown.warnings.length}
          data-notice={Boolean(shown.notice)}
        >
          {warned ? (
            <TriangleAlert className="size-3.5 shrink-0" aria-hidden />
          ) : shown.ok ? (
            <CircleCheck className="size-3.5 shrink-0" aria-hidden />
          ) : (
            <CircleAlert className="size-3.5 shrink-0" aria-hidden />
          )}
          {warned ? (
            <button type="button" className="truncate underline decoration-dotted" title={shown.text} onClick={() => setWarningsOpen(true)}>
              {shown.text}
            </button>
          ) : (
            <span className="truncate" title={shown.text}>
              {shown.text}
            </span>
          )}
        </span>
      )}
      {olderWaiting > 0 && (
        <button
          type="button"
          onClick={() => setMigrating(true)}
          className="flex shrink-0 items-center gap-1 text-xs font-medium whitespace-nowrap text-sky-700 underline decoration-dotted hover:text-sky-900"
          data-testid="publish-migrate"
        >
          <ArrowRightLeft className="size-3.5 shrink-0" aria-hidden />
          {t("waitingOlder", { count: olderWaiting })}
        </button>
      )}
      {migrating && <MigrateDialog flowId={flowId} onClose={() => setMigrating(false)} />}
      <Dialog
        open={warned && warningsOpen}
        title={shown?.text ?? ""}
        description={t("warningsIntro")}
        onClose={() => setWarningsOpen(false)}
        onSubmit={() => setWarningsOpen(false)}
        actions={
          <Button type="submit" variant="primary" size="sm">
            {t("warningsOk")}
          </Button>
        }
        testId="publish-warnings"
      >
        <ul className="list-disc space-y-1 pl-5 text-sm text-amber-800">
          {shown?.warnings.map((warning) => (
            <li key={`${warning.nodeId}-${warning.field}`}>{issueText(warning, issueLocale)}</li>
          ))}
        </ul>
      </Dialog>
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
