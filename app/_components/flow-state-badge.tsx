import { Badge } from "@/app/_ui/badge";
import type { RouterOutputs } from "@/app/_ui/router-types";

type Flow = RouterOutputs["flows"]["list"][number];

/** Draft (never published), Published (draft = latest version), or Changed (edits not yet published). */
export function FlowStateBadge({ flow }: { flow: Flow }) {
  const testId = `flow-state-${flow.id}`;
  if (flow.state === "draft")
    return (
      <Badge tone="gray" data-testid={testId}>
        Draft
      </Badge>
    );
  if (flow.state === "published")
    return (
      <Badge tone="green" data-testid={testId}>
        Published
      </Badge>
    );
  return (
    <Badge tone="amber" data-testid={testId}>
      Unpublished changes
    </Badge>
  );
}
