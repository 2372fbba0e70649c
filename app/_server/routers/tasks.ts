import * as z from "zod";
import { router, staffProcedure } from "../trpc";

const taskId = z.object({ taskId: z.string().min(1).max(64) });

/** The signed-in person's queue: they see, open and complete only the tasks they may take. */
export const tasksRouter = router({
  list: staffProcedure
    .input(z.object({ status: z.enum(["open", "completed"]).default("open") }))
    .query(({ ctx, input }) => ctx.engine.tasks.list({ ...input, operatorId: ctx.user.id })),
  /** The task says which of its skills the viewer lacks. */
  get: staffProcedure.input(taskId).query(({ ctx, input }) => ctx.engine.tasks.get(input.taskId, ctx.user.id)),
  toggleStep: staffProcedure
    .input(taskId.extend({ index: z.number().int().min(0).max(100), done: z.boolean() }))
    .mutation(({ ctx, input }) => ctx.engine.tasks.toggleStep(input.taskId, input.index, input.done, ctx.user.id)),
  reply: staffProcedure
    .input(taskId.extend({ text: z.string().trim().min(1, "write a message").max(4000) }))
    .mutation(({ ctx, input }) => ctx.engine.replyToTask(input.taskId, input.text, ctx.user.id)),
  complete: staffProcedure
    .input(taskId.extend({ outcome: z.string().min(1).max(64) }))
    .mutation(({ ctx, input }) => ctx.engine.completeTask(input.taskId, input.outcome, ctx.user.id)),
});
