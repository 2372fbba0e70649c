"use client";
import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useTRPC } from "@/app/_lib/trpc";

/** A setting that names another flow: picked by name; a flow that is gone still shows, as such. */
export function FlowPicker({
  id,
  className,
  value,
  onChange,
  testId,
  invalid,
}: {
  id: string;
  className: string;
  value: unknown;
  onChange: (flowId: string | undefined) => void;
  testId: string;
  invalid: boolean;
}) {
  const t = useTranslations("editor.flowPicker");
  const trpc = useTRPC();
  const flows = useQuery(trpc.flows.list.queryOptions());
  const current = typeof value === "string" ? value : "";
  const known = flows.data?.some((f) => f.id === current);
  return (
    <select id={id} className={className} value={current} onChange={(e) => onChange(e.target.value || undefined)} data-testid={testId} aria-invalid={invalid}>
      <option value="">{flows.isPending ? t("loading") : t("choose")}</option>
      {current && flows.data && !known && <option value={current}>{t("unknown", { id: current })}</option>}
      {(flows.data ?? []).map((f) => (
        <option key={f.id} value={f.id}>
          {f.latestVersion ? t("published", { name: f.name, version: f.latestVersion }) : t("notPublished", { name: f.name })}
        </option>
      ))}
    </select>
  );
}
