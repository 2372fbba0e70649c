"use client";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ArrowRight, CircleAlert, CircleCheck, X } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { errorText } from "@/engine/contracts/error-texts";
import { findNodeSpec } from "@/nodes/registry";
import { useTRPC } from "@/app/_lib/trpc";
import { Button } from "@/app/_ui/button";
import { ErrorNotice } from "@/app/_ui/error-notice";
import { Loading } from "@/app/_ui/loading";
import { useNodeTexts } from "@/app/_ui/use-node-text";

const frame = "m-auto w-full max-w-2xl rounded-xl bg-white p-0 text-slate-900 shadow-xl ring-1 ring-slate-900/10 backdrop:bg-slate-900/40";
const select = "h-8 w-full rounded-md border border-slate-300 bg-white px-2 text-sm focus:border-sky-500 focus:outline-none";

/**
 * Moving the instances that wait on an older version to the latest: per node they wait in, how
 * many and a picker of the latest version's nodes (pre-filled where the id and type match). Every
 * change asks the server for a fresh preview (what moves where, what stops it); applying moves them
 * in batches and shows what moved.
 */
export function MigrateDialog({ flowId, onClose }: { flowId: string; onClose: () => void }) {
  const t = useTranslations("editor.migrate");
  const common = useTranslations("common");
  const locale = useLocale();
  const texts = useNodeTexts();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [fromVersionId, setFrom] = useState<string | undefined>();
  const [mapping, setMapping] = useState<Record<string, string> | undefined>();
  const plan = useQuery(trpc.instances.migrationPlan.queryOptions({ flowId, fromVersionId, mapping }, { placeholderData: keepPreviousData }));
  const migrate = useMutation(
    trpc.instances.migrate.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.instances.pathKey() }),
    }),
  );
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    ref.current?.showModal();
  }, []);
  // The server's suggestion becomes the editable mapping once, for each version the instances leave.
  const p = plan.data;
  useEffect(() => {
    if (p?.mapping && mapping === undefined && !plan.isPlaceholderData) setMapping(p.mapping);
  }, [p?.mapping, mapping, plan.isPlaceholderData]);

  const title = (type: string | null, nodeId: string) => {
    const spec = type ? findNodeSpec(type) : undefined;
    return spec ? `${texts(spec).title} (${nodeId})` : nodeId;
  };
  const pick = (nodeId: string, target: string) => {
    const { [nodeId]: _old, ...rest } = mapping ?? {};
    setMapping(target ? { ...rest, [nodeId]: target } : rest);
  };
  const moving = p?.from?.waiting ?? 0;
  const blocked = !p?.from || p.problems.length > 0 || plan.isFetching || mapping === undefined;
  const done = migrate.data;

  return (
    <dialog ref={ref} onClose={onClose} className={frame} data-testid="migrate-dialog">
      <div className="flex items-start justify-between gap-4 px-5 pt-5">
        <div>
          <h2 className="text-base font-semibold">{t("title")}</h2>
          <p className="mt-1 text-sm text-slate-500">{p ? t("intro", { version: p.to.number }) : ""}</p>
        </div>
        <button type="button" onClick={onClose} className="rounded p-1 text-slate-400 hover:bg-slate-100 hover:text-slate-600" aria-label={common("close")}>
          <X className="size-4" />
        </button>
      </div>
      <div className="space-y-4 px-5 pt-4">
        {plan.isPending && <Loading label={t("loading")} />}
        <ErrorNotice error={plan.error} />
        {p && !p.from && !done && (
          <p className="text-sm text-slate-600" data-testid="migrate-none">
            {t("none", { version: p.to.number })}
          </p>
        )}
        {p?.from && !done && (
          <>
            <label className="flex items-center gap-3 text-sm">
              <span className="shrink-0 font-medium text-slate-700">{t("from")}</span>
              <select
                className={select}
                value={p.from.versionId}
                onChange={(e) => {
                  setFrom(e.target.value);
                  setMapping(undefined);
                }}
                data-testid="migrate-from"
              >
                {p.sources.map((s) => (
                  <option key={s.versionId} value={s.versionId}>
                    {t("source", { version: s.number, count: s.waiting })}
                  </option>
                ))}
              </select>
            </label>
            <table className="w-full text-sm">
              <thead>
                <tr className="border-b border-slate-200 text-left text-xs text-slate-500">
                  <th className="py-2 font-medium">{t("waitingIn", { version: p.from.number })}</th>
                  <th className="w-24 py-2 text-right font-medium">{t("instances")}</th>
                  <th className="w-8" />
                  <th className="w-64 py-2 font-medium">{t("goesTo", { version: p.to.number })}</th>
                </tr>
              </thead>
              <tbody>
                {p.rows.map((row) => (
                  <tr key={row.nodeId} className="border-b border-slate-100" data-testid={`migrate-row-${row.nodeId}`}>
                    <td className="py-2 text-slate-800">{title(row.type, row.nodeId)}</td>
                    <td className="py-2 text-right tabular-nums" data-testid={`migrate-count-${row.nodeId}`}>
                      {row.waiting}
                    </td>
                    <td className="text-center text-slate-400">
                      <ArrowRight className="inline size-3.5" aria-hidden />
                    </td>
                    <td className="py-2">
                      <select
                        className={select}
                        value={mapping?.[row.nodeId] ?? ""}
                        onChange={(e) => pick(row.nodeId, e.target.value)}
                        aria-label={t("pickFor", { node: row.nodeId })}
                        data-testid={`migrate-target-${row.nodeId}`}
                      >
                        <option value="">{t("choose")}</option>
                        {p.targets.map((n) => (
                          <option key={n.nodeId} value={n.nodeId}>
                            {title(n.type, n.nodeId)}
                            {n.nodeId === row.suggested ? ` · ${t("suggested")}` : ""}
                          </option>
                        ))}
                      </select>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {p.problems.length > 0 ? (
              <ul className="space-y-1 rounded-md border border-rose-200 bg-rose-50 px-3 py-2 text-sm text-rose-800" data-testid="migrate-problems">
                {p.problems.map((problem) => (
                  <li key={`${problem.code}-${problem.nodeId}-${problem.message}`} className="flex gap-2 first-letter:uppercase" data-testid="migrate-problem">
                    <CircleAlert className="mt-0.5 size-4 shrink-0" aria-hidden />
                    {errorText(problem, locale)}
                  </li>
                ))}
              </ul>
            ) : (
              <div className="rounded-md border border-sky-200 bg-sky-50 px-3 py-2 text-sm text-sky-900" data-testid="migrate-preview">
                <p className="font-medium">{t("preview", { count: moving, version: p.to.number })}</p>
                <ul className="mt-1 space-y-0.5">
                  {p.rows.map((row) => (
                    <li key={row.nodeId} data-testid={`migrate-preview-${row.nodeId}`}>
                      {t("previewRow", { from: row.nodeId, to: row.target ?? "", count: row.waiting })}
                    </li>
                  ))}
                </ul>
                <p className="mt-1 text-xs text-sky-800">{t("follow")}</p>
              </div>
            )}
          </>
        )}
        {done && (
          <p className="flex gap-2 rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-800" data-testid="migrate-result">
            <CircleCheck className="mt-0.5 size-4 shrink-0" aria-hidden />
            {t("result", { count: done.moved, version: done.to.number, batches: done.batches })}{" "}
            {t("followed", { timers: done.timers, tasks: done.tasks, skipped: done.skipped })}
          </p>
        )}
        <ErrorNotice error={migrate.error} />
      </div>
      <div className="mt-5 flex justify-end gap-2 rounded-b-xl border-t border-slate-100 bg-slate-50 px-5 py-3">
        <Button variant="secondary" onClick={onClose} data-testid="migrate-close">
          {common("close")}
        </Button>
        {!done && p?.from && (
          <Button
            variant="primary"
            disabled={blocked || migrate.isPending}
            onClick={() => p.from && mapping && migrate.mutate({ flowId, fromVersionId: p.from.versionId, toVersionId: p.to.versionId, mapping })}
            data-testid="migrate-apply"
          >
            {migrate.isPending ? t("applying") : t("apply", { count: moving })}
          </Button>
        )}
      </div>
    </dialog>
  );
}
