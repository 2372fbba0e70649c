"use client";
import { useQuery } from "@tanstack/react-query";
import { ReactFlowProvider } from "@xyflow/react";
import { Download, X } from "lucide-react";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import type { FlowDocument } from "@/engine/contracts/flow";
import { useTRPC } from "@/app/_lib/trpc";
import { Button } from "@/app/_ui/button";
import { ErrorNotice } from "@/app/_ui/error-notice";
import { FlowCanvas } from "@/app/_ui/flow-canvas";
import { Loading } from "@/app/_ui/loading";
import { useDateFormat } from "@/app/_ui/time";
import { downloadJson, fileName } from "@/app/_lib/download";
import { RestoreFooter } from "./restore-footer";

const tab = "rounded-md px-2.5 py-1 text-xs font-medium";
/** The frame of a dialog that shows versions on a canvas. */
export const versionFrame =
  "m-auto h-[85vh] w-full max-w-6xl flex-col rounded-xl bg-white p-0 text-slate-900 shadow-xl ring-1 ring-slate-900/10 backdrop:bg-slate-900/40 open:flex";

/**
 * A published version, read-only: its graph on the canvas (or its compiled XState machine, with a
 * download), who published it and when; "Restore" puts its graph back into the draft.
 */
export function VersionDialog({
  versionId,
  flowName,
  onRestored,
  onClose,
}: {
  versionId: string;
  flowName: string;
  onRestored: (document: FlowDocument) => void;
  onClose: () => void;
}) {
  const t = useTranslations("editor.versions");
  const common = useTranslations("common");
  const { dateTime } = useDateFormat();
  const trpc = useTRPC();
  const version = useQuery(trpc.versions.get.queryOptions({ versionId }, { staleTime: Infinity }));
  const [view, setView] = useState<"canvas" | "machine">("canvas");
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    ref.current?.showModal();
  }, []);

  const v = version.data;
  return (
    <dialog ref={ref} onClose={onClose} className={versionFrame} data-testid="version-dialog">
      <div className="flex items-start justify-between gap-4 border-b border-slate-100 px-5 py-4">
        <div>
          <h2 className="text-base font-semibold">{v ? t("title", { number: v.number }) : t("titlePending")}</h2>
          <p className="mt-0.5 text-sm text-slate-500" data-testid="version-published">
            {v ? t("publishedAt", { date: dateTime(v.createdAt) }) : ""}
            {v?.publishedBy ? `${t("by", { name: v.publishedBy })}. ` : ""}
            {t("immutable")}
          </p>
        </div>
        <div className="flex items-center gap-1 rounded-lg bg-slate-100 p-0.5">
          {(["canvas", "machine"] as const).map((name) => (
            <button
              key={name}
              type="button"
              onClick={() => setView(name)}
              aria-pressed={view === name}
              className={`${tab} ${view === name ? "bg-white text-slate-900 shadow-sm" : "text-slate-600 hover:text-slate-900"}`}
              data-testid={`version-view-${name}`}
            >
              {t(name)}
            </button>
          ))}
        </div>
        <button type="button" onClick={onClose} className="rounded p-1 text-slate-400 hover:bg-slate-100 hover:text-slate-600" aria-label={common("close")}>
          <X className="size-4" />
        </button>
      </div>
      <div className={`relative min-h-0 flex-1 ${view === "machine" ? "overflow-auto bg-slate-950" : ""}`}>
        {version.isPending && <Loading label={t("loading")} />}
        {version.error && <ErrorNotice error={version.error} className="m-4" />}
        {v && view === "canvas" && (
          // Its own provider: the editor's canvas behind the dialog keeps its viewport.
          <ReactFlowProvider>
            <FlowCanvas document={v.document} readOnly testId="version-canvas" />
          </ReactFlowProvider>
        )}
        {v && view === "machine" && (
          <pre className="p-4 font-mono text-xs leading-5 text-slate-100" data-testid="version-machine-json">
            {JSON.stringify(v.machine, null, 2)}
          </pre>
        )}
      </div>
      <RestoreFooter versionId={versionId} ready={!!v} label={t("restore")} onRestored={onRestored}>
        <Button variant="secondary" onClick={onClose}>
          {common("close")}
        </Button>
        <Button
          variant="secondary"
          disabled={!v}
          onClick={() => v && downloadJson(`${fileName(flowName)}-v${v.number}.machine.json`, v.machine)}
          data-testid="version-download"
        >
          <Download className="size-4" aria-hidden /> {t("download")}
        </Button>
      </RestoreFooter>
    </dialog>
  );
}
