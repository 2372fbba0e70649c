import * as z from "zod";
import { apiKeyIdSchema, newApiKeySchema } from "@/engine/contracts/api-keys";
import { procedure, router } from "../trpc";

/** API keys for machine callers (settings page): the key and signing secret come back from `create` only. */
export const apiKeysRouter = router({
  list: procedure.query(({ ctx }) => ctx.engine.apiKeys.list()),
  create: procedure.input(newApiKeySchema).mutation(({ ctx, input }) => ctx.engine.apiKeys.create(input)),
  revoke: procedure.input(z.object({ keyId: apiKeyIdSchema })).mutation(({ ctx, input }) => ctx.engine.apiKeys.revoke(input.keyId)),
});
