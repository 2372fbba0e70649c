"use client";
import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useTRPC } from "@/app/_lib/trpc";
import { type IdControlProps, IdPicker } from "./id-picker";

/** A setting that names another flow: picked by name, with whether (and which version) it is published. */
export function FlowPicker(props: IdControlProps) {
  const t = useTranslations("editor.flowPicker");
  const trpc = useTRPC();
  const flows = useQuery(trpc.flows.list.queryOptions());
  const options = flows.data?.map((f) => ({
    id: f.id,
    label: f.latestVersion ? t("published", { name: f.name, version: f.latestVersion }) : t("notPublished", { name: f.name }),
  }));
  return <IdPicker {...props} options={options} emptyLabel={flows.isPending ? t("loading") : t("choose")} unknownLabel={(id) => t("unknown", { id })} />;
}
