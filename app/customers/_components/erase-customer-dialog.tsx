"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { ERASE_WORD, confirmsErase } from "@/engine/contracts/privacy";
import { Button } from "@/app/_ui/button";
import { Dialog } from "@/app/_ui/dialog";
import { ErrorNotice } from "@/app/_ui/error-notice";
import { TextField } from "@/app/_ui/text-field";

/** Erasure cannot be undone: the person types the customer's name (or ERASE) first; the engine checks it again. */
export function EraseCustomerDialog({
  name,
  pending,
  error,
  onClose,
  onConfirm,
}: {
  name: string | null;
  pending: boolean;
  error: unknown;
  onClose: () => void;
  onConfirm: (confirmation: string) => void;
}) {
  const t = useTranslations("customers.erase");
  const common = useTranslations("common");
  const [typed, setTyped] = useState("");
  const confirmed = confirmsErase(typed, name);
  return (
    <Dialog
      open
      title={t("title")}
      description={
        <>
          <p>{t("description")}</p>
          <p className="mt-1 font-medium text-rose-700">{t("consequences")}</p>
        </>
      }
      onClose={onClose}
      onSubmit={() => confirmed && onConfirm(typed.trim())}
      testId="erase-customer-dialog"
      actions={
        <>
          <Button onClick={onClose}>{common("cancel")}</Button>
          <Button type="submit" variant="danger" disabled={!confirmed || pending} data-testid="confirm-erase">
            {pending ? t("pending") : t("confirm")}
          </Button>
        </>
      }
    >
      <TextField
        id="erase-confirmation"
        label={name?.trim() ? t("typeName", { name, word: ERASE_WORD }) : t("typeWord", { word: ERASE_WORD })}
        value={typed}
        maxLength={200}
        autoComplete="off"
        onChange={(e) => setTyped(e.target.value)}
        data-testid="erase-confirmation"
      />
      {error ? <ErrorNotice error={error} /> : null}
    </Dialog>
  );
}
