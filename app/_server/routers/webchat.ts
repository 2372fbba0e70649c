import { z } from "zod";
import { procedure, router } from "../trpc";

const visitor = z.object({ visitorId: z.string().trim().min(1).max(128) });

/** The in-app web-chat test panel: the same intake as the webhook, minus HTTP. */
export const webchatRouter = router({
  send: procedure
    .input(visitor.extend({ text: z.string(), name: z.string().optional(), flowId: z.string().optional() }))
    .mutation(({ ctx, input }) => ctx.engine.receive("webchat", { ...input, messageId: ctx.engine.newMessageId() })),
  messages: procedure.input(visitor).query(({ ctx, input }) => ctx.engine.conversationFor("webchat", input.visitorId)),
});
