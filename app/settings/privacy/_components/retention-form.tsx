"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import type { Retention } from "@/engine/contracts/privacy";
import { useTRPC } from "@/app/_lib/trpc";
import { Button } from "@/app/_ui/button";
import { Card } from "@/app/_ui/card";
import { ErrorNotice } from "@/app/_ui/error-notice";
import { Loading } from "@/app/_ui/loading";
import { TextField } from "@/app/_ui/text-field";

const FIELDS = ["messageBodiesDays", "logsDays"] as const;
type Draft = Record<(typeof FIELDS)[number], string>;

/** An empty field keeps forever; otherwise whole days (the engine validates the range). */
const toDraft = (r: Retention): Draft => ({ messageBodiesDays: r.messageBodiesDays?.toString() ?? "", logsDays: r.logsDays?.toString() ?? "" });
const fromDraft = (d: Draft): Retention => ({
  messageBodiesDays: d.messageBodiesDays.trim() ? Number(d.messageBodiesDays) : null,
  logsDays: d.logsDays.trim() ? Number(d.logsDays) : null,
});

/** How long message bodies and logs are kept; an hourly job blanks what is older. */
export function RetentionForm() {
  const t = useTranslations("privacySettings.retention");
  const common = useTranslations("common");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const stored = useQuery(trpc.privacy.retention.queryOptions());
  const [draft, setDraft] = useState<Draft | null>(null);
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
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate(fromDraft(values));
        }}
      >
        <p className="text-sm text-slate-500">
          {t("help")} {t("helpForever")}
        </p>
        {FIELDS.map((field) => (
          <div key={field}>
            <TextField
              id={`retention-${field}`}
              label={t(`label.${field}`)}
              type="number"
              min={1}
              max={36500}
              step={1}
              inputMode="numeric"
              placeholder={t("forever")}
              value={values[field]}
              onChange={(e) => {
                save.reset();
                setDraft({ ...values, [field]: e.target.value });
              }}
              data-testid={`retention-${field}`}
            />
            <p className="mt-1 text-xs text-slate-500">{t(`fieldHelp.${field}`)}</p>
          </div>
        ))}
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
