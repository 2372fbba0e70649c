"use client";
import { useTranslations } from "next-intl";
import { Badge } from "@/app/_ui/badge";
import { useDateFormat } from "@/app/_ui/time";

/** Priority (when not normal) and the SLA deadline, red once it has passed. */
export function TaskUrgency({ task, now = Date.now() }: { task: { priority: string; slaDueAt: Date | null; status: string }; now?: number }) {
  const t = useTranslations("workspace.task");
  const common = useTranslations("common");
  const { dateTime } = useDateFormat();
  const overdue = task.status === "open" && task.slaDueAt !== null && task.slaDueAt.getTime() <= now;
  return (
    <>
      {task.priority !== "normal" && (
        <Badge tone={task.priority === "low" ? "gray" : "red"} data-testid="task-priority">
          {common("priority", { priority: task.priority })}
        </Badge>
      )}
      {task.slaDueAt && (
        <Badge tone={overdue ? "red" : "amber"} data-testid="task-sla">
          {overdue ? t("slaBreached") : t("slaUntil", { date: dateTime(task.slaDueAt) })}
        </Badge>
      )}
    </>
  );
}
