"use client";
import { LoaderCircle } from "lucide-react";
import { useTranslations } from "next-intl";

/** A quiet inline spinner with a label, for first loads. */
export function Loading({ label }: { label?: string }) {
  const t = useTranslations("common");
  return (
    <div className="flex items-center justify-center gap-2 px-6 py-14 text-sm text-slate-500" role="status" data-testid="loading">
      <LoaderCircle className="size-4 animate-spin" aria-hidden />
      {label ?? t("loading")}
    </div>
  );
}
