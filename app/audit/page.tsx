import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AuditPage } from "./_components/audit-page";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("audit");
  return { title: t("metaTitle") };
}

export default function AuditTrailPage() {
  return <AuditPage />;
}
