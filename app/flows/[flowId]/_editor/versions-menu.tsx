"use client";
import { ArrowRightLeft, ChevronDown, GitCompareArrows, History } from "lucide-react";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { useMayCall } from "@/app/_lib/use-may-call";
import { Button } from "@/app/_ui/button";
import { useDateFormat } from "@/app/_ui/time";
import type { FlowDocument } from "@/engine/contracts/flow";
import { CompareDialog, DRAFT, type CompareSides, type VersionSummary } from "./compare/compare-dialog";
import { MigrateDialog } from "./migrate-dialog";
import { VersionDialog } from "./version-dialog";

/** The latest version against the one before it; with one version, against the draft. */
const firstComparison = (versions: VersionSummary[]): CompareSides =>
  versions.length > 1 ? { from: versions[1].id, to: versions[0].id } : { from: versions[0].id, to: DRAFT };

/**
 * Published versions, newest first, with who published them; opening one shows it read-only on a
 * canvas; "Compare" shows what changed between two of them, or between one and the draft (`draft`). Once there are
 * two, instances waiting on an older one can be migrated from here.
 */
export function VersionsMenu({
  flowId,
  versions,
  flowName,
  draft,
  onRestored,
}: {
  flowId: string;
  versions: VersionSummary[];
  flowName: string;
  draft: FlowDocument;
  onRestored: (document: FlowDocument) => void;
}) {
  const t = useTranslations("editor.versions");
  const { dateTime } = useDateFormat();
  const [open, setOpen] = useState(false);
  const [shown, setShown] = useState<string | null>(null);
  const [compared, setCompared] = useState<CompareSides | null>(null);
  const [migrating, setMigrating] = useState(false);
  const mayMigrate = useMayCall("instances.migrate") && versions.length > 1;
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (event: MouseEvent | KeyboardEvent) => {
      if (event instanceof KeyboardEvent ? event.key === "Escape" : !root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("mousedown", close);
    document.addEventListener("keydown", close);
    return () => {
      document.removeEventListener("mousedown", close);
      document.removeEventListener("keydown", close);
    };
  }, [open]);

  return (
    <div className="relative" ref={root}>
      <Button variant="ghost" size="sm" onClick={() => setOpen(!open)} aria-expanded={open} data-testid="versions-button">
        <History className="size-3.5" aria-hidden />
        {t("button")}
        {versions.length > 0 && <span className="text-slate-400 tabular-nums">{versions.length}</span>}
        <ChevronDown className="size-3 text-slate-400" aria-hidden />
      </Button>
      {open && (
        <div className="absolute top-full right-0 z-30 mt-1 w-80 rounded-lg border border-slate-200 bg-white py-1 shadow-lg" data-testid="versions-menu">
          {versions.length === 0 ? (
            <p className="px-3 py-3 text-xs text-slate-500">{t("empty")}</p>
          ) : (
            <ul className="max-h-72 overflow-y-auto">
              {versions.map((v, i) => (
                <li key={v.id}>
                  <button
                    type="button"
                    onClick={() => {
                      setShown(v.id);
                      setOpen(false);
                    }}
                    className="flex w-full items-center justify-between gap-3 px-3 py-1.5 text-left text-sm hover:bg-slate-50"
                    data-testid={`version-item-${v.number}`}
                  >
                    <span className="font-medium text-slate-800">
                      v{v.number}
                      {i === 0 && <span className="ml-1.5 text-xs font-normal text-emerald-600">{t("latest")}</span>}
                    </span>
                    <span className="min-w-0 truncate text-right text-xs text-slate-500">
                      {dateTime(v.createdAt)}
                      {v.publishedBy && <span className="block truncate">{t("by", { name: v.publishedBy })}</span>}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          )}
          {versions.length > 0 && (
            <button
              type="button"
              onClick={() => {
                setCompared(firstComparison(versions));
                setOpen(false);
              }}
              className="mt-1 flex w-full items-center gap-2 border-t border-slate-100 px-3 pt-2 pb-1.5 text-sm font-medium text-indigo-700 hover:bg-slate-50"
              data-testid="versions-compare"
            >
              <GitCompareArrows className="size-4" aria-hidden />
              {t("compare")}
            </button>
          )}
          {mayMigrate && (
            <button
              type="button"
              onClick={() => {
                setMigrating(true);
                setOpen(false);
              }}
              className="flex w-full items-center gap-2 border-t border-slate-100 px-3 py-2 text-left text-sm text-slate-700 hover:bg-slate-50"
              data-testid="versions-migrate"
            >
              <ArrowRightLeft className="size-3.5 text-slate-400" aria-hidden />
              {t("migrate")}
            </button>
          )}
        </div>
      )}
      {compared && (
        <CompareDialog
          versions={versions}
          draft={draft}
          initial={compared}
          onRestored={(document) => {
            setCompared(null);
            onRestored(document);
          }}
          onClose={() => setCompared(null)}
        />
      )}
      {migrating && <MigrateDialog flowId={flowId} onClose={() => setMigrating(false)} />}
      {shown && (
        <VersionDialog
          versionId={shown}
          flowName={flowName}
          onRestored={(document) => {
            setShown(null);
            onRestored(document);
          }}
          onClose={() => setShown(null)}
        />
      )}
    </div>
  );
}
