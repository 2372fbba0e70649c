import * as z from "zod";
import { TASK_PRIORITIES, type TaskPriority } from "../contracts/events";
import { defineEffect, effectSchema } from "./define-effect";

const RU_PRIORITIES: Record<TaskPriority, string> = { low: "низкий", normal: "обычный", high: "высокий", urgent: "срочный" };

/** Moves an open task to another queue with a new priority and SLA deadline; the flow keeps waiting on it. */
export const taskEscalate = defineEffect({
  kind: "task.escalate",
  schema: effectSchema("task.escalate", { taskId: z.string(), queue: z.string(), priority: z.enum(TASK_PRIORITIES), slaMs: z.number(), note: z.string() }),
  write(effect, step) {
    // The note becomes a guided step, so whoever takes the task over sees why it moved.
    step.repos.tasks.escalate({
      taskId: effect.taskId,
      queue: effect.queue,
      priority: TASK_PRIORITIES.indexOf(effect.priority),
      dueAt: effect.slaMs > 0 ? step.at + effect.slaMs : null,
      step: { text: effect.note, done: false },
      at: step.at,
    });
  },
  simulate: () => {}, // the simulated task stays the one the script completes
  describe: (effect, { locale }) =>
    locale === "ru"
      ? `Задача переведена в очередь ${effect.queue} (приоритет: ${RU_PRIORITIES[effect.priority]}): ${effect.note}`
      : `Task moved to ${effect.queue} (${effect.priority}): ${effect.note}`,
});
