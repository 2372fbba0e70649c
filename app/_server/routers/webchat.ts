import * as z from "zod";
import { visitorTokenSchema } from "@/engine/contracts/api-keys";
import { procedure, router } from "../trpc";

const visitor = z.object({ token: visitorTokenSchema });

/**
 * The in-app web-chat panel: the same intake as the webhook, minus HTTP. A visitor is a signed
 * token the panel keeps; posting and reading need it, so nobody reads or writes another's chat.
 */
export const webchatRouter = router({
  newVisitor: procedure.mutation(({ ctx }) => ctx.engine.webchat.newVisitor()),
  send: procedure
    .input(visitor.extend({ text: z.string(), name: z.string().optional(), flowId: z.string().optional() }))
    .mutation(({ ctx, input: { token, ...message } }) => ctx.engine.webchat.send(token, message)),
  messages: procedure.input(visitor).query(({ ctx, input }) => ctx.engine.webchat.messages(input.token)),
});
