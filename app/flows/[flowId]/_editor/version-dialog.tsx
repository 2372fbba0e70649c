"use client";
import { useQuery } from "@tanstack/react-query";
import { Download, X } from "lucide-react";
import { useTranslations } from "next-intl";
import { useEffect, useRef } from "react";
import { useTRPC } from "@/app/_lib/trpc";
import { Button } from "@/app/_ui/button";
import { ErrorNotice } from "@/app/_ui/error-notice";
import { Loading } from "@/app/_ui/loading";
import { useDateFormat } from "@/app/_ui/time";
import { downloadJson, fileName } from "@/app/_lib/download";

/** A published version's compiled XState machine, read-only, with a download. */
export function VersionDialog({ versionId, flowName, onClose }: { versionId: string; flowName: string; onClose: () => void }) {
  const t = useTranslations("editor.versions");
  const common = useTranslations("common");
  const { dateTime } = useDateFormat();
  const trpc = useTRPC();
  const version = useQuery(trpc.versions.get.queryOptions({ versionId }, { staleTime: Infinity }));
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    ref.current?.showModal();
  }, []);

  const json = version.data ? JSON.stringify(version.data.machine, null, 2) : "";
  return (
    <dialog
      ref={ref}
      onClose={onClose}
      className="m-auto max-h-[85vh] w-full max-w-3xl flex-col rounded-xl bg-white p-0 text-slate-900 shadow-xl ring-1 ring-slate-900/10 backdrop:bg-slate-900/40 open:flex"
      data-testid="version-dialog"
    >
      <div className="flex items-start justify-between gap-4 border-b border-slate-100 px-5 py-4">
        <div>
          <h2 className="text-base font-semibold">{version.data ? t("title", { number: version.data.number }) : t("titlePending")}</h2>
          <p className="mt-0.5 text-sm text-slate-500">
            {version.data ? t("publishedAt", { date: dateTime(version.data.createdAt) }) : ""}
            {t("immutable")}
          </p>
        </div>
        <button type="button" onClick={onClose} className="rounded p-1 text-slate-400 hover:bg-slate-100 hover:text-slate-600" aria-label={common("close")}>
          <X className="size-4" />
        </button>
      </div>
      <div className="min-h-0 flex-1 overflow-auto bg-slate-950">
        {version.isPending && <Loading label={t("loading")} />}
        {version.error && <ErrorNotice error={version.error} className="m-4" />}
        {version.data && (
          <pre className="p-4 font-mono text-xs leading-5 text-slate-100" data-testid="version-machine-json">
            {json}
          </pre>
        )}
      </div>
      <div className="flex justify-end gap-2 border-t border-slate-100 bg-slate-50 px-5 py-3">
        <Button variant="secondary" onClick={onClose}>
          {common("close")}
        </Button>
        <Button
          variant="primary"
          disabled={!version.data}
          onClick={() => version.data && downloadJson(`${fileName(flowName)}-v${version.data.number}.machine.json`, version.data.machine)}
          data-testid="version-download"
        >
          <Download className="size-4" aria-hidden /> {t("download")}
        </Button>
      </div>
    </dialog>
  );
}
