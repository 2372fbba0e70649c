import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/app/_ui/page-header";
import { RetentionForm } from "./_components/retention-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("privacySettings");
  return { title: t("metaTitle") };
}

export default async function PrivacySettings() {
  const t = await getTranslations("privacySettings");
  return (
    <div className="mx-auto max-w-3xl px-6 py-8">
      <PageHeader title={t("title")} description={t("description")} />
      <RetentionForm />
    </div>
  );
}
