import { z } from "zod";
import { procedure, router } from "../trpc";

export const versionsRouter = router({
  /** A published version: its frozen graph and compiled machine JSON. */
  get: procedure.input(z.object({ versionId: z.string().min(1) })).query(({ ctx, input }) => ctx.engine.flows.version(input.versionId)),
});
