"use client";
import { Upload } from "lucide-react";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useRef, useState, type ChangeEvent } from "react";
import { Button } from "@/app/_ui/button";
import { useFlowActions } from "./use-flow-actions";

/** Reads an exported flow file and imports it as a new draft, then opens it in the editor. */
export function ImportFlowButton({ onError }: { onError: (error: unknown) => void }) {
  const t = useTranslations("flows.import");
  const router = useRouter();
  const { importFile } = useFlowActions();
  const input = useRef<HTMLInputElement>(null);
  const [reading, setReading] = useState(false);

  const pick = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = ""; // picking the same file again must fire change again
    if (!file) return;
    onError(null);
    setReading(true);
    let json: unknown;
    try {
      json = JSON.parse(await file.text());
    } catch {
      onError(new Error(t("notJson", { file: file.name })));
      return;
    } finally {
      setReading(false);
    }
    importFile.mutate({ file: json }, { onSuccess: ({ id }) => router.push(`/flows/${id}`), onError });
  };

  return (
    <>
      <input ref={input} type="file" accept="application/json,.json" className="hidden" onChange={pick} data-testid="import-flow-file" />
      <Button onClick={() => input.current?.click()} disabled={reading || importFile.isPending} data-testid="import-flow">
        <Upload className="size-4" aria-hidden />
        {importFile.isPending ? t("pending") : t("button")}
      </Button>
    </>
  );
}
