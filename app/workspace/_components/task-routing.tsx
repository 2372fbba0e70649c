import { ArrowUpRight } from "lucide-react";
import { Badge } from "@/app/_ui/badge";

/** The skills a task needs and whether a flow escalated it, as small badges. */
export function TaskRouting({ task }: { task: { skills: string[]; escalations: number } }) {
  return (
    <>
      {task.escalations > 0 && (
        <Badge tone="red" data-testid="task-escalated">
          <ArrowUpRight className="size-3" aria-hidden />
          Escalated{task.escalations > 1 ? ` ×${task.escalations}` : ""}
        </Badge>
      )}
      {task.skills.length > 0 && (
        <Badge tone="gray" data-testid="task-skills">
          needs {task.skills.join(", ")}
        </Badge>
      )}
    </>
  );
}
