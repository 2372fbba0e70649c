import * as z from "zod";
import { procedure, router } from "../trpc";

const versionId = z.object({ versionId: z.string().min(1).max(64) });

export const versionsRouter = router({
  /** A published version: its frozen graph and compiled machine JSON. */
  get: procedure.input(versionId).query(({ ctx, input }) => ctx.engine.flows.version(input.versionId)),
  /** Puts a version's graph back into its flow's draft (the draft's test cases stay). */
  restore: procedure.input(versionId).mutation(({ ctx, input }) => ctx.engine.flows.restore(input.versionId)),
});
