"use client";
import { useQuery } from "@tanstack/react-query";
import { CheckCheck, Inbox } from "lucide-react";
import { useTranslations } from "next-intl";
import { useTRPC } from "@/app/_lib/trpc";
import { EmptyState } from "@/app/_ui/empty-state";
import { ErrorNotice } from "@/app/_ui/error-notice";
import { Loading } from "@/app/_ui/loading";
import { QueueTabs } from "./queue-tabs";
import { TaskListItem } from "./task-list-item";
import type { QueueStatus } from "./use-workspace-url";

const POLL_MS = 1500;

/** Open or completed tasks, refreshed in the background so new hand-overs show up on their own. */
export function TaskQueue({
  status,
  selectedId,
  onSelect,
  onStatus,
}: {
  status: QueueStatus;
  selectedId: string | null;
  onSelect: (id: string) => void;
  onStatus: (status: QueueStatus) => void;
}) {
  const t = useTranslations("workspace.queue");
  const trpc = useTRPC();
  const tasks = useQuery(trpc.tasks.list.queryOptions({ status }, { refetchInterval: POLL_MS }));
  // The open count stays visible on its tab while the completed list is shown.
  const open = useQuery(trpc.tasks.list.queryOptions({ status: "open" }, { refetchInterval: POLL_MS }));

  return (
    <>
      <QueueTabs status={status} openCount={open.data?.length} onStatus={onStatus} />
      <div className="min-h-0 flex-1 overflow-y-auto" data-testid="task-list">
        {tasks.isPending ? (
          <Loading label={t("loading")} />
        ) : tasks.isError ? (
          <ErrorNotice error={tasks.error} className="m-3" />
        ) : tasks.data.length === 0 ? (
          status === "open" ? (
            <EmptyState icon={Inbox} title={t("emptyOpen")}>
              {t("emptyOpenBody")}
            </EmptyState>
          ) : (
            <EmptyState icon={CheckCheck} title={t("emptyCompleted")} />
          )
        ) : (
          <ul className="divide-y divide-slate-100">
            {tasks.data.map((task) => (
              <TaskListItem key={task.id} task={task} selected={task.id === selectedId} onSelect={() => onSelect(task.id)} />
            ))}
          </ul>
        )}
      </div>
    </>
  );
}
