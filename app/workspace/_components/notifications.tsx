"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Bell } from "lucide-react";
import { useTranslations } from "next-intl";
import { useTRPC } from "@/app/_lib/trpc";
import { ErrorNotice } from "@/app/_ui/error-notice";
import { Age } from "@/app/_ui/time";

const POLL_MS = 2000;
const levelStyle: Record<string, string> = {
  info: "border-sky-200 bg-sky-50",
  warning: "border-amber-200 bg-amber-50",
  critical: "border-rose-300 bg-rose-50",
};

/** Internal notifications flows raised for this person; acknowledging removes one for everyone it was meant for. */
export function Notifications() {
  const t = useTranslations("workspace.notifications");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const options = trpc.staff.notifications.queryOptions(undefined, { refetchInterval: POLL_MS });
  const list = useQuery(options);
  const acknowledge = useMutation(trpc.staff.acknowledge.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: options.queryKey }) }));
  if (list.isError) return <ErrorNotice error={list.error} className="m-3" />;
  if (!list.data?.length) return null;
  return (
    <section className="max-h-64 shrink-0 space-y-2 overflow-y-auto border-b border-slate-200 px-3 py-3" data-testid="notifications">
      <h2 className="flex items-center gap-1.5 px-1 text-xs font-semibold text-slate-700">
        <Bell className="size-3.5" aria-hidden />
        {t("title", { count: list.data.length })}
      </h2>
      <ErrorNotice error={acknowledge.error} />
      {list.data.map((n) => (
        <article key={n.id} className={`rounded-md border px-3 py-2 text-xs ${levelStyle[n.level] ?? levelStyle.info}`} data-testid="notification">
          <div className="flex items-start justify-between gap-2">
            <p className="font-medium text-slate-900">{n.title}</p>
            <span className="shrink-0 text-slate-500">
              <Age date={n.createdAt} />
            </span>
          </div>
          {n.body && <p className="mt-0.5 text-slate-700">{n.body}</p>}
          <button
            type="button"
            className="mt-1 font-medium text-indigo-700 hover:text-indigo-500 disabled:opacity-50"
            disabled={acknowledge.isPending}
            onClick={() => acknowledge.mutate({ notificationId: n.id })}
            aria-label={t("acknowledgeLabel", { title: n.title })}
          >
            {t("acknowledge")}
          </button>
        </article>
      ))}
    </section>
  );
}
