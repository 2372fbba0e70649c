"use client";
import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useTRPC } from "@/app/_lib/trpc";

/** A setting that names a credential: picked by name (never showing its value); one that is gone still shows, as such. */
export function CredentialPicker({
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
  onChange: (credentialId: string | undefined) => void;
  testId: string;
  invalid: boolean;
}) {
  const t = useTranslations("editor.credentialPicker");
  const trpc = useTRPC();
  const credentials = useQuery(trpc.credentials.list.queryOptions());
  const current = typeof value === "string" ? value : "";
  const known = credentials.data?.some((c) => c.id === current);
  return (
    <select id={id} className={className} value={current} onChange={(e) => onChange(e.target.value || undefined)} data-testid={testId} aria-invalid={invalid}>
      <option value="">{credentials.isPending ? t("loading") : t("none")}</option>
      {current && credentials.data && !known && <option value={current}>{t("unknown", { id: current })}</option>}
      {(credentials.data ?? []).map((c) => (
        <option key={c.id} value={c.id}>
          {t("option", { name: c.name, kind: c.kind })}
          {c.hint && ` ${c.hint}`}
        </option>
      ))}
    </select>
  );
}
