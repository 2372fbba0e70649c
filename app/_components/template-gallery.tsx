"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ArrowRight, FlaskConical, Workflow } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { TEMPLATE_LANGUAGES, type TemplateLanguage } from "@/engine/contracts/templates";
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
  const t = useTranslations("flows.templates");
  const common = useTranslations("common");
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  // A template's texts (what customers read, its test cases) come in each language; the reader's is offered first.
  const [language, setLanguage] = useState<TemplateLanguage>(useLocale() === "ru" ? "ru" : "en");
  const templates = useQuery(trpc.flows.templates.queryOptions({ language }));
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
      title={t("title")}
      description={t("description")}
      onClose={onClose}
      onSubmit={() => undefined}
      testId="template-gallery"
      actions={<Button onClick={onClose}>{common("cancel")}</Button>}
    >
      <label className="mb-3 flex items-center gap-2 text-xs text-slate-600">
        {t("language")}
        <select
          className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
          value={language}
          onChange={(e) => setLanguage(e.target.value as TemplateLanguage)}
          data-testid="gallery-language"
        >
          {TEMPLATE_LANGUAGES.map((code) => (
            <option key={code} value={code}>
              {t(`languages.${code}`)}
            </option>
          ))}
        </select>
      </label>
      {templates.isPending ? (
        <Loading label={t("loading")} />
      ) : templates.isError ? (
        <ErrorNotice error={templates.error} />
      ) : (
        <ul className="space-y-2">
          {templates.data.map((template) => (
            <li key={template.id}>
              <button
                type="button"
                disabled={busy}
                onClick={() => create.mutate({ templateId: template.id, language })}
                className={cardClass}
                data-testid={`template-${template.id}`}
              >
                <span className="flex size-9 shrink-0 items-center justify-center rounded-md bg-indigo-100 text-indigo-700">
                  <Workflow className="size-4" aria-hidden />
                </span>
                <span className="min-w-0 flex-1">
                  <span className="block text-sm font-semibold text-slate-900">{template.name}</span>
                  <span className="mt-0.5 block text-xs text-slate-500">{template.description}</span>
                  <span className="mt-1.5 flex gap-3 text-[11px] text-slate-500">
                    <span>{t("nodes", { count: template.nodes })}</span>
                    <span className="flex items-center gap-1">
                      <FlaskConical className="size-3" aria-hidden />
                      {t("tests", { count: template.tests })}
                    </span>
                  </span>
                </span>
                {busy && create.variables?.templateId === template.id ? (
                  <span className="self-center text-xs font-medium text-indigo-600">{t("creating")}</span>
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
