"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Pencil } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { useTRPC } from "@/app/_lib/trpc";
import { readableError } from "@/app/_ui/error-notice";

/** The flow's name; click to rename in place (Enter saves, Escape cancels); shown as text to whoever may not rename it. */
export function FlowName({ flowId, name, editable }: { flowId: string; name: string; editable: boolean }) {
  const t = useTranslations("editor.name");
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<string | null>(null);
  const rename = useMutation(
    trpc.flows.rename.mutationOptions({
      onSuccess: async () => {
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.flows.get.queryKey({ flowId }) }),
          queryClient.invalidateQueries({ queryKey: trpc.flows.list.queryKey() }),
        ]);
        setDraft(null);
      },
    }),
  );

  const save = () => {
    const next = draft?.trim();
    if (!next || next === name) return setDraft(null);
    rename.mutate({ flowId, name: next });
  };

  if (!editable) {
    return (
      <span className="min-w-0 truncate px-1.5 text-sm font-semibold text-slate-900" title={name} data-testid="flow-name">
        {name}
      </span>
    );
  }
  if (draft === null) {
    return (
      <button
        type="button"
        onClick={() => {
          rename.reset();
          setDraft(name);
        }}
        className="group flex min-w-0 items-center gap-1.5 rounded px-1.5 py-1 hover:bg-slate-100"
        title={t("rename")}
        data-testid="flow-name"
      >
        <span className="truncate text-sm font-semibold text-slate-900">{rename.isPending ? draft : name}</span>
        <Pencil className="size-3 shrink-0 text-slate-400 opacity-0 group-hover:opacity-100" aria-hidden />
      </button>
    );
  }
  const tone = rename.error ? "border-rose-400 focus:ring-rose-500/20" : "border-indigo-400 focus:ring-indigo-500/20";
  return (
    <div className="relative min-w-0">
      <input
        // biome-ignore lint/a11y/noAutofocus: the field replaces the name the user just clicked to rename; typing goes straight into it.
        autoFocus
        value={draft}
        disabled={rename.isPending}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={save}
        onKeyDown={(e) => {
          if (e.key === "Enter") save();
          if (e.key === "Escape") setDraft(null);
        }}
        maxLength={120}
        aria-label={t("label")}
        className={`h-7 w-64 rounded border bg-white px-1.5 text-sm font-semibold focus:ring-2 focus:outline-none ${tone}`}
        data-testid="flow-name-input"
      />
      {rename.error && (
        <p className="absolute top-full left-0 z-20 mt-1 w-72 rounded border border-rose-200 bg-rose-50 px-2 py-1 text-xs text-rose-700 shadow-sm" role="alert">
          {readableError(rename.error, locale)}
        </p>
      )}
    </div>
  );
}
