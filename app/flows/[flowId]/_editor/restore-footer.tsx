"use client";
import { useMutation } from "@tanstack/react-query";
import { RotateCcw } from "lucide-react";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import type { FlowDocument } from "@/engine/contracts/flow";
import { useTRPC } from "@/app/_lib/trpc";
import { useMayCall } from "@/app/_lib/use-may-call";
import { Button } from "@/app/_ui/button";
import { ErrorNotice } from "@/app/_ui/error-notice";

/**
 * A version dialog's footer: a refusal on the left, the dialog's own buttons, and last "Restore"
 * (for those who may), which puts the version's graph back into the draft; none without a version,
 * disabled until `ready` (the version shown).
 */
export function RestoreFooter({
  versionId,
  ready = true,
  label,
  onRestored,
  children,
}: {
  versionId: string | null;
  ready?: boolean;
  label: string;
  onRestored: (document: FlowDocument) => void;
  children: ReactNode;
}) {
  const t = useTranslations("editor.versions");
  const trpc = useTRPC();
  const mayRestore = useMayCall("versions.restore");
  const restore = useMutation(trpc.versions.restore.mutationOptions({ onSuccess: ({ document }) => onRestored(document) }));
  return (
    <div className="flex items-center justify-end gap-2 border-t border-slate-100 bg-slate-50 px-5 py-3">
      <ErrorNotice error={restore.error} className="mr-auto" />
      {children}
      {mayRestore && versionId && (
        <Button
          variant="primary"
          disabled={!ready || restore.isPending}
          onClick={() => restore.mutate({ versionId })}
          title={t("restoreTitle")}
          data-testid="version-restore"
        >
          <RotateCcw className="size-4" aria-hidden /> {restore.isPending ? t("restoring") : label}
        </Button>
      )}
    </div>
  );
}
