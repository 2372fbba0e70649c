"use client";
import { UserRound } from "lucide-react";
import { useTranslations } from "next-intl";
import { Badge } from "@/app/_ui/badge";
import type { RouterOutputs } from "@/app/_ui/router-types";
import { Age } from "@/app/_ui/time";
import { useChannelTitle } from "@/app/_ui/use-node-text";
import { TaskRouting } from "./task-routing";
import { TaskUrgency } from "./task-urgency";

type TaskSummary = RouterOutputs["tasks"]["list"][number];

export function TaskListItem({ task, selected, onSelect }: { task: TaskSummary; selected: boolean; onSelect: () => void }) {
  const t = useTranslations("workspace.queue");
  const common = useTranslations("common");
  const channelTitle = useChannelTitle();
  return (
    <li>
      <button
        type="button"
        onClick={onSelect}
        aria-current={selected}
        className={`block w-full border-l-2 px-4 py-3 text-left ${selected ? "border-indigo-600 bg-indigo-50/70" : "border-transparent hover:bg-slate-50"}`}
        data-testid="task-row"
        data-task-id={task.id}
      >
        <div className="flex items-start justify-between gap-2">
          <span className="line-clamp-2 text-sm font-medium text-slate-900">{task.title}</span>
          <span className="shrink-0 pt-0.5 text-xs text-slate-500">
            <Age date={task.createdAt} />
          </span>
        </div>
        <div className="mt-1.5 flex flex-wrap items-center gap-2 text-xs text-slate-500">
          <Badge tone="indigo">{task.queue}</Badge>
          {task.channel && <Badge data-testid="task-channel">{channelTitle(task.channel)}</Badge>}
          <TaskUrgency task={task} />
          <TaskRouting task={task} />
          <span className="flex min-w-0 items-center gap-1">
            <UserRound className="size-3 shrink-0" aria-hidden />
            <span className="truncate">{task.customerName ?? common("unknownCustomer")}</span>
          </span>
          {task.outcome && <Badge tone="blue">{task.outcome}</Badge>}
          {task.status === "cancelled" && <Badge tone="gray">{t("cancelled")}</Badge>}
        </div>
      </button>
    </li>
  );
}
