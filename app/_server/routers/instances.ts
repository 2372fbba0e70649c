import { z } from "zod";
import { procedure, router } from "../trpc";

export const instancesRouter = router({
  list: procedure.input(z.object({ flowId: z.string().min(1) })).query(({ ctx, input }) => ctx.engine.instances.list(input.flowId)),
  get: procedure.input(z.object({ instanceId: z.string().min(1) })).query(({ ctx, input }) => ctx.engine.instances.get(input.instanceId)),
});
