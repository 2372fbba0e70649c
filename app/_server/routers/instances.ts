import { z } from "zod";
import { procedure, router, staffProcedure } from "../trpc";

const id = z.string().min(1).max(64);

export const instancesRouter = router({
  list: procedure.input(z.object({ flowId: z.string().min(1) })).query(({ ctx, input }) => ctx.engine.instances.list(input.flowId)),
  /** An operator starts a flow for the customer in front of them. */
  startForCustomer: staffProcedure
    .input(z.object({ flowId: z.string().min(1).max(64), customerId: z.string().min(1).max(64), note: z.string().trim().max(500).default("") }))
    .mutation(({ ctx, input }) => ctx.engine.startForCustomer(input.flowId, input.customerId, ctx.user.id, input.note)),
  startable: procedure.query(({ ctx }) => ctx.engine.operatorStartable()),
  /** Feeds the instance's recorded events through its flow's saved draft in the simulator; reads only. */
  replayOnDraft: procedure.input(z.object({ instanceId: id })).query(({ ctx, input }) => ctx.engine.replay.onDraft(input.instanceId)),
  get: procedure.input(z.object({ instanceId: z.string().min(1) })).query(({ ctx, input }) => ctx.engine.instances.get(input.instanceId)),
});
