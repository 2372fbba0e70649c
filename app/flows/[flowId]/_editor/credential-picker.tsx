"use client";
import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useTRPC } from "@/app/_lib/trpc";
import { type IdControlProps, IdPicker } from "./id-picker";

/** A setting that names a credential: picked by name and kind (never showing its value). */
export function CredentialPicker(props: IdControlProps) {
  const t = useTranslations("editor.credentialPicker");
  const trpc = useTRPC();
  const credentials = useQuery(trpc.credentials.list.queryOptions());
  const options = credentials.data?.map((c) => ({ id: c.id, label: `${t("option", { name: c.name, kind: c.kind })}${c.hint ? ` ${c.hint}` : ""}` }));
  return <IdPicker {...props} options={options} emptyLabel={credentials.isPending ? t("loading") : t("none")} unknownLabel={(id) => t("unknown", { id })} />;
}
