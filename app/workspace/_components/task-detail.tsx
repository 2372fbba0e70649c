"use client";
import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useTRPC } from "@/app/_lib/trpc";
import { ErrorNotice } from "@/app/_ui/error-notice";
import { Loading } from "@/app/_ui/loading";
import { CustomerCard } from "./customer-card";
import { TaskConversation } from "./task-conversation";
import { TaskHeader } from "./task-header";
import { TaskOutcomes } from "./task-outcomes";
import { TaskSteps } from "./task-steps";

/** One task: the conversation in the middle, who and what to do on the right. Polled, like the queue. */
export function TaskDetail({ taskId }: { taskId: string }) {
  const t = useTranslations("workspace.task");
  const trpc = useTRPC();
  const task = useQuery(trpc.tasks.get.queryOptions({ taskId }, { refetchInterval: 1500 }));

  if (task.isPending) return <Loading label={t("loading")} />;
  if (task.isError) return <ErrorNotice error={task.error} className="m-6" />;
  return (
    <div className="flex h-full min-h-0 flex-col" data-testid="task-detail">
      <TaskHeader task={task.data} />
      <div className="flex min-h-0 flex-1">
        <TaskConversation task={task.data} />
        <aside className="w-80 shrink-0 space-y-4 overflow-y-auto border-l border-slate-200 bg-slate-50/60 p-4">
          <TaskOutcomes task={task.data} />
          <TaskSteps task={task.data} />
          <CustomerCard task={task.data} />
        </aside>
      </div>
    </div>
  );
}
