import { credentialId, newCredentialSchema, renameCredentialSchema, replaceCredentialSchema } from "@/engine/contracts/credentials";
import * as z from "zod";
import { procedure, router } from "../trpc";

/**
 * Credentials for nodes that call outside systems. Values are write-only: create and replace take
 * one, and no procedure returns one (list and the mutations answer with name, kind and hint).
 */
export const credentialsRouter = router({
  list: procedure.query(({ ctx }) => ctx.engine.credentials.list()),
  create: procedure.input(newCredentialSchema).mutation(({ ctx, input }) => ctx.engine.credentials.create(input)),
  replace: procedure.input(replaceCredentialSchema).mutation(({ ctx, input }) => ctx.engine.credentials.replace(input)),
  rename: procedure.input(renameCredentialSchema).mutation(({ ctx, input }) => ctx.engine.credentials.rename(input)),
  remove: procedure.input(z.object({ id: credentialId })).mutation(({ ctx, input }) => ctx.engine.credentials.remove(input.id)),
});
