import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { InstancesPage } from "./_components/instances-page";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("instances");
  return { title: t("metaTitle") };
}

export default async function FlowInstancesPage({ params }: { params: Promise<{ flowId: string }> }) {
  const { flowId } = await params;
  return <InstancesPage flowId={flowId} />;
}
