import { Badge } from "@/app/_ui/badge";
import { formatDateTime } from "@/app/_ui/time";

/** Priority (when not normal) and the SLA deadline, red once it has passed. */
export function TaskUrgency({ task, now = Date.now() }: { task: { priority: string; slaDueAt: Date | null; status: string }; now?: number }) {
  const overdue = task.status === "open" && task.slaDueAt !== null && task.slaDueAt.getTime() <= now;
  return (
    <>
      {task.priority !== "normal" && (
        <Badge tone={task.priority === "low" ? "gray" : "red"} data-testid="task-priority">
          {task.priority}
        </Badge>
      )}
      {task.slaDueAt && (
        <Badge tone={overdue ? "red" : "amber"} data-testid="task-sla">
          {overdue ? "SLA breached" : `SLA until ${formatDateTime(task.slaDueAt)}`}
        </Badge>
      )}
    </>
  );
}
