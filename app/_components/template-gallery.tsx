"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ArrowRight, FlaskConical, Workflow } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTRPC } from "@/app/_lib/trpc";
import { Button } from "@/app/_ui/button";
import { Dialog } from "@/app/_ui/dialog";
import { ErrorNotice } from "@/app/_ui/error-notice";
import { Loading } from "@/app/_ui/loading";

const cardClass = [
  "group flex w-full items-start gap-3 rounded-lg border border-slate-200 bg-white p-3 text-left",
  "transition-colors hover:border-indigo-300 hover:bg-indigo-50/40 disabled:cursor-wait disabled:opacity-60",
].join(" ");

/** The template catalog: picking one creates a flow from it (with its test cases) and opens the editor. */
export function TemplateGallery({ onClose }: { onClose: () => void }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const templates = useQuery(trpc.flows.templates.queryOptions());
  const create = useMutation(
    trpc.flows.createFromTemplate.mutationOptions({
      onSuccess: ({ id }) => {
        void queryClient.invalidateQueries({ queryKey: trpc.flows.list.queryKey() });
        router.push(`/flows/${id}`);
      },
    }),
  );
  const busy = create.isPending || create.isSuccess;

  return (
    <Dialog
      open
      title="New from template"
      description="A ready flow with test cases that prove it works. It starts as a draft you can change."
      onClose={onClose}
      onSubmit={() => undefined}
      testId="template-gallery"
      actions={<Button onClick={onClose}>Cancel</Button>}
    >
      {templates.isPending ? (
        <Loading label="Loading templates…" />
      ) : templates.isError ? (
        <ErrorNotice error={templates.error} />
      ) : (
        <ul className="space-y-2">
          {templates.data.map((t) => (
            <li key={t.id}>
              <button type="button" disabled={busy} onClick={() => create.mutate({ templateId: t.id })} className={cardClass} data-testid={`template-${t.id}`}>
                <span className="flex size-9 shrink-0 items-center justify-center rounded-md bg-indigo-100 text-indigo-700">
                  <Workflow className="size-4" aria-hidden />
                </span>
                <span className="min-w-0 flex-1">
                  <span className="block text-sm font-semibold text-slate-900">{t.name}</span>
                  <span className="mt-0.5 block text-xs text-slate-500">{t.description}</span>
                  <span className="mt-1.5 flex gap-3 text-[11px] text-slate-500">
                    <span>{t.nodes === 1 ? "1 node" : `${t.nodes} nodes`}</span>
                    <span className="flex items-center gap-1">
                      <FlaskConical className="size-3" aria-hidden />
                      {t.tests === 1 ? "1 test case" : `${t.tests} test cases`}
                    </span>
                  </span>
                </span>
                {busy && create.variables?.templateId === t.id ? (
                  <span className="self-center text-xs font-medium text-indigo-600">Creating…</span>
                ) : (
                  <ArrowRight className="size-4 self-center text-indigo-600 opacity-0 transition-opacity group-hover:opacity-100" aria-hidden />
                )}
              </button>
            </li>
          ))}
        </ul>
      )}
      <ErrorNotice error={create.error} />
    </Dialog>
  );
}
