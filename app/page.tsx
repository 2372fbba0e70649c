export default function FlowsPage() {
  return <div className="p-6">Flows</div>;
}
