"use client";
import { CircleAlert, CircleCheck, LoaderCircle } from "lucide-react";
import { useTranslations } from "next-intl";
import type { SaveState } from "./use-autosave";

/** "Saving… / Saved / Save failed": the autosave state, with a retry when it failed. */
export function SaveStatus({ state, onRetry }: { state: SaveState; onRetry: () => void }) {
  const t = useTranslations("editor.save");
  return (
    <span className="flex items-center gap-1 text-xs text-slate-500" data-testid="save-state" data-state={state.status} role="status">
      {state.status === "saving" && (
        <>
          <LoaderCircle className="size-3.5 animate-spin" aria-hidden /> {t("saving")}
        </>
      )}
      {state.status === "saved" && (
        <>
          <CircleCheck className="size-3.5 text-emerald-500" aria-hidden /> {t("saved")}
        </>
      )}
      {state.status === "error" && (
        <span className="flex items-center gap-1 text-rose-700" title={state.error}>
          <CircleAlert className="size-3.5" aria-hidden /> {t("failed")}
          <button type="button" onClick={onRetry} className="font-medium underline underline-offset-2 hover:text-rose-900" data-testid="save-retry">
            {t("retry")}
          </button>
        </span>
      )}
    </span>
  );
}
