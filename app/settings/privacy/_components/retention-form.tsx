"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { type Retention, retentionSchema } from "@/engine/contracts/privacy";
import { useTRPC } from "@/app/_lib/trpc";
import { Button } from "@/app/_ui/button";
import { Card } from "@/app/_ui/card";
import { ErrorNotice } from "@/app/_ui/error-notice";
import { Loading } from "@/app/_ui/loading";
import { TextField } from "@/app/_ui/text-field";

const FIELDS = ["messageBodiesDays", "logsDays"] as const;
type Draft = Record<(typeof FIELDS)[number], string>;

/** An empty field keeps forever; otherwise digits only (not "1e2"): the schema then checks the range. */
const toDraft = (r: Retention): Draft => ({ messageBodiesDays: r.messageBodiesDays?.toString() ?? "", logsDays: r.logsDays?.toString() ?? "" });
const days = (text: string) => (!text.trim() ? null : /^\d+$/.test(text.trim()) ? Number(text) : Number.NaN);
const fromDraft = (d: Draft) => ({ messageBodiesDays: days(d.messageBodiesDays), logsDays: days(d.logsDays) });

/** How long message bodies and logs are kept; an hourly job blanks what is older. */
export function RetentionForm() {
  const t = useTranslations("privacySettings.retention");
  const common = useTranslations("common");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const stored = useQuery(trpc.privacy.retention.queryOptions());
  const [draft, setDraft] = useState<Draft | null>(null);
  const [invalid, setInvalid] = useState<readonly PropertyKey[]>([]);
  const save = useMutation(
    trpc.privacy.setRetention.mutationOptions({
      onSuccess: async (saved) => {
        setDraft(toDraft(saved));
        await queryClient.invalidateQueries({ queryKey: trpc.privacy.retention.queryKey() });
      },
    }),
  );

  if (stored.isPending) return <Loading />;
  if (stored.isError) return <ErrorNotice error={stored.error} />;
  const values = draft ?? toDraft(stored.data);
  return (
    <Card title={t("title")} testId="retention-form">
      <form
        className="space-y-4"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          // Checked here, in the reader's language, before the engine checks it again.
          const parsed = retentionSchema.safeParse(fromDraft(values));
          setInvalid(parsed.success ? [] : parsed.error.issues.map((issue) => issue.path[0]));
          if (parsed.success) save.mutate(parsed.data);
        }}
      >
        <p className="text-sm text-slate-500">
          {t("help")} {t("helpForever")}
        </p>
        {FIELDS.map((field) => {
          const wrong = invalid.includes(field);
          return (
            <div key={field}>
              <TextField
                id={`retention-${field}`}
                label={t(`label.${field}`)}
                inputMode="numeric"
                maxLength={10}
                placeholder={t("forever")}
                value={values[field]}
                aria-invalid={wrong || undefined}
                aria-describedby={wrong ? `retention-${field}-error` : undefined}
                onChange={(e) => {
                  save.reset();
                  setInvalid(invalid.filter((name) => name !== field));
                  setDraft({ ...values, [field]: e.target.value });
                }}
                data-testid={`retention-${field}`}
              />
              {wrong && (
                <p id={`retention-${field}-error`} className="mt-1 text-xs font-medium text-rose-700" data-testid={`retention-${field}-error`}>
                  {t("invalid")}
                </p>
              )}
              <p className="mt-1 text-xs text-slate-500">{t(`fieldHelp.${field}`)}</p>
            </div>
          );
        })}
        <ErrorNotice error={save.error} />
        <div className="flex items-center gap-3">
          <Button type="submit" variant="primary" disabled={save.isPending} data-testid="save-retention">
            {save.isPending ? common("saving") : t("save")}
          </Button>
          {save.isSuccess && (
            <span className="text-sm text-emerald-700" role="status">
              {t("saved")}
            </span>
          )}
        </div>
      </form>
    </Card>
  );
}
