import * as z from "zod";
import { procedure, router, staffProcedure } from "../trpc";

/** Who works in the workspace, and the internal notifications flows raise for the signed-in person. */
export const staffRouter = router({
  list: procedure.query(({ ctx }) => ctx.engine.staff.list()),
  notifications: staffProcedure.query(({ ctx }) => ctx.engine.staff.notifications(ctx.user.id)),
  acknowledge: staffProcedure
    .input(z.object({ notificationId: z.string().min(1).max(64) }))
    .mutation(({ ctx, input }) => ctx.engine.staff.acknowledge(input.notificationId, ctx.user.id)),
});
