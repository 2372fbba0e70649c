import { retentionSchema } from "@/engine/contracts/privacy";
import { procedure, router } from "../trpc";

/** Privacy settings: how long message bodies and logs are kept (the engine's hourly job applies it). */
export const privacyRouter = router({
  retention: procedure.query(({ ctx }) => ctx.engine.settings.get("privacy.retention")),
  setRetention: procedure.input(retentionSchema).mutation(({ ctx, input }) => ctx.engine.settings.set("privacy.retention", input)),
});
