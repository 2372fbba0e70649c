"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Download, Upload } from "lucide-react";
import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { CSV_IMPORT_LIMITS } from "@/engine/contracts/identity";
import { useTRPC } from "@/app/_lib/trpc";
import { Button } from "@/app/_ui/button";
import { Card } from "@/app/_ui/card";
import { downloadFile } from "@/app/_ui/download-file";
import { ErrorNotice } from "@/app/_ui/error-notice";
import { inputClass } from "@/app/_ui/text-field";

/** Admins import customers from a CSV (name, email, phone, custom fields); bad rows come back as a downloadable report. */
export function CustomerImport() {
  const t = useTranslations("customers.import");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [tooLarge, setTooLarge] = useState(false);
  const imported = useMutation(
    trpc.customers.import.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.customers.pathKey() }) }),
  );

  async function pick(file: File | undefined) {
    imported.reset();
    setTooLarge(!!file && file.size > CSV_IMPORT_LIMITS.bytes);
    if (file && file.size <= CSV_IMPORT_LIMITS.bytes) imported.mutate({ csv: await file.text() });
  }

  const result = imported.data;
  return (
    <Card title={t("title")} testId="customer-import">
      <div className="space-y-3 text-sm">
        <p className="text-xs text-slate-500">{t("help", { rows: CSV_IMPORT_LIMITS.rows })}</p>
        <label className="inline-flex cursor-pointer items-center gap-2 rounded-md border border-slate-300 px-3 py-1.5 text-sm text-slate-700 hover:bg-slate-50">
          <Upload className="size-4" aria-hidden />
          {imported.isPending ? t("importing") : t("choose")}
          <input
            type="file"
            accept=".csv,text/csv"
            className="sr-only"
            disabled={imported.isPending}
            onChange={(e) => void pick(e.target.files?.[0])}
            data-testid="customer-import-file"
          />
        </label>
        {tooLarge && <p className="text-xs text-rose-700">{t("tooLarge")}</p>}
        <ErrorNotice error={imported.error} onDismiss={imported.reset} />
        {result && (
          <div className="space-y-2 text-xs" role="status" data-testid="customer-import-result">
            <p className="text-slate-700">
              {t("result", { rows: result.rows, created: result.created, updated: result.updated, invalid: result.invalidRows })}
            </p>
            {result.problems.length > 0 && (
              <ul className="max-h-40 space-y-0.5 overflow-auto text-rose-700">
                {result.problems.map((p) => (
                  <li key={`${p.row}:${p.field}:${p.problem}`}>{t("problem", { row: p.row, field: p.field || "—", problem: p.problem })}</li>
                ))}
              </ul>
            )}
            {result.report && (
              <Button size="sm" onClick={() => downloadFile("customer-import-errors.csv", result.report ?? "", "text/csv")} data-testid="import-report">
                <Download className="size-4" aria-hidden />
                {t("report")}
              </Button>
            )}
          </div>
        )}
        <DefaultRegion />
      </div>
    </Card>
  );
}

/** The region phone numbers without a country code are read in (for channels and imports alike). */
function DefaultRegion() {
  const t = useTranslations("customers.import");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const region = useQuery(trpc.customers.defaultRegion.queryOptions());
  const [draft, setDraft] = useState<string | null>(null);
  const save = useMutation(
    trpc.customers.setDefaultRegion.mutationOptions({
      onSuccess: async () => {
        setDraft(null);
        await queryClient.invalidateQueries({ queryKey: trpc.customers.defaultRegion.queryKey() });
      },
    }),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (draft !== null) save.mutate({ region: draft });
  };
  return (
    <form onSubmit={submit} className="space-y-1 border-t border-slate-100 pt-3">
      <label htmlFor="default-region" className="text-xs font-medium text-slate-500">
        {t("region")}
      </label>
      <div className="flex gap-2">
        <input
          id="default-region"
          value={draft ?? region.data ?? ""}
          maxLength={2}
          onChange={(e) => setDraft(e.target.value.toUpperCase())}
          className={`${inputClass} w-20 font-mono uppercase`}
          data-testid="default-region"
        />
        <Button type="submit" size="sm" disabled={draft === null || save.isPending}>
          {t("saveRegion")}
        </Button>
      </div>
      <p className="text-xs text-slate-400">{t("regionHelp")}</p>
      <ErrorNotice error={save.error} onDismiss={save.reset} />
    </form>
  );
}
