import * as z from "zod";
import { TASK_PRIORITIES } from "../contracts/events";
import { defineEffect, effectSchema } from "./define-effect";

/** An operator task in a queue (once per key), about the instance's customer and conversation. */
export const taskCreate = defineEffect({
  kind: "task.create",
  schema: effectSchema("task.create", {
    queue: z.string(),
    title: z.string(),
    steps: z.array(z.string()),
    outcomes: z.array(z.string()),
    priority: z.enum(TASK_PRIORITIES),
    slaMs: z.number(),
    skills: z.array(z.string()).optional(),
    /** When the task falls due (a callback booked for a time); its SLA counts from then. Absent: now. */
    dueAt: z.number().optional(),
  }),
  write(effect, step) {
    step.repos.tasks.create({
      id: effect.key,
      instanceId: step.instanceId,
      nodeId: effect.nodeId,
      queue: effect.queue,
      title: effect.title,
      steps: effect.steps.map((text) => ({ text, done: false })),
      outcomes: effect.outcomes,
      priority: TASK_PRIORITIES.indexOf(effect.priority),
      dueAt: effect.dueAt !== undefined ? effect.dueAt + effect.slaMs : effect.slaMs > 0 ? step.at + effect.slaMs : null,
      skills: effect.skills ?? [],
      customerId: step.customerId,
      conversationId: step.conversationId,
      at: step.at,
    });
  },
  simulate: (effect, world) => world.openTask(effect.key, effect.nodeId),
  describe: (effect, { locale }) => {
    const due = effect.dueAt === undefined ? "" : new Date(effect.dueAt).toISOString().slice(0, 16).replace("T", " ");
    return locale === "ru"
      ? `Задача «${effect.title}» в очереди ${effect.queue}${effect.skills?.length ? ` (нужны навыки: ${effect.skills.join(", ")})` : ""}${due && `, срок ${due} UTC`}`
      : `Task “${effect.title}” in queue ${effect.queue}${effect.skills?.length ? ` (needs ${effect.skills.join(", ")})` : ""}${due && `, due ${due} UTC`}`;
  },
});
