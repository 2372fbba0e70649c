"use client";
import { useMutation } from "@tanstack/react-query";
import { CheckCircle2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { useTRPC } from "@/app/_lib/trpc";
import { Button } from "@/app/_ui/button";
import { Card } from "@/app/_ui/card";
import { ErrorNotice } from "@/app/_ui/error-notice";
import type { Task } from "./task-types";
import { useRefreshTask } from "./use-refresh-task";

const label = (outcome: string) => outcome.charAt(0).toUpperCase() + outcome.slice(1).replace(/[-_]/g, " ");

/** Completing sends the chosen outcome back to the waiting flow instance, which then continues. */
export function TaskOutcomes({ task }: { task: Task }) {
  const t = useTranslations("workspace.outcomes");
  const trpc = useTRPC();
  const refresh = useRefreshTask(task.id);
  const complete = useMutation(trpc.tasks.complete.mutationOptions({ onSuccess: refresh }));

  if (task.status !== "open") {
    return (
      <Card title={t("outcome")} testId="task-outcomes">
        {task.status === "cancelled" ? (
          <p className="text-sm text-slate-700">{t("cancelled")}</p>
        ) : (
          <p className="flex items-center gap-2 text-sm text-slate-700">
            <CheckCircle2 className="size-4 text-emerald-600" aria-hidden />
            {t.rich("completedAs", { outcome: task.outcome ?? "", strong: (chunks) => <strong className="font-semibold">{chunks}</strong> })}
          </p>
        )}
      </Card>
    );
  }
  return (
    <Card title={t("title")} testId="task-outcomes">
      <p className="mb-3 text-xs text-slate-500">{t("hint")}</p>
      <div className="flex flex-wrap gap-2">
        {task.outcomes.map((outcome, index) => (
          <Button
            key={outcome}
            variant={index === 0 ? "primary" : "secondary"}
            disabled={complete.isPending}
            onClick={() => complete.mutate({ taskId: task.id, outcome })}
            data-testid={`task-complete-${outcome}`}
          >
            {complete.isPending && complete.variables.outcome === outcome ? t("completing") : label(outcome)}
          </Button>
        ))}
      </div>
      <ErrorNotice error={complete.error} className="mt-3" />
    </Card>
  );
}
