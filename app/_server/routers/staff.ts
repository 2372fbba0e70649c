import { z } from "zod";
import { procedure, router } from "../trpc";

const operatorId = z.object({ operatorId: z.string().min(1) });

/** Who works in the workspace, and the internal notifications flows raise for them. */
export const staffRouter = router({
  list: procedure.query(({ ctx }) => ctx.engine.staff.list()),
  notifications: procedure.input(operatorId).query(({ ctx, input }) => ctx.engine.staff.notifications(input.operatorId)),
  acknowledge: procedure
    .input(operatorId.extend({ notificationId: z.string().min(1) }))
    .mutation(({ ctx, input }) => ctx.engine.staff.acknowledge(input.notificationId, input.operatorId)),
});
