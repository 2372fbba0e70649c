import * as z from "zod";
import { migrationApplySchema, migrationRequestSchema } from "@/engine/contracts/migration";
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
  /** How many instances wait on an older version and where, the suggested mapping to the latest, and what stops it. */
  migrationPlan: procedure.input(migrationRequestSchema).query(({ ctx, input }) => ctx.engine.migrations.preview(input)),
  /** Moves them as the mapping says, in batches; the engine's audit row says what moved. */
  migrate: staffProcedure
    .input(migrationApplySchema)
    .mutation(({ ctx, input }) =>
      ctx.engine.migrations.apply(input, { actor: { kind: "user", id: ctx.user.id, name: ctx.user.name }, role: ctx.user.role, requestId: ctx.requestId }),
    ),
});
