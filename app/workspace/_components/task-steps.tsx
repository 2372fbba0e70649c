"use client";
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useTRPC } from "@/app/_lib/trpc";
import { Card } from "@/app/_ui/card";
import { ErrorNotice } from "@/app/_ui/error-notice";
import type { Task } from "./task-types";
import { useRefreshTask } from "./use-refresh-task";

/** The guided steps the flow attached to the task; ticking one is saved at once. */
export function TaskSteps({ task }: { task: Task }) {
  const t = useTranslations("workspace.steps");
  if (task.steps.length === 0) return null;
  const done = task.steps.filter((s) => s.done).length;
  return (
    <Card
      title={t("title")}
      aside={
        <span className="text-xs text-slate-500 tabular-nums">
          {done}/{task.steps.length}
        </span>
      }
      testId="task-steps"
    >
      <ul className="space-y-2.5">
        {task.steps.map((step, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a step is its position: the flow fixes the list, tasks.toggleStep addresses it by index.
          <TaskStep key={index} taskId={task.id} index={index} text={step.text} saved={step.done} open={task.status === "open"} />
        ))}
      </ul>
    </Card>
  );
}

/** One step with its own save, so several can be ticked in quick succession. */
function TaskStep({ taskId, index, text, saved, open }: { taskId: string; index: number; text: string; saved: boolean; open: boolean }) {
  const trpc = useTRPC();
  const refresh = useRefreshTask(taskId);
  const toggle = useMutation(trpc.tasks.toggleStep.mutationOptions({ onSuccess: refresh }));
  // Held in React state (not read from the mutation, which updates a tick later) so the
  // controlled checkbox never flips back while its save is in flight.
  const [pending, setPending] = useState<boolean | null>(null);
  const done = pending ?? saved;
  const change = (value: boolean) => {
    setPending(value);
    toggle.mutate({ taskId, index, done: value }, { onSettled: () => setPending(null) });
  };
  return (
    <li>
      <label className="flex cursor-pointer items-start gap-2.5 text-sm has-disabled:cursor-default">
        <input
          type="checkbox"
          className="mt-0.5 size-4 rounded border-slate-300 accent-indigo-600"
          checked={done}
          disabled={!open || pending !== null}
          onChange={(e) => change(e.target.checked)}
          data-testid={`task-step-${index}`}
        />
        <span className={done ? "text-slate-400 line-through" : "text-slate-700"}>{text}</span>
      </label>
      <ErrorNotice error={toggle.error} className="mt-2" />
    </li>
  );
}
