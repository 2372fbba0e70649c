"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/app/_ui/button";
import { Dialog } from "@/app/_ui/dialog";
import { ErrorNotice } from "@/app/_ui/error-notice";
import { TextField } from "@/app/_ui/text-field";

/** Asks for a flow name (create and rename). Mount it only while open so it starts from `initialName`. */
export function FlowNameDialog({
  title,
  submitLabel,
  initialName,
  pending,
  error,
  onClose,
  onSubmit,
}: {
  title: string;
  submitLabel: string;
  initialName: string;
  pending: boolean;
  error: unknown;
  onClose: () => void;
  onSubmit: (name: string) => void;
}) {
  const t = useTranslations("common");
  const [name, setName] = useState(initialName);
  const blank = name.trim() === "";
  return (
    <Dialog
      open
      title={title}
      onClose={onClose}
      onSubmit={() => !blank && onSubmit(name.trim())}
      testId="flow-name-dialog"
      actions={
        <>
          <Button onClick={onClose}>{t("cancel")}</Button>
          <Button
            type="submit"
            variant="primary"
            disabled={blank || pending}
            title={blank ? t("nameRequired") : undefined}
            aria-describedby={blank ? "flow-name-required" : undefined}
            data-testid="flow-name-submit"
          >
            {pending ? t("saving") : submitLabel}
          </Button>
        </>
      }
    >
      <TextField
        id="flow-name"
        label={t("name")}
        value={name}
        onChange={(e) => setName(e.target.value)}
        onFocus={(e) => e.target.select()}
        autoFocus
        data-testid="flow-name-input"
      />
      {/* A disabled button says nothing by itself: why it is disabled stays in view. */}
      {blank && (
        <p id="flow-name-required" className="mt-1.5 text-xs text-slate-500" data-testid="flow-name-required">
          {t("nameRequired")}
        </p>
      )}
      <ErrorNotice error={error} />
    </Dialog>
  );
}
