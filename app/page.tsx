import { FlowsPage } from "./_components/flows-page";

export default function Home() {
  return <FlowsPage />;
}
