"use client";
import { skipToken, useQuery } from "@tanstack/react-query";
import { ReactFlowProvider, useReactFlow } from "@xyflow/react";
import { ArrowLeftRight, X } from "lucide-react";
import { useTranslations } from "next-intl";
import { useEffect, useMemo, useRef, useState } from "react";
import { useTRPC } from "@/app/_lib/trpc";
import { Button } from "@/app/_ui/button";
import { ErrorNotice } from "@/app/_ui/error-notice";
import { FlowCanvas, NO_SELECTION, type CanvasSelection } from "@/app/_ui/flow-canvas";
import { Loading } from "@/app/_ui/loading";
import { useDateFormat } from "@/app/_ui/time";
import { useNodeLocale } from "@/app/_ui/use-node-text";
import type { FlowDocument } from "@/engine/contracts/flow";
import { diffFlows } from "@/nodes/_kit/flow-diff";
import { findNodeSpec } from "@/nodes/registry";
import { RestoreFooter } from "../restore-footer";
import { versionFrame } from "../version-dialog";
import { ChangeList, type Pick } from "./change-list";
import { comparisonCanvas } from "./diff-view";

/** The draft's place among the versions one can compare. */
export const DRAFT = "draft";

export type VersionSummary = { id: string; number: number; createdAt: Date; publishedBy: string | null };
/** What is compared: version ids, or {@link DRAFT}. */
export type CompareSides = { from: string; to: string };

/** A side's document: the draft as the editor holds it now, or a version (loaded once, versions never change). */
function useSide(side: string, draft: FlowDocument) {
  const trpc = useTRPC();
  const version = useQuery(trpc.versions.get.queryOptions(side === DRAFT ? skipToken : { versionId: side }, { staleTime: Infinity }));
  return side === DRAFT ? { document: draft, error: null } : { document: version.data?.document, error: version.error };
}

function SidePicker({
  label,
  value,
  onChange,
  versions,
  testId,
}: {
  label: string;
  value: string;
  onChange: (side: string) => void;
  versions: VersionSummary[];
  testId: string;
}) {
  const t = useTranslations("editor.compare");
  const { dateTime } = useDateFormat();
  return (
    <label className="flex items-center gap-1.5 text-xs font-medium text-slate-600">
      {label}
      <select
        value={value}
        onChange={(e) => onChange(e.target.value)}
        className="h-8 rounded-md border border-slate-300 bg-white px-2 text-sm text-slate-900 focus-visible:outline-2 focus-visible:outline-indigo-500"
        data-testid={testId}
      >
        <option value={DRAFT}>{t("draft")}</option>
        {versions.map((v) => (
          <option key={v.id} value={v.id}>
            {t("option", { number: v.number, date: dateTime(v.createdAt) })}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The canvas's camera, for the list: brings what was picked into view. */
function useShow() {
  const flow = useReactFlow();
  return (ids: string[]) => void flow.fitView({ nodes: ids.map((id) => ({ id })), padding: 0.5, maxZoom: 1, duration: 300 });
}

function Comparison({ before, after }: { before: FlowDocument; after: FlowDocument }) {
  const locale = useNodeLocale();
  const show = useShow();
  const [selection, setSelection] = useState<CanvasSelection>(NO_SELECTION);
  const diff = useMemo(() => diffFlows(before, after, { specOf: findNodeSpec, locale }), [before, after, locale]);
  const view = useMemo(() => comparisonCanvas(after, diff), [after, diff]);
  const pick = ({ selection, nodes }: Pick) => {
    setSelection(selection);
    show(nodes);
  };
  return (
    <>
      <aside className="flex w-96 shrink-0 flex-col border-r border-slate-100">
        <ChangeList diff={diff} before={before} after={after} selection={selection} onPick={pick} />
      </aside>
      <div className="relative min-w-0 flex-1">
        <FlowCanvas document={view.document} marks={view.marks} selection={selection} readOnly testId="compare-canvas" />
      </div>
    </>
  );
}

/**
 * Two versions (or a version and the draft) side by side as one canvas: the newer one drawn with
 * what was added in green, changed in amber, removed as red ghosts; beside it the list of changes.
 * "Restore" puts the first one back into the draft.
 */
export function CompareDialog({
  versions,
  draft,
  initial,
  onRestored,
  onClose,
}: {
  versions: VersionSummary[];
  draft: FlowDocument;
  initial: CompareSides;
  onRestored: (document: FlowDocument) => void;
  onClose: () => void;
}) {
  const t = useTranslations("editor.compare");
  const common = useTranslations("common");
  const [sides, setSides] = useState(initial);
  const from = useSide(sides.from, draft);
  const to = useSide(sides.to, draft);
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    ref.current?.showModal();
  }, []);
  const nameOf = (side: string) => (side === DRAFT ? t("draftName") : `v${versions.find((v) => v.id === side)?.number ?? "?"}`);

  return (
    <dialog ref={ref} onClose={onClose} className={`${versionFrame} max-w-7xl`} aria-labelledby="compare-title" data-testid="compare-dialog">
      <div className="flex items-start gap-4 border-b border-slate-100 px-5 py-3">
        <div className="min-w-0 flex-1">
          <h2 id="compare-title" className="text-base font-semibold">
            {t("title")}
          </h2>
          <p className="text-sm text-slate-500">{t("description", { from: nameOf(sides.from), to: nameOf(sides.to) })}</p>
        </div>
        <div className="flex shrink-0 items-center gap-2 pt-1">
          <SidePicker label={t("from")} value={sides.from} onChange={(from) => setSides({ ...sides, from })} versions={versions} testId="compare-from" />
          <button
            type="button"
            onClick={() => setSides({ from: sides.to, to: sides.from })}
            className="rounded p-1.5 text-slate-500 hover:bg-slate-100 hover:text-slate-800"
            aria-label={t("swap")}
            title={t("swap")}
            data-testid="compare-swap"
          >
            <ArrowLeftRight className="size-4" />
          </button>
          <SidePicker label={t("to")} value={sides.to} onChange={(to) => setSides({ ...sides, to })} versions={versions} testId="compare-to" />
        </div>
        <button
          type="button"
          onClick={onClose}
          className="mt-1 rounded p-1 text-slate-400 hover:bg-slate-100 hover:text-slate-600"
          aria-label={common("close")}
        >
          <X className="size-4" />
        </button>
      </div>
      <div className="relative flex min-h-0 flex-1">
        <ErrorNotice error={from.error ?? to.error} className="m-4" />
        {from.document && to.document ? (
          // Its own provider: the editor's canvas behind the dialog keeps its viewport.
          <ReactFlowProvider key={`${sides.from}:${sides.to}`}>
            <Comparison before={from.document} after={to.document} />
          </ReactFlowProvider>
        ) : (
          !(from.error ?? to.error) && <Loading label={t("loading")} />
        )}
      </div>
      <RestoreFooter
        versionId={sides.from === DRAFT ? null : sides.from}
        ready={!!from.document}
        label={t("restore", { name: nameOf(sides.from) })}
        onRestored={onRestored}
      >
        <Button variant="secondary" onClick={onClose}>
          {common("close")}
        </Button>
      </RestoreFooter>
    </dialog>
  );
}
