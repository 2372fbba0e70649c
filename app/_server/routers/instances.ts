import { z } from "zod";
import { procedure, router, staffProcedure } from "../trpc";

export const instancesRouter = router({
  list: procedure.input(z.object({ flowId: z.string().min(1) })).query(({ ctx, input }) => ctx.engine.instances.list(input.flowId)),
  /** An operator starts a flow for the customer in front of them. */
  startForCustomer: staffProcedure
    .input(z.object({ flowId: z.string().min(1).max(64), customerId: z.string().min(1).max(64), note: z.string().trim().max(500).default("") }))
    .mutation(({ ctx, input }) => ctx.engine.startForCustomer(input.flowId, input.customerId, ctx.user.id, input.note)),
  startable: procedure.query(({ ctx }) => ctx.engine.operatorStartable()),
  get: procedure.input(z.object({ instanceId: z.string().min(1) })).query(({ ctx, input }) => ctx.engine.instances.get(input.instanceId)),
});
