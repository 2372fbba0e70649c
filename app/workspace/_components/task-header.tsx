"use client";
import { ExternalLink } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { Badge } from "@/app/_ui/badge";
import { Age, useDateFormat } from "@/app/_ui/time";
import type { Task } from "./task-types";
import { TaskRouting } from "./task-routing";
import { TaskUrgency } from "./task-urgency";

export function TaskHeader({ task }: { task: Task }) {
  const t = useTranslations("workspace.task");
  const { dateTime } = useDateFormat();
  return (
    <header className="flex shrink-0 items-start justify-between gap-4 border-b border-slate-200 bg-white px-6 py-4">
      <div className="min-w-0">
        <h1 className="truncate text-lg font-semibold text-slate-900" data-testid="task-title">
          {task.title}
        </h1>
        <div className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-500">
          {task.status === "open" ? (
            <Badge tone="amber" data-testid="task-status">
              {t("open")}
            </Badge>
          ) : task.status === "cancelled" ? (
            <Badge tone="gray" data-testid="task-status">
              {t("cancelled")}
            </Badge>
          ) : (
            <Badge tone="green" data-testid="task-status">
              {t("completed", { outcome: task.outcome ?? "" })}
            </Badge>
          )}
          <Badge tone="indigo">{task.queue}</Badge>
          <TaskUrgency task={task} />
          <TaskRouting task={task} />
          <span title={dateTime(task.createdAt)}>
            {t("created")} <Age date={task.createdAt} ago />
          </span>
        </div>
      </div>
      <Link
        href={`/instances/${task.instanceId}`}
        className="inline-flex shrink-0 items-center gap-1.5 text-sm font-medium text-indigo-600 hover:text-indigo-500"
        data-testid="task-instance-link"
      >
        {t("instanceLink")}
        <ExternalLink className="size-3.5" aria-hidden />
      </Link>
    </header>
  );
}
