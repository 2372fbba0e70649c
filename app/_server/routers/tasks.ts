import { z } from "zod";
import { procedure, router } from "../trpc";

const taskId = z.object({ taskId: z.string().min(1) });

export const tasksRouter = router({
  list: procedure
    .input(z.object({ status: z.enum(["open", "completed"]).default("open"), operatorId: z.string().min(1).optional() }))
    .query(({ ctx, input }) => ctx.engine.tasks.list(input)),
  /** With `operatorId`, the task says which of its skills that person lacks. */
  get: procedure
    .input(taskId.extend({ operatorId: z.string().min(1).optional() }))
    .query(({ ctx, input }) => ctx.engine.tasks.get(input.taskId, input.operatorId)),
  toggleStep: procedure
    .input(taskId.extend({ index: z.number().int().min(0), done: z.boolean() }))
    .mutation(({ ctx, input }) => ctx.engine.tasks.toggleStep(input.taskId, input.index, input.done)),
  reply: procedure
    .input(taskId.extend({ text: z.string().trim().min(1, "write a message").max(4000) }))
    .mutation(({ ctx, input }) => ctx.engine.replyToTask(input.taskId, input.text)),
  complete: procedure
    // Without an operator the caller completes it as the system (an API client); the workspace always says who.
    .input(taskId.extend({ outcome: z.string().min(1), operatorId: z.string().min(1).nullable().default(null) }))
    .mutation(({ ctx, input }) => ctx.engine.completeTask(input.taskId, input.outcome, input.operatorId)),
});
