import { Badge, type BadgeTone } from "./badge";

const tones: Record<string, BadgeTone> = { waiting: "blue", completed: "green", stuck: "red" };

/** An instance's lifecycle status (waiting for an event, completed, or stuck with no way on). */
export function InstanceStatusBadge({ status }: { status: string }) {
  return (
    <Badge tone={tones[status] ?? "gray"} data-testid="instance-status">
      {status}
    </Badge>
  );
}
