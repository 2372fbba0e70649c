import type { Metadata } from "next";
import { InstancesPage } from "./_components/instances-page";

export const metadata: Metadata = { title: "Instances · Omniflow" };

export default async function FlowInstancesPage({ params }: { params: Promise<{ flowId: string }> }) {
  const { flowId } = await params;
  return <InstancesPage flowId={flowId} />;
}
