"use client";
import { ArrowUpRight } from "lucide-react";
import { useTranslations } from "next-intl";
import { Badge } from "@/app/_ui/badge";

/** The skills a task needs and whether a flow escalated it, as small badges. */
export function TaskRouting({ task }: { task: { skills: string[]; escalations: number } }) {
  const t = useTranslations("workspace.task");
  return (
    <>
      {task.escalations > 0 && (
        <Badge tone="red" data-testid="task-escalated">
          <ArrowUpRight className="size-3" aria-hidden />
          {task.escalations > 1 ? t("escalatedTimes", { count: task.escalations }) : t("escalated")}
        </Badge>
      )}
      {task.skills.length > 0 && (
        <Badge tone="gray" data-testid="task-skills">
          {t("needs", { skills: task.skills.join(", ") })}
        </Badge>
      )}
    </>
  );
}
