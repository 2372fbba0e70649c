"use client";
import { useTranslations } from "next-intl";
import { Button } from "@/app/_ui/button";
import { Dialog } from "@/app/_ui/dialog";
import { ErrorNotice } from "@/app/_ui/error-notice";

/** Deleting hides the flow; instances already running keep their history. */
export function DeleteFlowDialog({
  name,
  pending,
  error,
  onClose,
  onConfirm,
}: {
  name: string;
  pending: boolean;
  error: unknown;
  onClose: () => void;
  onConfirm: () => void;
}) {
  const t = useTranslations("flows.delete");
  const common = useTranslations("common");
  return (
    <Dialog
      open
      title={t("title", { name })}
      description={t("description")}
      onClose={onClose}
      onSubmit={onConfirm}
      testId="delete-flow-dialog"
      actions={
        <>
          <Button onClick={onClose}>{common("cancel")}</Button>
          <Button type="submit" variant="danger" disabled={pending} data-testid="confirm-delete">
            {pending ? t("pending") : t("confirm")}
          </Button>
        </>
      }
    >
      {error ? <ErrorNotice error={error} /> : null}
    </Dialog>
  );
}
