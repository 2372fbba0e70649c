"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useTRPC } from "@/app/_lib/trpc";
import { Button } from "@/app/_ui/button";
import { ErrorNotice } from "@/app/_ui/error-notice";
import { inputClass } from "@/app/_ui/text-field";

/** Starts a published flow with a "Started by an operator" trigger for this customer. */
export function StartFlow({ customerId }: { customerId: string }) {
  const t = useTranslations("workspace.startFlow");
  const trpc = useTRPC();
  const flows = useQuery(trpc.instances.startable.queryOptions());
  const start = useMutation(trpc.instances.startForCustomer.mutationOptions());
  const [flowId, setFlowId] = useState("");
  const [note, setNote] = useState("");
  if (!flows.data?.length) return null;
  const chosen = flowId || flows.data[0].id;
  return (
    <form
      className="space-y-2 border-t border-slate-100 pt-3"
      onSubmit={(e) => {
        e.preventDefault();
        start.mutate({ flowId: chosen, customerId, note }, { onSuccess: () => setNote("") });
      }}
      data-testid="start-flow"
    >
      <h4 className="text-xs font-medium text-slate-500">{t("title")}</h4>
      <select className={inputClass} value={chosen} onChange={(e) => setFlowId(e.target.value)} aria-label={t("flow")} data-testid="start-flow-select">
        {flows.data.map((f) => (
          <option key={f.id} value={f.id}>
            {f.name}
          </option>
        ))}
      </select>
      <input
        className={inputClass}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        maxLength={500}
        placeholder={t("notePlaceholder")}
        aria-label={t("note")}
        data-testid="start-flow-note"
      />
      <Button type="submit" size="sm" disabled={start.isPending} data-testid="start-flow-submit">
        {t("submit")}
      </Button>
      {start.data && (
        <p className="text-xs text-emerald-700" data-testid="start-flow-started">
          {t("started")}{" "}
          <Link href={`/instances/${start.data.instanceId}`} className="underline">
            {t("openInstance")}
          </Link>
        </p>
      )}
      {start.error && <ErrorNotice error={start.error} />}
    </form>
  );
}
