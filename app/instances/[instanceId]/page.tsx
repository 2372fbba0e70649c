import { InstanceView } from "./_components/instance-view";

export default async function InstancePage({ params }: { params: Promise<{ instanceId: string }> }) {
  const { instanceId } = await params;
  return <InstanceView instanceId={instanceId} />;
}
