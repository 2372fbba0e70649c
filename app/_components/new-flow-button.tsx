"use client";
import { Plus } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/app/_ui/button";
import { FlowNameDialog } from "./flow-name-dialog";
import { useFlowActions } from "./use-flow-actions";

/** Creates a flow (starting with a trigger) in the reader's language and opens it in the editor. */
export function NewFlowButton({ testId = "new-flow" }: { testId?: string }) {
  const t = useTranslations("flows.new");
  const router = useRouter();
  const { create } = useFlowActions();
  // The flow's built-in customer texts follow the language it is created in.
  const language = useLocale() === "ru" ? "ru" : "en";
  const [open, setOpen] = useState(false);
  const close = () => {
    setOpen(false);
    create.reset();
  };
  return (
    <>
      <Button variant="primary" onClick={() => setOpen(true)} data-testid={testId}>
        <Plus className="size-4" aria-hidden />
        {t("button")}
      </Button>
      {open && (
        <FlowNameDialog
          title={t("title")}
          submitLabel={t("submit")}
          initialName={t("initialName")}
          pending={create.isPending || create.isSuccess}
          error={create.error}
          onClose={close}
          onSubmit={(name) => create.mutate({ name, language }, { onSuccess: ({ id }) => router.push(`/flows/${id}`) })}
        />
      )}
    </>
  );
}
