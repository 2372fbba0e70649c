"use client";
import { Inbox } from "lucide-react";
import { useTranslations } from "next-intl";
import { EmptyState } from "@/app/_ui/empty-state";
import { Notifications } from "./notifications";
import { SignedInAs } from "./signed-in-as";
import { TaskDetail } from "./task-detail";
import { TaskQueue } from "./task-queue";
import { useWorkspaceUrl } from "./use-workspace-url";

/** The operator's desk: the queue on the left, the selected task on the right. */
export function Workspace() {
  const t = useTranslations("workspace");
  const { status, taskId, selectTask, showStatus } = useWorkspaceUrl();
  return (
    <div className="flex h-full min-h-0">
      <aside className="flex w-80 shrink-0 flex-col border-r border-slate-200 bg-white">
        <SignedInAs />
        <Notifications />
        <TaskQueue status={status} selectedId={taskId} onSelect={selectTask} onStatus={showStatus} />
      </aside>
      <section className="min-w-0 flex-1">
        {taskId ? (
          <TaskDetail key={taskId} taskId={taskId} />
        ) : (
          <div className="flex h-full items-center justify-center">
            <EmptyState icon={Inbox} title={t("pickTask.title")}>
              {t("pickTask.body")}
            </EmptyState>
          </div>
        )}
      </section>
    </div>
  );
}
